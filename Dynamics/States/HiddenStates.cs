using System.Numerics;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.States;

/// <summary>
/// Odd integer hidden states h_i^a ∈ [−H, H] of M copies, with weights w_i^a = sign(h_i^a), stored bit-sliced:
/// the level S = (h + H)/2 + o is kept as B bit planes of 64 synapses per word, with B the smallest width such that
/// 2^B ≥ H + 1 and the offset o = 2^(B−1) − (H + 1)/2 centring the range. Then h &gt; 0 ⇔ S ≥ 2^(B−1), so the top plane
/// <em>is</em> the packed weight vector: no separate w is kept or recomputed.
/// </summary>
/// <remarks>docs/physics/rules.md#bit-sliced-hidden-states.</remarks>
public sealed partial class HiddenStates : IWeightView
{
    private readonly ulong[] _planes; // [copy][plane][word], each copy's slab starting on its own cache line
    private readonly int _base;       // first word on a 64-byte boundary
    private readonly int _stride;     // words per copy: the slab rounded up to whole cache lines, plus one guard line
    private readonly ulong[] _valid;  // per word: the lanes that hold a synapse (padding lanes are never updated)
    private readonly ulong _offset;
    private readonly ulong _top;      // S_max = o + H; by symmetry ¬S_min = S_max within B bits
    private readonly LaneWidth _lanes;

    /// <summary>All states at the lowest level h = −H (callers initialise with <see cref="InitRandom"/> or <see cref="Set"/>).</summary>
    /// <param name="copies">M ≥ 1.</param>
    /// <param name="n">N ≥ 1 synapses.</param>
    /// <param name="bound">Clip bound H. Range: odd, ≥ 1.</param>
    /// <param name="lanes">Kernel width (Auto picks the widest accelerated one).</param>
    public HiddenStates(int copies, int n, int bound, LaneWidth lanes = LaneWidth.Auto)
    {
        if (copies < 1) throw new ArgumentOutOfRangeException(nameof(copies), copies, "M must be ≥ 1");
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be ≥ 1");
        if (bound < 1 || bound % 2 == 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "H must be odd and ≥ 1");
        Copies = copies;
        N = n;
        Bound = bound;
        Words = PackedSpins.WordCount(n);
        Planes = Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)bound)); // 2^B ≥ H + 1
        _offset = (1UL << (Planes - 1)) - (ulong)(bound + 1) / 2;
        _top = _offset + (ulong)bound;
        _lanes = LaneSelection.Resolve(lanes);
        // Copies trained on different cores must not share a cache line (false sharing costs ~30% at N ≈ 10^3):
        // slabs are aligned to 64 bytes in a pinned array and separated by a guard line.
        _stride = (Planes * Words + 7) / 8 * 8 + 8;
        _planes = GC.AllocateArray<ulong>(copies * _stride + 8, pinned: true);
        unsafe
        {
            fixed (ulong* p = _planes) _base = (int)((64 - (nuint)p % 64) % 64 / sizeof(ulong));
        }
        _valid = new ulong[Words];
        _valid.AsSpan().Fill(ulong.MaxValue);
        _valid[^1] = PackedSpins.LastWordMask(n);
        for (int a = 0; a < copies; a++)
            for (int i = 0; i < n; i++) Set(a, i, -bound);
    }

    /// <summary>
    /// Default clip bound: the odd integer nearest 2√N (a tie, as at N = 9, rounds up). The bound must grow with N (H = 15 at N = 1001 makes SBPI
    /// fail; H ≳ 2√N works, Baldassi et al. 2007).
    /// </summary>
    public static int DefaultBound(int n) => Math.Max(1, 2 * (int)Math.Round((2 * Math.Sqrt(n) - 1) / 2, MidpointRounding.AwayFromZero) + 1);

    /// <summary>Number of copies M.</summary>
    public int Copies { get; }
    /// <summary>Number of synapses N.</summary>
    public int N { get; }
    /// <summary>Clip bound H.</summary>
    public int Bound { get; }
    /// <summary>Words per plane, ⌈N/64⌉.</summary>
    public int Words { get; }
    /// <summary>Bit planes per copy, B = ⌈log₂(H + 1)⌉.</summary>
    public int Planes { get; }
    /// <summary>The lane width the kernels run at.</summary>
    public LaneWidth Lanes => _lanes;

    /// <summary>The packed weights w^a = sign(h^a) of copy a: a live view of the top plane.</summary>
    public Span<ulong> Weights(int copy) => _planes.AsSpan(PlaneStart(copy, Planes - 1), Words);

    /// <inheritdoc />
    int IWeightView.Count => Copies;

    /// <inheritdoc />
    ReadOnlySpan<ulong> IWeightView.Weights(int index) => Weights(index);

    /// <summary>All copies' packed weights: copy a's are the <see cref="Words"/> words at <paramref name="first"/> + a·<paramref name="stride"/>.</summary>
    public ReadOnlySpan<ulong> WeightStorage(out int first, out int stride)
    {
        first = PlaneStart(0, Planes - 1);
        stride = _stride;
        return _planes;
    }

    /// <summary>Hidden state h_i^a.</summary>
    public int Get(int copy, int i)
    {
        ulong s = 0;
        for (int p = 0; p < Planes; p++) s |= ((_planes[PlaneStart(copy, p) + (i >> 6)] >> (i & 63)) & 1) << p;
        return 2 * (int)((long)s - (long)_offset) - Bound;
    }

    /// <summary>Sets h_i^a (odd, within [−H, H]).</summary>
    public void Set(int copy, int i, int h)
    {
        if (h < -Bound || h > Bound || (h & 1) == 0) throw new ArgumentOutOfRangeException(nameof(h), h, $"h must be odd in [−{Bound}, {Bound}]");
        ulong s = (ulong)((h + Bound) / 2) + _offset;
        ulong bit = 1UL << (i & 63);
        for (int p = 0; p < Planes; p++)
        {
            ref ulong word = ref _planes[PlaneStart(copy, p) + (i >> 6)];
            word = ((s >> p) & 1) != 0 ? word | bit : word & ~bit;
        }
    }

    /// <summary>Initialises copy a to h_i = ±1 uniformly at random from the counter-based stream <paramref name="key"/>.</summary>
    public void InitRandom(int copy, ulong key)
    {
        // h = +1 is S = 2^(B−1) (top plane set, others clear); h = −1 is S = 2^(B−1) − 1 (top clear, others set).
        for (int j = 0; j < Words; j++)
        {
            ulong r = RngStream.Hash(key, (ulong)j) & _valid[j];
            for (int p = 0; p < Planes - 1; p++) _planes[PlaneStart(copy, p) + j] = ~r & _valid[j];
            _planes[PlaneStart(copy, Planes - 1) + j] = r;
        }
    }

    /// <summary>Plane p of copy a, ⌈N/64⌉ words (live).</summary>
    internal Span<ulong> Plane(int copy, int plane) => _planes.AsSpan(PlaneStart(copy, plane), Words);

    /// <summary>The top level S_max = o + H of the bit-sliced counter.</summary>
    internal ulong MaxLevel => _top;

    /// <summary>Lanes of word j that hold a synapse.</summary>
    internal ulong ValidLanes(int j) => _valid[j];

    private int PlaneStart(int copy, int plane) => _base + copy * _stride + plane * Words;
}
