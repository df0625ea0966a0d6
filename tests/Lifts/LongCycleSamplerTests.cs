using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>The long-cycle law P(π) ∝ ∏_a Q_{a,π(a)}·θ^{#cycles(π)}: the alias table by chi-square, the Metropolis chain
/// against the Ewens law's mean number of cycles, and θ's range (issue 20).</summary>
[TestClass]
public sealed class LongCycleSamplerTests
{
    /// <summary>E[#cycles] under the Ewens law (uniform Q, weight θ^{#cycles}): Σ_{k=0}^{M−1} θ/(θ + k) (Ewens 1972).</summary>
    private static double EwensMeanCycles(int m, double theta) => Enumerable.Range(0, m).Sum(k => theta / (theta + k));

    [TestMethod]
    [DataRow("ring:sigma=0.8", 3, 1.0)] [DataRow("ring:sigma=1", 4, 1.0)] [DataRow("ring:sigma=1", 4, 0.3)]
    [DataRow("uniform", 4, 0.5)] [DataRow("band:m=1,h=0.3,eps=0", 5, 0.4)] [DataRow("directional:sigma=0.8,shift=0.5,skew=-0.6", 4, 0.2)]
    public void AliasSamplerMatchesTheLongCycleLawByChiSquare(string spec, int m, double theta)
    {
        var q = MixingKernel.Parse(spec, m);
        var perms = PermutationLawCheck.Permutations(m).ToList();
        var weight = perms.Select(p => Enumerable.Range(0, m).Aggregate(1.0, (w, a) => w * q[a, p[a]]) * Math.Pow(theta, AliasSampler.Cycles(p))).ToArray();
        var sampler = (AliasSampler)PermutationSampler.For(q, SamplerKind.Alias, theta);
        PermutationLawCheck.ChiSquare(sampler, perms, weight, p => sampler.Probability(p), 1e-12, 21);
    }

    [TestMethod]
    [DataRow(6, 0.3)] [DataRow(5, 1.0)] [DataRow(7, 0.05)]
    public void TheExactLawGivesTheEwensMeanNumberOfCycles(int m, double theta)
        => Assert.AreEqual(EwensMeanCycles(m, theta), PermutationLaw.Exact(MixingKernel.Uniform(m), theta)!.Cycles, 1e-10);

    /// <summary>Beyond M = 8 the chain (a documented approximation) still lands on the Ewens law's mean number of cycles.</summary>
    [TestMethod]
    [DataRow(12, 0.3)] [DataRow(10, 0.6)]
    public void TheMetropolisChainReachesTheEwensLaw(int m, double theta)
    {
        var sampler = PermutationSampler.For(MixingKernel.Uniform(m), SamplerKind.Auto, theta);
        Assert.IsInstanceOfType<CycleMetropolisSampler>(sampler);
        var stats = PermutationLaw.Sampled(sampler, 5_000, 5);
        double expected = EwensMeanCycles(m, theta);
        Assert.AreEqual(expected, stats.Cycles, 5 * stats.CyclesSem + 0.02, $"mean cycles {stats.Cycles} ± {stats.CyclesSem}, Ewens {expected}");
        Assert.IsTrue(Math.Abs(stats.Cycles - EwensMeanCycles(m, 1)) > 20 * stats.CyclesSem, "θ moved the law away from the uniform one");
    }

    [TestMethod]
    public void TheChainFollowsTheKernelToo()
    {
        // M = 9, ring σ = 1 with θ = 0.5: the chain's mean number of cycles against the enumerated law (9! permutations).
        var q = MixingKernel.Ring(9, 1);
        var exact = PermutationLaw.Exact(q, 0.5)!;
        var stats = PermutationLaw.Sampled(new CycleMetropolisSampler(q, 0.5), 5_000, 8);
        Assert.AreEqual(exact.Cycles, stats.Cycles, 5 * stats.CyclesSem + 0.03);
        Assert.AreEqual(exact.FixedPoint, stats.FixedPoint, 5 * stats.FixedPointSem + 0.01);
    }

    [TestMethod]
    [DataRow(0.0)] [DataRow(-0.5)] [DataRow(1.5)] [DataRow(double.NaN)]
    public void ThetaOutsideZeroToOneIsRefused(double theta)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => PermutationSampler.For(MixingKernel.Ring(4, 1), SamplerKind.Auto, theta));
        StringAssert.Contains(e.Message, "theta must be in (0, 1]");
    }

    [TestMethod]
    [DataRow(SamplerKind.Exact)] [DataRow(SamplerKind.Gumbel)] [DataRow(SamplerKind.Sequential)]
    public void OnlyTheAliasTableAndTheChainDrawTheLongCycleLaw(SamplerKind kind)
        => Assert.ThrowsExactly<ArgumentException>(() => PermutationSampler.For(MixingKernel.Ring(4, 1), kind, 0.5));
}
