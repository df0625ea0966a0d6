using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>The permutation law's fixed-point probability and mean number of cycles: exact by hand, and sampled against exact.</summary>
[TestClass]
public sealed class PermutationLawTests
{
    [TestMethod]
    [DataRow(new[] { 0, 1, 2, 3 }, 4, 4)] [DataRow(new[] { 1, 0, 3, 2 }, 0, 2)] [DataRow(new[] { 1, 2, 0, 3 }, 1, 2)] [DataRow(new[] { 3, 0, 1, 2 }, 0, 1)]
    public void DescribeCountsFixedPointsAndCycles(int[] perm, int fixedPoints, int cycles)
        => Assert.AreEqual((fixedPoints, cycles), PermutationLaw.Describe(perm));

    [TestMethod]
    [DataRow(1)] [DataRow(4)] [DataRow(7)]
    public void IdentityAndUniformByHand(int m)
    {
        var identity = PermutationLaw.Exact(MixingKernel.Identity(m))!;
        Assert.AreEqual(1.0, identity.FixedPoint, 1e-15);
        Assert.AreEqual(m, identity.Cycles, 1e-12);
        Assert.AreEqual(1, identity.Count, "only the identity has positive weight");
        var uniform = PermutationLaw.Exact(MixingKernel.Uniform(m))!;
        Assert.AreEqual(1.0 / m, uniform.FixedPoint, 1e-12);
        Assert.AreEqual(Enumerable.Range(1, m).Sum(k => 1.0 / k), uniform.Cycles, 1e-12, "E[#cycles] = H_M for uniform permutations");
    }

    [TestMethod]
    public void RingOfThreeByHand()
    {
        // Off-diagonal weight g = 1/2: id (weight 1, 3 fixed points, 3 cycles), 3 transpositions (g², 1 fixed point, 2 cycles),
        // 2 three-cycles (g³, 0, 1); total 2. P(π(a) = a) = (3 + 3/4)/(3·2) = 0.625, E[cycles] = (3 + 3/2 + 1/4)/2 = 2.375.
        var q = MixingKernel.FromMatrix(new double[,] { { 1, 0.5, 0.5 }, { 0.5, 1, 0.5 }, { 0.5, 0.5, 1 } });
        var exact = PermutationLaw.Exact(q)!;
        Assert.AreEqual(0.625, exact.FixedPoint, 1e-14);
        Assert.AreEqual(2.375, exact.Cycles, 1e-14);
        Assert.AreEqual(6, exact.Count);
    }

    [TestMethod]
    public void BeyondTheLimitTheExactLawIsNotComputed()
        => Assert.IsNull(PermutationLaw.Exact(MixingKernel.Ring(PermutationLaw.MaxExactCopies + 1, 1)));

    /// <summary>The exact sampler's draws agree with the enumerated law within 4.5 standard errors.</summary>
    [TestMethod]
    [DataRow("ring:sigma=1", 5)] [DataRow("band:m=1,h=0.4", 6)] [DataRow("directional:sigma=0.8,shift=1,skew=0.5", 5)] [DataRow("block:size=2,sigma=0.6", 4)]
    public void SampledStatisticsAgreeWithTheExactLaw(string spec, int m)
    {
        var q = MixingKernel.Parse(spec, m);
        var exact = PermutationLaw.Exact(q)!;
        var sampled = PermutationLaw.Sampled(PermutationSampler.For(q, SamplerKind.Exact), 40_000, 7);
        Assert.AreEqual(40_000, sampled.Count);
        Assert.IsTrue(Math.Abs(sampled.FixedPoint - exact.FixedPoint) < 4.5 * sampled.FixedPointSem, $"fixed point {sampled.FixedPoint} ± {sampled.FixedPointSem} vs {exact.FixedPoint}");
        Assert.IsTrue(Math.Abs(sampled.Cycles - exact.Cycles) < 4.5 * sampled.CyclesSem, $"cycles {sampled.Cycles} ± {sampled.CyclesSem} vs {exact.Cycles}");
    }
}
