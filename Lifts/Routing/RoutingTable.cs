using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Lifts.Routing;

/// <summary>What one permutation routes.</summary>
public enum Granularity
{
    /// <summary>One permutation π_{iμ} per edge (i, μ) (the default).</summary>
    Edge,
    /// <summary>One permutation per block of 64 weights and pattern: a machine word is routed as a unit.</summary>
    Word,
    /// <summary>
    /// Committee machines only: one permutation π_{kμ} per hidden unit k and pattern μ, so the routed model takes unit k's
    /// whole weight vector from copy π_{kμ}(b) (a row of the table is one (μ, k)).
    /// </summary>
    Unit,
}

/// <summary>When permutations are drawn.</summary>
public enum Schedule
{
    /// <summary>Once for the run: a true graph cover (the default).</summary>
    Quenched,
    /// <summary>Afresh every epoch.</summary>
    Annealed,
}

/// <summary>
/// The wiring of an M-cover lift for all P patterns: for factor copy (μ, b), the source copy π_{iμ}(b) of every
/// coordinate i, stored as L = ⌈log₂M⌉ bit planes of N bits (bit l of plane l is bit l of the source index), so the routed
/// vector w̃^{(μ,b)} is assembled word by word by a bit-sliced multiplexer over the M copies.
/// Memory: P·M·L·⌈N/64⌉ words (N = 10^4, α = 2, M = 16: 1.6 GB).
/// </summary>
public sealed class RoutingTable
{
    private readonly ulong[] _planes; // [μ][b][l][word]
    private byte[]? _sources;         // word granularity: [μ][b][word] = source copy of the whole word

    private RoutingTable(int n, int p, int copies)
    {
        N = n;
        P = p;
        Copies = copies;
        Words = PackedSpins.WordCount(n);
        Bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(copies)));
        _planes = new ulong[(long)p * copies * Bits * Words];
    }

    /// <summary>Number of coordinates N.</summary>
    public int N { get; }
    /// <summary>Number of patterns P.</summary>
    public int P { get; }
    /// <summary>Copies M.</summary>
    public int Copies { get; }
    /// <summary>Words per plane.</summary>
    public int Words { get; }
    /// <summary>Bit planes per factor copy, L = ⌈log₂M⌉ (at least 1).</summary>
    public int Bits { get; }

    /// <summary>True when every word is routed as a unit (word or unit granularity, M ≤ 256): <see cref="WordSources"/> holds
    /// the source copy of each word, and routing is a gather of whole words.</summary>
    public bool WordRouted => _sources is not null;

    /// <summary>Word granularity: the source copy of each word of factor copy (μ, b).</summary>
    public ReadOnlySpan<byte> WordSources(int mu, int b) => new(_sources, (mu * Copies + b) * Words, Words);

    /// <summary>Bytes the table occupies.</summary>
    public static long BytesFor(int n, int p, int copies)
        => (long)p * copies * Math.Max(1, (int)Math.Ceiling(Math.Log2(copies))) * PackedSpins.WordCount(n) * sizeof(ulong);

    /// <summary>
    /// Draws all permutations: those of pattern μ come from the stream (seed, Routing, epoch·2^32 + μ), so patterns can
    /// be filled in parallel and the table depends only on (seed, epoch, kernel, granularity).
    /// </summary>
    /// <param name="sampler">Permutation law.</param>
    /// <param name="n">Coordinates N.</param>
    /// <param name="p">Patterns in the table.</param>
    /// <param name="granularity">Edge or word.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="epoch">Epoch whose routing this is (0 for quenched).</param>
    /// <param name="firstPattern">Global index of the table's first pattern: a table of one pattern drawn on the fly
    /// equals that pattern's rows of the full table.</param>
    public static RoutingTable Draw(PermutationSampler sampler, int n, int p, Granularity granularity, ulong seed, int epoch, int firstPattern = 0)
    {
        int m = sampler.Copies;
        var table = new RoutingTable(n, p, m);
        if (granularity != Granularity.Edge && m <= 256) table._sources = new byte[(long)p * m * table.Words];
        Parallel.For(0, p, mu =>
        {
            var rng = RngStream.For(seed, StreamTag.Routing, ((ulong)(uint)epoch << 32) | (uint)(firstPattern + mu));
            Span<int> perm = stackalloc int[m];
            if (granularity == Granularity.Unit) sampler.Sample(ref rng, perm); // one draw for the whole row (μ, k)
            for (int j = 0; j < table.Words; j++)
            {
                int lanes = Math.Min(64, n - 64 * j);
                if (granularity != Granularity.Edge)
                {
                    if (granularity == Granularity.Word) sampler.Sample(ref rng, perm);
                    if (table._sources is { } sources)
                        for (int b = 0; b < m; b++) sources[((long)mu * m + b) * table.Words + j] = (byte)perm[b];
                    ulong all = lanes == 64 ? ulong.MaxValue : (1UL << lanes) - 1;
                    for (int b = 0; b < m; b++)
                        for (int l = 0; l < table.Bits; l++)
                            if (((perm[b] >> l) & 1) != 0) table._planes[table.Index(mu, b, l) + j] = all;
                    continue;
                }
                for (int bit = 0; bit < lanes; bit++)
                {
                    sampler.Sample(ref rng, perm);
                    for (int b = 0; b < m; b++)
                        for (int l = 0; l < table.Bits; l++)
                            if (((perm[b] >> l) & 1) != 0) table._planes[table.Index(mu, b, l) + j] |= 1UL << bit;
                }
            }
        });
        return table;
    }

    /// <summary>A table from given permutations: <paramref name="permutation"/>(μ, i, π) writes π_{iμ} (tests, relabellings).</summary>
    internal static RoutingTable FromPermutations(int n, int p, int copies, Action<int, int, int[]> permutation)
    {
        var table = new RoutingTable(n, p, copies);
        var perm = new int[copies];
        for (int mu = 0; mu < p; mu++)
            for (int i = 0; i < n; i++)
            {
                permutation(mu, i, perm);
                for (int b = 0; b < copies; b++)
                    for (int l = 0; l < table.Bits; l++)
                        if (((perm[b] >> l) & 1) != 0) table._planes[table.Index(mu, b, l) + (i >> 6)] |= 1UL << (i & 63);
            }
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Index(int mu, int b, int l) => (((long)mu * Copies + b) * Bits + l) * Words;

    /// <summary>π_{iμ}(b): the copy that factor copy (μ, b) reads coordinate i from.</summary>
    public int Source(int mu, int b, int i)
    {
        int src = 0;
        for (int l = 0; l < Bits; l++) src |= (int)((_planes[Index(mu, b, l) + (i >> 6)] >> (i & 63)) & 1) << l;
        return src;
    }

    /// <summary>The lanes of word j of factor copy (μ, b) whose source is copy a: ∧_l (plane_l ⊙ bit_l(a)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Select(int mu, int b, int a, int j)
    {
        long at = Index(mu, b, 0) + j;
        ulong sel = ulong.MaxValue;
        for (int l = 0; l < Bits; l++, at += Words)
            sel &= ((a >> l) & 1) != 0 ? _planes[at] : ~_planes[at];
        return sel;
    }

    /// <summary>
    /// Routed model of factor copy (μ, b): w̃_i = w_i^{π_{iμ}(b)}, assembled word by word: a multiplexer tree over the copies
    /// driven by the L planes (level l picks between copy pairs that differ in bit l), M − 1 selects per word.
    /// </summary>
    /// <param name="mu">Pattern.</param>
    /// <param name="b">Factor copy.</param>
    /// <param name="storage">Packed weights of all copies: copy a starts at <paramref name="first"/> + a·<paramref name="stride"/>.</param>
    /// <param name="first">Offset of copy 0.</param>
    /// <param name="stride">Words between consecutive copies.</param>
    /// <param name="routed">Destination, ⌈N/64⌉ words.</param>
    public void Route(int mu, int b, ReadOnlySpan<ulong> storage, int first, int stride, Span<ulong> routed)
    {
        if (routed.Length < Words || storage.Length < first + (Copies - 1) * stride + Words) throw new ArgumentException("buffers shorter than the table");
        ref ulong source = ref Unsafe.Add(ref MemoryMarshal.GetReference(storage), first);
        ref ulong target = ref MemoryMarshal.GetReference(routed);
        if (_sources is not null)
        {
            // Word granularity: each routed word is one load from its source copy.
            var sources = WordSources(mu, b);
            for (int w = 0; w < Words; w++) Unsafe.Add(ref target, w) = Unsafe.Add(ref source, sources[w] * stride + w);
            return;
        }
        int j = 0;
        if (Vector512.IsHardwareAccelerated) j = RouteBlocks<Lanes512, Vector512<ulong>>(mu, b, ref source, stride, ref target, j);
        if (Vector256.IsHardwareAccelerated) j = RouteBlocks<Lanes256, Vector256<ulong>>(mu, b, ref source, stride, ref target, j);
        RouteBlocks<Lanes64, ulong>(mu, b, ref source, stride, ref target, j);
    }

    /// <summary>The multiplexer tree on whole registers from word <paramref name="j"/>; returns the first word left.</summary>
    private int RouteBlocks<TL, T>(int mu, int b, ref ulong source, int stride, ref ulong target, int j) where TL : ILanes<T> where T : unmanaged
    {
        int m = Copies, width = TL.Width;
        Span<T> level = stackalloc T[m];
        ref ulong planes = ref _planes[Index(mu, b, 0)];
        for (; j + width <= Words; j += width)
        {
            for (int a = 0; a < m; a++) level[a] = TL.Load(ref Unsafe.Add(ref source, a * stride + j));
            int count = m;
            for (int l = 0; l < Bits; l++)
            {
                T plane = TL.Load(ref Unsafe.Add(ref planes, l * Words + j));
                int next = 0;
                for (int a = 0; a < count; a += 2)
                    level[next++] = a + 1 < count ? TL.Or(TL.AndNot(level[a], plane), TL.And(level[a + 1], plane)) : TL.AndNot(level[a], plane);
                count = next;
            }
            TL.Store(ref Unsafe.Add(ref target, j), level[0]);
        }
        return j;
    }

    /// <summary>The L planes of factor copy (μ, b), each ⌈N/64⌉ words: plane l at offset l·Words.</summary>
    public ReadOnlySpan<ulong> Planes(int mu, int b) => new(_planes, (int)Index(mu, b, 0), Bits * Words);
}
