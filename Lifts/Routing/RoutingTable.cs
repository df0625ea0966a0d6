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
/// <remarks>
/// Two layouts of the same planes: copy-major [μ][b][l][word] (a factor copy's plane is contiguous: <see cref="RouteAll"/>,
/// <see cref="Planes"/>), and copy-interleaved [μ][word][l][b] with the factor copies padded to a multiple of
/// <see cref="Interleave"/> (word j of plane l of all factor copies is contiguous: one register holds it for
/// <see cref="Interleave"/> factor copies; used by the routed trainer's interleaved kernels, <see cref="InterleavedPlanes"/>).
/// </remarks>
public sealed class RoutingTable
{
    private readonly ulong[] _planes; // copy-major [μ][b][l][word], or interleaved [μ][word][l][b padded]
    private byte[]? _sources;         // word granularity, copy-major: [μ][b][word] = source copy of the whole word
    private ulong[]? _lanePermutations; // word granularity, interleaved by 8, M ≤ 16: [μ][word] π and π⁻¹ as nibbles

    private RoutingTable(int n, int p, int copies, int interleave = 0, bool planes = true)
    {
        if (interleave < 0) throw new ArgumentOutOfRangeException(nameof(interleave), interleave, "interleave must be ≥ 0");
        N = n;
        P = p;
        Copies = copies;
        Words = PackedSpins.WordCount(n);
        Bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(copies)));
        Interleave = interleave;
        PaddedCopies = interleave == 0 ? copies : (copies + interleave - 1) / interleave * interleave;
        _planes = planes ? new ulong[(long)p * PaddedCopies * Bits * Words] : [];
    }

    /// <summary>
    /// Word (or unit) routing interleaved by 8 with M ≤ 16: the kernels read only <see cref="LanePermutations"/>, so the table
    /// keeps no bit planes (<see cref="InterleavedPlanes"/> is empty).
    /// </summary>
    private static bool LanesOnly(Granularity granularity, int copies, int interleave)
        => granularity != Granularity.Edge && copies <= 16 && interleave == 8;

    /// <summary>0 for the copy-major layout; else the register width (in factor copies) of the copy-interleaved layout.</summary>
    public int Interleave { get; }
    /// <summary>Factor copies per plane word in the interleaved layout (M rounded up to a multiple of <see cref="Interleave"/>; M when copy-major).</summary>
    public int PaddedCopies { get; }

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

    /// <summary>
    /// Word (or unit) granularity in the layout interleaved by 8 with M ≤ 16: routing a word is a permutation of the 8 lanes
    /// of one register (or of the 16 lanes of two), and <see cref="LanePermutations"/> holds it.
    /// </summary>
    public bool HasLanePermutations => _lanePermutations is not null;

    /// <summary>
    /// For each word j of row μ, π_{jμ} and π_{jμ}⁻¹ as 4-bit lane indices (lanes ≥ M map to themselves). M ≤ 8: one 64-bit
    /// word, bits 4b…4b+3 hold π(b) for b = 0..7 and bits 32 + 4a…32 + 4a + 3 hold π⁻¹(a). 8 &lt; M ≤ 16: two words, the
    /// first with π(b) in bits 4b…4b+3 for b = 0..15, the second with π⁻¹ likewise.
    /// </summary>
    public ReadOnlySpan<ulong> LanePermutations(int mu) => new(_lanePermutations, mu * Words * LanePermutationWords, Words * LanePermutationWords);

    /// <summary>64-bit words per word of <see cref="LanePermutations"/>: 1 for M ≤ 8, 2 for 8 &lt; M ≤ 16.</summary>
    public int LanePermutationWords => Copies <= 8 ? 1 : 2;

    /// <summary>Word granularity: the source copy of each word of factor copy (μ, b).</summary>
    public ReadOnlySpan<byte> WordSources(int mu, int b) => new(_sources, (mu * Copies + b) * Words, Words);

    /// <summary>Bytes the table occupies (copy-major; the interleaved layout pads M to a multiple of its width).</summary>
    public static long BytesFor(int n, int p, int copies, int interleave = 0, Granularity granularity = Granularity.Edge)
        => LanesOnly(granularity, copies, interleave)
            ? (long)p * PackedSpins.WordCount(n) * (copies <= 8 ? 1 : 2) * sizeof(ulong)
            : (long)p * (interleave == 0 ? copies : (copies + interleave - 1) / interleave * interleave)
              * Math.Max(1, (int)Math.Ceiling(Math.Log2(copies))) * PackedSpins.WordCount(n) * sizeof(ulong);

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
    /// <param name="interleave">0: copy-major layout; w ≥ 1: copy-interleaved layout for registers of w factor copies.</param>
    public static RoutingTable Draw(PermutationSampler sampler, int n, int p, Granularity granularity, ulong seed, int epoch, int firstPattern = 0, int interleave = 0)
    {
        int m = sampler.Copies;
        bool lanesOnly = LanesOnly(granularity, m, interleave);
        var table = new RoutingTable(n, p, m, interleave, planes: !lanesOnly);
        if (granularity != Granularity.Edge && m <= 256 && interleave == 0) table._sources = new byte[(long)p * m * table.Words];
        if (granularity != Granularity.Edge && m <= 16 && interleave == 8) table._lanePermutations = new ulong[(long)p * table.Words * table.LanePermutationWords];
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
                    table.SetLanePermutation(mu, j, perm);
                    if (lanesOnly) continue;
                    ulong all = lanes == 64 ? ulong.MaxValue : (1UL << lanes) - 1;
                    for (int b = 0; b < m; b++)
                        for (int l = 0; l < table.Bits; l++)
                            if (((perm[b] >> l) & 1) != 0) table._planes[table.At(mu, b, l, j)] = all;
                    continue;
                }
                for (int bit = 0; bit < lanes; bit++)
                {
                    sampler.Sample(ref rng, perm);
                    for (int b = 0; b < m; b++)
                        for (int l = 0; l < table.Bits; l++)
                            if (((perm[b] >> l) & 1) != 0) table._planes[table.At(mu, b, l, j)] |= 1UL << bit;
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
                        if (((perm[b] >> l) & 1) != 0) table._planes[table.At(mu, b, l, i >> 6)] |= 1UL << (i & 63);
            }
        return table;
    }

    /// <summary>The same permutations in the copy-interleaved layout for registers of <paramref name="interleave"/> factor copies.</summary>
    public RoutingTable ToInterleaved(int interleave)
    {
        if (interleave < 1) throw new ArgumentOutOfRangeException(nameof(interleave), interleave, "interleave must be ≥ 1");
        bool lanesOnly = _sources is not null && LanesOnly(Granularity.Word, Copies, interleave);
        var table = new RoutingTable(N, P, Copies, interleave, planes: !lanesOnly);
        if (!lanesOnly)
            for (int mu = 0; mu < P; mu++)
                for (int b = 0; b < Copies; b++)
                    for (int l = 0; l < Bits; l++)
                        for (int j = 0; j < Words; j++) table._planes[table.At(mu, b, l, j)] = _planes[At(mu, b, l, j)];
        if (_sources is not null && Copies <= 16 && interleave == 8)
        {
            table._lanePermutations = new ulong[(long)P * Words * LanePermutationWords];
            var perm = new int[Copies];
            for (int mu = 0; mu < P; mu++)
                for (int j = 0; j < Words; j++)
                {
                    for (int b = 0; b < Copies; b++) perm[b] = _sources[((long)mu * Copies + b) * Words + j];
                    table.SetLanePermutation(mu, j, perm);
                }
        }
        return table;
    }

    private void SetLanePermutation(int mu, int j, ReadOnlySpan<int> perm)
    {
        if (_lanePermutations is not { } lanes) return;
        int width = 8 * LanePermutationWords;
        Span<int> forward = stackalloc int[width], inverse = stackalloc int[width];
        for (int c = 0; c < width; c++) forward[c] = inverse[c] = c;
        for (int b = 0; b < perm.Length; b++) (forward[b], inverse[perm[b]]) = (perm[b], b);
        ulong pi = 0, piInverse = 0;
        for (int c = 0; c < width; c++) (pi, piInverse) = (pi | (ulong)forward[c] << (4 * c), piInverse | (ulong)inverse[c] << (4 * c));
        long at = ((long)mu * Words + j) * LanePermutationWords;
        if (width == 8) lanes[at] = pi | piInverse << 32;
        else (lanes[at], lanes[at + 1]) = (pi, piInverse);
    }

    /// <summary>Copy-major offset of plane l of factor copy (μ, b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Index(int mu, int b, int l)
    {
        if (Interleave != 0) throw new InvalidOperationException("this routing table is stored copy-interleaved");
        return (((long)mu * Copies + b) * Bits + l) * Words;
    }

    /// <summary>Position of word j of plane l of factor copy (μ, b) in either layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long At(int mu, int b, int l, int j)
        => Interleave == 0 ? (((long)mu * Copies + b) * Bits + l) * Words + j : (((long)mu * Words + j) * Bits + l) * PaddedCopies + b;

    /// <summary>π_{iμ}(b): the copy that factor copy (μ, b) reads coordinate i from.</summary>
    public int Source(int mu, int b, int i)
    {
        if (_planes.Length == 0 && _lanePermutations is { } lanes) // π(b) is nibble b of the word's first packed word
            return (int)(lanes[((long)mu * Words + (i >> 6)) * LanePermutationWords] >> (4 * b)) & 15;
        int src = 0;
        for (int l = 0; l < Bits; l++) src |= (int)((_planes[At(mu, b, l, i >> 6)] >> (i & 63)) & 1) << l;
        return src;
    }

    /// <summary>
    /// Interleaved layout: the planes of row μ, word j at [l·<see cref="PaddedCopies"/> + b] (padding factor copies are zero),
    /// so one register load gives plane l of word j for <see cref="Interleave"/> consecutive factor copies.
    /// </summary>
    public ReadOnlySpan<ulong> InterleavedPlanes(int mu)
    {
        if (Interleave == 0) throw new InvalidOperationException("this routing table is stored copy-major");
        if (_planes.Length == 0) return default; // lane permutations only
        return new(_planes, (int)((long)mu * Words * Bits * PaddedCopies), Words * Bits * PaddedCopies);
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
        if (routed.Length < Words) throw new ArgumentException("buffers shorter than the table");
        RouteRows(mu, b, 1, storage, first, stride, routed, 0);
    }

    /// <summary>
    /// All M routed models of row μ at once: factor copy b's goes to <paramref name="routed"/>[b·<paramref name="routedStride"/> ..].
    /// Each register of the copies' weights is loaded once for all M factor copies.
    /// </summary>
    /// <param name="mu">Pattern (row).</param>
    /// <param name="storage">Packed weights of all copies: copy a starts at <paramref name="first"/> + a·<paramref name="stride"/>.</param>
    /// <param name="first">Offset of copy 0.</param>
    /// <param name="stride">Words between consecutive copies.</param>
    /// <param name="routed">Destination of M routed vectors.</param>
    /// <param name="routedStride">Words between consecutive routed vectors (≥ ⌈N/64⌉).</param>
    public void RouteAll(int mu, ReadOnlySpan<ulong> storage, int first, int stride, Span<ulong> routed, int routedStride)
    {
        if (routedStride < Words || routed.Length < (Copies - 1) * routedStride + Words) throw new ArgumentException("buffers shorter than the table");
        RouteRows(mu, 0, Copies, storage, first, stride, routed, routedStride);
    }

    private void RouteRows(int mu, int b0, int count, ReadOnlySpan<ulong> storage, int first, int stride, Span<ulong> routed, int routedStride)
    {
        if (storage.Length < first + (Copies - 1) * stride + Words) throw new ArgumentException("buffers shorter than the table");
        ref ulong source = ref Unsafe.Add(ref MemoryMarshal.GetReference(storage), first);
        ref ulong target = ref MemoryMarshal.GetReference(routed);
        if (_sources is not null)
        {
            // Word granularity: each routed word is one load from its source copy.
            for (int b = b0; b < b0 + count; b++)
            {
                var sources = WordSources(mu, b);
                ref ulong t = ref Unsafe.Add(ref target, (b - b0) * routedStride);
                for (int w = 0; w < Words; w++) Unsafe.Add(ref t, w) = Unsafe.Add(ref source, sources[w] * stride + w);
            }
            return;
        }
        int j = 0;
        if (Vector512.IsHardwareAccelerated) j = RouteBlocks<Lanes512, Vector512<ulong>>(mu, b0, count, ref source, stride, ref target, routedStride, j);
        if (Vector256.IsHardwareAccelerated) j = RouteBlocks<Lanes256, Vector256<ulong>>(mu, b0, count, ref source, stride, ref target, routedStride, j);
        RouteBlocks<Lanes64, ulong>(mu, b0, count, ref source, stride, ref target, routedStride, j);
    }

    /// <summary>The multiplexer trees of factor copies b0 .. b0 + count − 1 on whole registers from word <paramref name="j"/>; returns the first word left.</summary>
    private int RouteBlocks<TL, T>(int mu, int b0, int count, ref ulong source, int stride, ref ulong target, int targetStride, int j)
        where TL : ILanes<T> where T : unmanaged
    {
        int m = Copies, width = TL.Width, words = Words, bits = Bits;
        Span<T> copies = stackalloc T[m];
        Span<T> level = stackalloc T[(m + 1) / 2];
        ref T src = ref MemoryMarshal.GetReference(copies);
        ref T lv = ref MemoryMarshal.GetReference(level);
        ref ulong planes0 = ref _planes[Index(mu, b0, 0)];
        for (; j + width <= words; j += width)
        {
            for (int a = 0; a < m; a++) Unsafe.Add(ref src, a) = TL.Load(ref Unsafe.Add(ref source, a * stride + j));
            for (int b = 0; b < count; b++)
            {
                ref ulong planes = ref Unsafe.Add(ref planes0, b * bits * words + j);
                // Level 0 reads the copies, later levels halve the survivors in place: sel(plane_l, odd, even).
                T plane = TL.Load(ref planes);
                int next = 0;
                for (int a = 0; a < m; a += 2)
                    Unsafe.Add(ref lv, next++) = a + 1 < m ? TL.Select(plane, Unsafe.Add(ref src, a + 1), Unsafe.Add(ref src, a)) : TL.AndNot(Unsafe.Add(ref src, a), plane);
                for (int l = 1; l < bits; l++)
                {
                    plane = TL.Load(ref Unsafe.Add(ref planes, l * words));
                    int survivors = next;
                    next = 0;
                    for (int a = 0; a < survivors; a += 2)
                        Unsafe.Add(ref lv, next++) = a + 1 < survivors ? TL.Select(plane, Unsafe.Add(ref lv, a + 1), Unsafe.Add(ref lv, a)) : TL.AndNot(Unsafe.Add(ref lv, a), plane);
                }
                TL.Store(ref Unsafe.Add(ref target, b * targetStride + j), lv);
            }
        }
        return j;
    }

    /// <summary>The L planes of factor copy (μ, b), each ⌈N/64⌉ words: plane l at offset l·Words.</summary>
    public ReadOnlySpan<ulong> Planes(int mu, int b) => new(_planes, (int)Index(mu, b, 0), Bits * Words);
}
