using MCoverPhysics.Models.Combinatorics;
using System.Numerics;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>How permutations π ∈ S_M are drawn from a kernel Q.</summary>
public enum SamplerKind
{
    /// <summary>Exact for M ≤ 14, Gumbel assignment above.</summary>
    Auto,
    /// <summary>Exact law P(π) ∝ ∏_a Q_{a,π(a)} by dynamic programming over subsets (M ≤ 14).</summary>
    Exact,
    /// <summary>argmax_π Σ_a (log Q_{a,π(a)} + G_{aπ(a)}) with Gumbel noise G (Hungarian algorithm): approximate, any M.</summary>
    Gumbel,
    /// <summary>π(0), π(1), … in turn, each ∝ Q_{a,j} over the unused j: fast, approximate.</summary>
    Sequential,
}

/// <summary>Draws permutations π (π[a] = copy that factor copy a reads) for one kernel.</summary>
public abstract class PermutationSampler
{
    /// <summary>Number of copies M.</summary>
    public abstract int Copies { get; }

    /// <summary>Writes one permutation into <paramref name="perm"/> (length M).</summary>
    public abstract void Sample(ref RngStream rng, Span<int> perm);

    /// <summary>The sampler for <paramref name="kernel"/>: identity and uniform kernels get exact specialised samplers.</summary>
    public static PermutationSampler For(MixingKernel kernel, SamplerKind kind = SamplerKind.Auto)
    {
        if (kernel.IsIdentity) return new IdentitySampler(kernel.Copies);
        if (kernel.IsUniform) return new UniformSampler(kernel.Copies);
        return kind switch
        {
            SamplerKind.Exact => new ExactSampler(kernel),
            SamplerKind.Gumbel => new GumbelSampler(kernel),
            SamplerKind.Sequential => new SequentialSampler(kernel),
            _ => kernel.Copies <= ExactSampler.MaxCopies ? new ExactSampler(kernel) : new GumbelSampler(kernel),
        };
    }
}

/// <summary>π = id.</summary>
public sealed class IdentitySampler(int copies) : PermutationSampler
{
    /// <inheritdoc />
    public override int Copies => copies;
    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm) { for (int a = 0; a < perm.Length; a++) perm[a] = a; }
}

/// <summary>Uniform π (Fisher–Yates): the exact law for Q_ab = 1/M.</summary>
public sealed class UniformSampler(int copies) : PermutationSampler
{
    /// <inheritdoc />
    public override int Copies => copies;
    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        for (int a = 0; a < perm.Length; a++) perm[a] = a;
        rng.Shuffle(perm);
    }
}

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

/// <summary>Gumbel-perturbed maximum-weight assignment (Hungarian algorithm): approximate law, O(M³) per sample, any M.</summary>
public sealed class GumbelSampler(MixingKernel kernel) : PermutationSampler
{
    private readonly double[,] _logQ = LogOf(kernel.ToArray());

    /// <inheritdoc />
    public override int Copies => kernel.Copies;

    private static double[,] LogOf(double[,] q)
    {
        int m = q.GetLength(0);
        var l = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) l[a, b] = q[a, b] > 0 ? Math.Log(q[a, b]) : -1e9;
        return l;
    }

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        int m = Copies;
        var cost = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) cost[a, b] = -(_logQ[a, b] - Math.Log(-Math.Log(1 - rng.NextDouble())));
        Assignment.MinimumCost(cost, perm);
    }
}

/// <summary>π(0), π(1), … drawn in turn, each ∝ Q_{a,j} over the columns still free (uniform if all free weights vanish).</summary>
public sealed class SequentialSampler(MixingKernel kernel) : PermutationSampler
{
    private readonly double[,] _q = kernel.ToArray();

    /// <inheritdoc />
    public override int Copies => kernel.Copies;

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        int m = Copies;
        int used = 0;
        for (int a = 0; a < m; a++)
        {
            double total = 0;
            for (int j = 0; j < m; j++) if ((used & (1 << j)) == 0) total += _q[a, j];
            int pick = -1;
            if (total > 0)
            {
                double u = rng.NextDouble() * total, acc = 0;
                for (int j = 0; j < m && (pick < 0 || acc <= u); j++)
                    if ((used & (1 << j)) == 0 && _q[a, j] > 0) { pick = j; acc += _q[a, j]; }
            }
            else
            {
                int k = rng.NextInt(m - a);
                for (int j = 0; j < m; j++) if ((used & (1 << j)) == 0 && k-- == 0) { pick = j; break; }
            }
            perm[a] = pick;
            used |= 1 << pick;
        }
    }
}
