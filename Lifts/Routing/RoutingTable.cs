using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Lifts.Routing;

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
public sealed partial class RoutingTable
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

    // Storage: what a table of each layout holds and how many bytes that is.
    /// <summary>
    /// Word (or unit) routing interleaved by 8 with M ≤ 16: the kernels read only <see cref="LanePermutations"/>, so the table
    /// keeps no bit planes (<see cref="InterleavedPlanes"/> is empty).
    /// </summary>
    private static bool LanesOnly(Granularity granularity, int copies, int interleave)
        => granularity != Granularity.Edge && copies <= 16 && interleave == 8;

    /// <summary>Bytes the table occupies (copy-major; the interleaved layout pads M to a multiple of its width).</summary>
    public static long BytesFor(int n, int p, int copies, int interleave = 0, Granularity granularity = Granularity.Edge)
        => LanesOnly(granularity, copies, interleave)
            ? (long)p * PackedSpins.WordCount(n) * (copies <= 8 ? 1 : 2) * sizeof(ulong)
            : (long)p * (interleave == 0 ? copies : (copies + interleave - 1) / interleave * interleave)
              * Math.Max(1, (int)Math.Ceiling(Math.Log2(copies))) * PackedSpins.WordCount(n) * sizeof(ulong);

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

    /// <summary>The L planes of factor copy (μ, b), each ⌈N/64⌉ words: plane l at offset l·Words.</summary>
    public ReadOnlySpan<ulong> Planes(int mu, int b) => new(_planes, (int)Index(mu, b, 0), Bits * Words);
}
