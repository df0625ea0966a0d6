using MathNet.Numerics.Distributions;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>Shared checks of a sampler against an exact permutation law: every permutation of S_M, and the chi-square test of
/// sampled frequencies against the weights (99.9% level), with the sampler's closed-form probabilities checked too.</summary>
internal static class PermutationLawCheck
{
    /// <summary>All M! permutations of 0 … M − 1.</summary>
    public static IEnumerable<int[]> Permutations(int m)
    {
        if (m == 0) { yield return []; yield break; }
        foreach (var rest in Permutations(m - 1))
            for (int pos = 0; pos <= rest.Length; pos++)
                yield return [.. rest[..pos], m - 1, .. rest[pos..]];
    }

    /// <summary>
    /// Draws 60 000 permutations of <paramref name="sampler"/> (stream seed <paramref name="seed"/>) and asserts that
    /// <paramref name="probability"/> of each of <paramref name="perms"/> equals weight/Σweight within <paramref name="tolerance"/>,
    /// that no zero-weight permutation is drawn, and that the frequencies pass the chi-square test.
    /// </summary>
    public static void ChiSquare(PermutationSampler sampler, IReadOnlyList<int[]> perms, double[] weight, Func<int[], double> probability, double tolerance, ulong seed)
    {
        double total = weight.Sum();
        var counts = new Dictionary<string, int>();
        var rng = RngStream.For(seed, StreamTag.Routing);
        var perm = new int[perms[0].Length];
        const int draws = 60_000;
        for (int t = 0; t < draws; t++)
        {
            sampler.Sample(ref rng, perm);
            var key = string.Join(",", perm);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        double chi2 = 0;
        int dof = -1;
        for (int k = 0; k < perms.Count; k++)
        {
            double expected = draws * weight[k] / total;
            Assert.AreEqual(weight[k] / total, probability(perms[k]), tolerance, "closed-form law");
            int observed = counts.GetValueOrDefault(string.Join(",", perms[k]));
            if (expected == 0) { Assert.AreEqual(0, observed, "zero-weight permutation drawn"); continue; }
            chi2 += (observed - expected) * (observed - expected) / expected;
            dof++;
        }
        Assert.IsTrue(ChiSquared.CDF(dof, chi2) < 0.999, $"chi² = {chi2} with {dof} dof");
    }
}
