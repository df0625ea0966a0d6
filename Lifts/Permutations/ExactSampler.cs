using System.Numerics;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>
/// Exact sampling from P(π) ∝ ∏_a Q_{a,π(a)}. Q is first Sinkhorn-balanced to a doubly stochastic D = diag(r) Q diag(c),
/// which multiplies every permutation's weight by the same ∏r·∏c and so leaves the law unchanged while keeping the
/// numbers O(1). g(S) = perm of D restricted to rows |S|…M−1 and the columns not in S, by g(S) = Σ_{j∉S} D_{|S|,j} g(S ∪ {j});
/// then π(r) = j is drawn with probability D_{r,j} g(S ∪ {j}) / g(S). Cost: 2^M·M to prepare, M² per sample.
/// </summary>
public sealed class ExactSampler : PermutationSampler
{
    /// <summary>Largest M handled (2^14 subsets).</summary>
    public const int MaxCopies = 14;
    private readonly double[,] _d;
    private readonly double[] _g;
    private readonly int _m;

    /// <summary>Prepares the subset table for <paramref name="kernel"/>.</summary>
    public ExactSampler(MixingKernel kernel)
    {
        _m = kernel.Copies;
        if (_m > MaxCopies) throw new ArgumentException($"exact sampling needs M ≤ {MaxCopies}, got {_m}");
        _d = Sinkhorn(kernel.ToArray());
        _g = new double[1 << _m];
        int full = (1 << _m) - 1;
        _g[full] = 1;
        for (int s = full - 1; s >= 0; s--)
        {
            int row = BitOperations.PopCount((uint)s);
            double sum = 0;
            for (int j = 0; j < _m; j++) if ((s & (1 << j)) == 0) sum += _d[row, j] * _g[s | (1 << j)];
            _g[s] = sum;
        }
        if (!(_g[0] > 0)) throw new ArgumentException("the kernel admits no permutation of nonzero weight");
    }

    /// <inheritdoc />
    public override int Copies => _m;

    /// <summary>The exact probability of π under P(π) ∝ ∏_a Q_{a,π(a)}.</summary>
    public double Probability(ReadOnlySpan<int> perm)
    {
        double w = 1;
        for (int a = 0; a < _m; a++) w *= _d[a, perm[a]];
        return w / _g[0];
    }

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        int s = 0;
        for (int row = 0; row < _m; row++)
        {
            double u = rng.NextDouble() * _g[s], acc = 0;
            int pick = -1;
            for (int j = 0; j < _m; j++)
            {
                if ((s & (1 << j)) != 0) continue;
                double w = _d[row, j] * _g[s | (1 << j)];
                if (w <= 0) continue;
                pick = j;
                acc += w;
                if (u < acc) break;
            }
            perm[row] = pick;
            s |= 1 << pick;
        }
    }

    /// <summary>Sinkhorn–Knopp balancing (alternate row and column normalisation) to near doubly stochastic.</summary>
    private static double[,] Sinkhorn(double[,] q)
    {
        int m = q.GetLength(0);
        var d = (double[,])q.Clone();
        for (int it = 0; it < 500; it++)
        {
            double worst = 0;
            for (int a = 0; a < m; a++)
            {
                double r = 0;
                for (int b = 0; b < m; b++) r += d[a, b];
                for (int b = 0; b < m; b++) d[a, b] /= r;
            }
            for (int b = 0; b < m; b++)
            {
                double c = 0;
                for (int a = 0; a < m; a++) c += d[a, b];
                if (c == 0) continue;
                worst = Math.Max(worst, Math.Abs(c - 1));
                for (int a = 0; a < m; a++) d[a, b] /= c;
            }
            if (worst < 1e-12) break;
        }
        return d;
    }
}
