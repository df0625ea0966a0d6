using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>
/// What a kernel's permutation law P(π) ∝ ∏_a Q_{a,π(a)} does: how often a factor copy reads its own copy (fixed
/// points) and how many cycles a permutation has — exactly, by enumerating S_M, for M ≤ <see cref="MaxExactCopies"/>,
/// and from draws of any <see cref="PermutationSampler"/> (docs/mcover.md#permutation-law-and-samplers).
/// </summary>
public static class PermutationLaw
{
    /// <summary>Largest M enumerated exactly (10! ≈ 3.6·10⁶ permutations).</summary>
    public const int MaxExactCopies = 10;

    /// <summary>The exact statistics by enumeration of every permutation of positive weight, under the law with cycle weight
    /// <paramref name="theta"/> (P(π) ∝ ∏_a Q_{a,π(a)}·θ^{#cycles}); null for M &gt; <see cref="MaxExactCopies"/>.</summary>
    public static PermutationStatistics? Exact(MixingKernel q, double theta = 1)
    {
        int m = q.Copies;
        if (m > MaxExactCopies) return null;
        // Each row's entries are divided by the row's largest: every permutation's weight is scaled by the same constant
        // (one factor per row), so the law is unchanged and the products stay ≤ 1 without all underflowing.
        var w = new double[m, m];
        for (int a = 0; a < m; a++)
        {
            double max = 0;
            for (int b = 0; b < m; b++) max = Math.Max(max, q[a, b]);
            for (int b = 0; b < m; b++) w[a, b] = q[a, b] / max;
        }
        var perm = new int[m];
        double total = 0, fixedPoints = 0, cycles = 0;
        long count = 0;
        void Visit(int row, int used, double weight)
        {
            if (row == m)
            {
                var (f, c) = Describe(perm);
                if (theta != 1) weight *= Math.Pow(theta, c);
                total += weight;
                fixedPoints += weight * f;
                cycles += weight * c;
                count++;
                return;
            }
            for (int j = 0; j < m; j++)
            {
                if ((used & (1 << j)) != 0) continue;
                double next = weight * w[row, j];
                if (next == 0) continue;
                perm[row] = j;
                Visit(row + 1, used | (1 << j), next);
            }
        }
        Visit(0, 0, 1);
        return new PermutationStatistics(fixedPoints / total / m, 0, cycles / total, 0, count);
    }

    /// <summary>
    /// The statistics of <paramref name="draws"/> permutations from <paramref name="sampler"/>, drawn from the stream
    /// (seed, Routing, 0): means with standard errors.
    /// </summary>
    public static PermutationStatistics Sampled(PermutationSampler sampler, long draws, ulong seed)
    {
        if (draws < 1) throw new ArgumentException("draws must be ≥ 1");
        int m = sampler.Copies;
        var rng = RngStream.For(seed, StreamTag.Routing);
        var perm = new int[m];
        double sf = 0, sf2 = 0, sc = 0, sc2 = 0;
        for (long t = 0; t < draws; t++)
        {
            sampler.Sample(ref rng, perm);
            var (f, c) = Describe(perm);
            double x = (double)f / m;
            sf += x;
            sf2 += x * x;
            sc += c;
            sc2 += (double)c * c;
        }
        double Sem(double s, double s2) => draws < 2 ? double.NaN : Math.Sqrt(Math.Max(0, (s2 - s * s / draws) / (draws - 1)) / draws);
        return new PermutationStatistics(sf / draws, Sem(sf, sf2), sc / draws, Sem(sc, sc2), draws);
    }

    /// <summary>The number of fixed points and of cycles of <paramref name="perm"/> (a fixed point is a cycle of length 1).</summary>
    public static (int FixedPoints, int Cycles) Describe(ReadOnlySpan<int> perm)
    {
        int m = perm.Length, fixedPoints = 0, cycles = 0;
        Span<bool> seen = m <= 256 ? stackalloc bool[m] : new bool[m];
        for (int a = 0; a < m; a++)
        {
            if (perm[a] == a) fixedPoints++;
            if (seen[a]) continue;
            cycles++;
            for (int b = a; !seen[b]; b = perm[b]) seen[b] = true;
        }
        return (fixedPoints, cycles);
    }
}
