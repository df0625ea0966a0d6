using MathNet.Numerics.Distributions;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>Drift elimination of the sequential sampler (issue 20): under a circulant kernel every row is equivalent, so each row
/// must read its own copy equally often; a fixed row order favoured the first rows.</summary>
[TestClass]
public sealed class SequentialDriftTests
{
    [TestMethod]
    [DataRow("ring:sigma=0.8", 8)] [DataRow("band:m=2,h=0.5", 7)] [DataRow("directional:sigma=1,shift=1,skew=0.4", 6)]
    public void EveryRowOfACirculantKernelHasTheSameFixedPointFrequency(string spec, int m)
    {
        var sampler = PermutationSampler.For(MixingKernel.Parse(spec, m), SamplerKind.Sequential);
        var rng = RngStream.For(17, StreamTag.Routing);
        var perm = new int[m];
        var hits = new int[m];
        const int draws = 40_000;
        for (int t = 0; t < draws; t++)
        {
            sampler.Sample(ref rng, perm);
            for (int a = 0; a < m; a++) if (perm[a] == a) hits[a]++;
        }
        // Homogeneity of the M counts: Σ (h_a − h̄)²/(h̄(1 − h̄/draws)) is χ² with M − 1 dof for equal rates (the rows of one draw
        // are dependent, so this is a rough scale; the drift of a fixed order is far beyond it).
        double mean = hits.Average(), p = mean / draws;
        double chi2 = hits.Sum(h => (h - mean) * (h - mean)) / (draws * p * (1 - p));
        Assert.IsTrue(ChiSquared.CDF(m - 1, chi2) < 0.9999, $"fixed-point counts {string.Join(", ", hits)}: chi² = {chi2}");
    }
}
