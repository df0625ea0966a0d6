using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>
/// Approximate sampling from the long-cycle law P(π) ∝ ∏_a Q_{a,π(a)} · θ^{#cycles(π)} beyond the enumerable M: a draw of
/// the plain law (θ = 1, by <see cref="ExactSampler"/> up to M = 14, else <see cref="GumbelSampler"/>) starts a
/// Metropolis–Hastings chain of <see cref="Sweeps"/>·M transposition moves π' = π∘(a b): a is uniform, and b = π⁻¹(j) with
/// the column j ∝ Q_{a,j} (a row of Q sums to 1 over the columns, so the unordered pair {a, b} is proposed with probability
/// (Q_{a,π(b)} + Q_{b,π(a)})/M and the reverse move with (Q_{a,π(a)} + Q_{b,π(b)})/M). It is accepted with probability
/// min(1, Q_{a,π(b)}Q_{b,π(a)} / (Q_{a,π(a)}Q_{b,π(b)}) · θ^{±1} · (Q_{a,π(a)} + Q_{b,π(b)}) / (Q_{a,π(b)} + Q_{b,π(a)})):
/// a transposition within one cycle splits it (one cycle more, factor θ), across two merges them (factor 1/θ). The chain's
/// stationary law is the target; with a finite number of moves the draw is approximate (docs/mcover.md#long-cycle-law).
/// </summary>
public sealed class CycleMetropolisSampler : PermutationSampler
{
    /// <summary>Transposition moves per draw, in units of M: at M = 9 (ring σ = 1, θ = 0.5) 10·M moves leave the mean number of
    /// cycles 0.75 above the law, 50·M 0.35, 200·M within its error (TheChainFollowsTheKernelToo); each move costs O(M).</summary>
    public const int Sweeps = 200;

    private readonly PermutationSampler _start;
    private readonly double[,] _q;
    private readonly double _theta;
    private readonly int _m;

    /// <summary>The chain for <paramref name="kernel"/> with cycle weight <paramref name="theta"/> ∈ (0, 1].</summary>
    public CycleMetropolisSampler(MixingKernel kernel, double theta)
    {
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must be in (0, 1], not {theta}");
        _m = kernel.Copies;
        _q = kernel.ToArray();
        _theta = theta;
        _start = kernel.IsUniform ? new UniformSampler(_m) : _m <= ExactSampler.MaxCopies ? new ExactSampler(kernel) : new GumbelSampler(kernel);
    }

    /// <inheritdoc />
    public override int Copies => _m;

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        _start.Sample(ref rng, perm);
        if (_m < 2) return;
        Span<int> inverse = _m <= 256 ? stackalloc int[_m] : new int[_m];
        for (int c = 0; c < _m; c++) inverse[perm[c]] = c;
        for (int move = 0; move < Sweeps * _m; move++)
        {
            int a = rng.NextInt(_m), j = Column(a, rng.NextDouble()), b = inverse[j];
            if (b == a) continue; // the null move
            double there = _q[a, perm[b]] + _q[b, perm[a]], here = _q[a, perm[a]] + _q[b, perm[b]];
            double old = _q[a, perm[a]] * _q[b, perm[b]];
            double ratio = old > 0 ? _q[a, perm[b]] * _q[b, perm[a]] / old * (here / there) : 1;
            ratio *= SameCycle(perm, a, b) ? _theta : 1 / _theta;
            if (ratio >= 1 || rng.NextDouble() < ratio)
            {
                (perm[a], perm[b]) = (perm[b], perm[a]);
                inverse[perm[a]] = a;
                inverse[perm[b]] = b;
            }
        }
    }

    /// <summary>The column j with cumulative row weight Σ_{c ≤ j} Q_{a,c} first above u.</summary>
    private int Column(int a, double u)
    {
        double acc = 0;
        for (int j = 0; j < _m - 1; j++)
        {
            acc += _q[a, j];
            if (u < acc) return j;
        }
        return _m - 1;
    }

    /// <summary>True when b lies on a's cycle of π.</summary>
    private static bool SameCycle(ReadOnlySpan<int> perm, int a, int b)
    {
        for (int c = perm[a]; c != a; c = perm[c])
            if (c == b) return true;
        return false;
    }
}
