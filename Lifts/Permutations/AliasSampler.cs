using System.Runtime.CompilerServices;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>
/// Exact sampling from the long-cycle law P(π) ∝ ∏_a Q_{a,π(a)} · θ^{#cycles(π)} (θ = 1: the kernel's plain law) for
/// M ≤ <see cref="MaxCopies"/>: every permutation of positive weight is enumerated once, and a Walker–Vose alias table over
/// them turns one random 64-bit word into one permutation (column i = ⌊uK⌋, kept if the fraction uK − i is below its
/// threshold, else its alias). Cost: M!·M to prepare, O(1) per packed sample (<see cref="SamplePacked"/>), O(M) to unpack.
/// </summary>
/// <remarks>docs/mcover.md#permutation-law-and-samplers. The law is exact up to the 53-bit resolution of u (each
/// permutation's probability is off by at most K·2⁻⁵³, K ≤ 8! the table size).</remarks>
public sealed class AliasSampler : PermutationSampler
{
    /// <summary>Largest M enumerated (8! = 40 320 permutations).</summary>
    public const int MaxCopies = 8;

    private readonly int _m;
    private readonly uint[] _perms;     // π packed: bits 4a…4a+3 hold π(a)
    private readonly Column[] _columns; // threshold, π and its alias's π (as lane words) side by side: one cache line per draw
    private readonly ulong _codeMask;   // the nibbles of π(0…M−1) in a lane word
    private readonly double[] _probability;

    /// <summary>Enumerates S_M for <paramref name="kernel"/> with cycle weight <paramref name="theta"/> ∈ (0, 1].</summary>
    public AliasSampler(MixingKernel kernel, double theta = 1)
    {
        _m = kernel.Copies;
        if (_m > MaxCopies) throw new ArgumentException($"the alias sampler enumerates S_M: it needs M ≤ {MaxCopies}, got {_m}");
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must be in (0, 1], not {theta}");
        Theta = theta;
        // Each row is divided by its largest entry: every permutation's weight changes by the same factor, the law does not.
        var w = new double[_m, _m];
        for (int a = 0; a < _m; a++)
        {
            double max = 0;
            for (int b = 0; b < _m; b++) max = Math.Max(max, kernel[a, b]);
            for (int b = 0; b < _m; b++) w[a, b] = kernel[a, b] / max;
        }
        var perms = new List<uint>();
        var weights = new List<double>();
        var perm = new int[_m];
        void Visit(int row, int used, double weight)
        {
            if (row == _m)
            {
                uint code = 0;
                for (int a = 0; a < _m; a++) code |= (uint)perm[a] << (4 * a);
                perms.Add(code);
                weights.Add(weight * Math.Pow(theta, Cycles(perm)));
                return;
            }
            for (int b = 0; b < _m; b++)
                if ((used & (1 << b)) == 0 && w[row, b] > 0)
                {
                    perm[row] = b;
                    Visit(row + 1, used | (1 << b), weight * w[row, b]);
                }
        }
        Visit(0, 0, 1);
        double total = weights.Sum();
        if (perms.Count == 0 || !(total > 0)) throw new ArgumentException("the kernel admits no permutation of nonzero weight");
        _perms = perms.ToArray();
        _probability = weights.Select(x => x / total).ToArray();
        var (keep, alias) = Vose(_probability);
        _columns = new Column[_perms.Length];
        var lanes = Array.ConvertAll(_perms, code => LaneWord(code, _m));
        for (int i = 0; i < _columns.Length; i++) _columns[i] = new Column(keep[i], lanes[i], lanes[alias[i]]);
        _codeMask = _m == 8 ? uint.MaxValue : (1UL << (4 * _m)) - 1;
    }

    /// <summary>The cycle weight θ.</summary>
    public double Theta { get; }

    /// <summary>Number of permutations of positive weight (the table's columns).</summary>
    public int Count => _perms.Length;

    /// <inheritdoc />
    public override int Copies => _m;

    /// <summary>The exact probability of π (0 for a permutation of zero weight).</summary>
    public double Probability(ReadOnlySpan<int> perm)
    {
        uint code = 0;
        for (int a = 0; a < _m; a++) code |= (uint)perm[a] << (4 * a);
        int i = Array.IndexOf(_perms, code);
        return i < 0 ? 0 : _probability[i];
    }

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        ulong code = Draw(ref rng);
        for (int a = 0; a < _m; a++, code >>= 4) perm[a] = (int)(code & 15);
    }

    /// <inheritdoc />
    public override ulong SamplePacked(ref RngStream rng) => Draw(ref rng) & _codeMask;

    /// <inheritdoc />
    public override ulong SampleLanes(ref RngStream rng) => Draw(ref rng);

    /// <summary>One random word → one column (or its alias) → π and π⁻¹ as a lane word (<see cref="SampleLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Draw(ref RngStream rng)
    {
        double x = (rng.NextULong() >> 11) * (1.0 / (1UL << 53)) * _perms.Length;
        int i = Math.Min((int)x, _columns.Length - 1);
        ref readonly Column column = ref _columns[i];
        return x - i < column.Keep ? column.Self : column.Alias;
    }

    /// <summary>Column i of the alias table: kept with probability Keep (π = Self), else its alias's π.</summary>
    private readonly record struct Column(double Keep, ulong Self, ulong Alias);

    /// <summary>The number of cycles of π (fixed points count as cycles).</summary>
    public static int Cycles(ReadOnlySpan<int> perm)
    {
        int cycles = 0, seen = 0;
        for (int a = 0; a < perm.Length; a++)
        {
            if ((seen & (1 << a)) != 0) continue;
            cycles++;
            for (int b = a; (seen & (1 << b)) == 0; b = perm[b]) seen |= 1 << b;
        }
        return cycles;
    }

    /// <summary>Vose's alias method: column i keeps itself with probability keep[i], else gives its alias.</summary>
    private static (double[] Keep, int[] Alias) Vose(double[] p)
    {
        int k = p.Length;
        var keep = new double[k];
        var alias = new int[k];
        var scaled = p.Select(x => x * k).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < k; i++) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // What is left is 1 up to rounding: it keeps itself.
        foreach (int i in small.Concat(large)) { keep[i] = 1; alias[i] = i; }
        return (keep, alias);
    }
}
