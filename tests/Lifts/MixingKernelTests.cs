using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Lifts;

[TestClass]
public sealed class MixingKernelTests
{
    public static IEnumerable<object[]> Specs() =>
    [
        ["identity", 8], ["uniform", 8], ["ring:sigma=1", 8], ["ring:sigma=0.5", 5], ["band:m=2,h=0.5", 8],
        ["block:b=2,sigma=1", 8], ["block:size=4,sigma=1", 8], ["directional:sigma=1,shift=1,skew=0.3", 8],
        ["directional:sigma=0.7,shift=2.5,skew=-1", 5], ["directional-amp:sigma=1,shift=1,skew=0.3", 8],
    ];

    [TestMethod]
    [DynamicData(nameof(Specs))]
    public void KernelsAreRowStochasticAndRoundTripTheirSpec(string spec, int m)
    {
        var q = MixingKernel.Parse(spec, m);
        Assert.AreEqual(spec, q.Spec);
        for (int a = 0; a < m; a++)
        {
            double row = 0;
            for (int b = 0; b < m; b++) { Assert.IsTrue(q[a, b] >= 0); row += q[a, b]; }
            Assert.AreEqual(1.0, row, 1e-12);
        }
        Assert.IsTrue(q.Lambda2 is >= 0 and <= 1 + 1e-9, $"λ₂ = {q.Lambda2}");
    }

    /// <summary>The ring kernel is circulant: its eigenvalues are λ_k = Σ_d c_d cos(2πkd/M).</summary>
    [TestMethod]
    [DataRow(8, 1.0)] [DataRow(6, 0.7)] [DataRow(16, 2.0)]
    public void RingLambda2MatchesTheCirculantSpectrum(int m, double sigma)
    {
        var q = MixingKernel.Ring(m, sigma);
        double best = 0;
        for (int k = 1; k < m; k++)
        {
            double lambda = 0;
            for (int d = 0; d < m; d++) lambda += q[0, d] * Math.Cos(2 * Math.PI * k * d / m);
            best = Math.Max(best, Math.Abs(lambda));
        }
        Assert.AreEqual(best, q.Lambda2, 1e-9);
    }

    [TestMethod]
    public void IdentityAndUniformAreTheExtremes()
    {
        Assert.AreEqual(1.0, MixingKernel.Identity(8).Lambda2, 1e-12);
        Assert.AreEqual(0.0, MixingKernel.Uniform(8).Lambda2, 1e-9);
        Assert.IsTrue(double.IsNaN(MixingKernel.Identity(1).Lambda2));
        Assert.IsTrue(MixingKernel.Ring(8, 0.5).Lambda2 > MixingKernel.Ring(8, 2).Lambda2, "wider rings mix faster");
    }

    [TestMethod]
    [DataRow("ring:sigma=0", 8, "sigma must be > 0")]
    [DataRow("ring:sigma=-1", 8, "sigma must be > 0")]
    [DataRow("band:m=4,h=0.5", 8, "m must be < M/2")]
    [DataRow("band:m=1,h=0", 8, "h must be in (0, 1]")]
    [DataRow("band:m=1,h=1.5", 8, "h must be in (0, 1]")]
    [DataRow("block:b=3,sigma=1", 8, "must be divisible by b = 3")]
    [DataRow("ring", 8, "ring needs sigma")]
    [DataRow("ring:sigma", 8, "is not key=value")]
    [DataRow("ring:sigma=1,x=2", 8, "ring takes no x")]
    [DataRow("ring:sigma=abc", 8, "is not a number")]
    [DataRow("spiral", 8, "'spiral' is not a kernel")]
    [DataRow("directional:sigma=1,shift=0,skew=1.5", 8, "skew must be in [−1, 1]")]
    [DataRow("directional-amp:sigma=1,shift=0,skew=1", 8, "skew must be in (−1, 1)")]
    [DataRow("block:size=3,sigma=1", 8, "must be divisible by size = 3")]
    [DataRow("block:b=2,size=4,sigma=1", 8, "not both")]
    [DataRow("block:sigma=1", 8, "block needs b=… (number of blocks) or size=…")]
    [DataRow("file", 8, "file needs a path")]
    [DataRow("file:/nonexistent/q.csv", 8, "cannot read /nonexistent/q.csv: no such file")]
    public void BadKernelsNameTheField(string spec, int m, string message)
        => Assert.Contains(message, Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.Parse(spec, m)).Message);

    /// <summary>The exact sampler's frequencies match P(π) ∝ ∏_a Q_{a,π(a)} (chi-square, 99.9% level).</summary>
    [TestMethod]
    [DataRow("ring:sigma=0.8", 3)] [DataRow("ring:sigma=1", 4)] [DataRow("band:m=1,h=0.3", 4)]
    [DataRow("directional:sigma=1,shift=1,skew=0.5", 4)] [DataRow("block:b=2,sigma=0.7", 4)]
    [DataRow("directional-amp:sigma=1,shift=1,skew=0.5", 4)] [DataRow("directional:sigma=0.8,shift=0.5,skew=-0.6", 5)]
    public void ExactSamplerMatchesTheLawByChiSquare(string spec, int m)
    {
        var q = MixingKernel.Parse(spec, m);
        var perms = PermutationLawCheck.Permutations(m).ToList();
        var weight = perms.Select(p => Enumerable.Range(0, m).Aggregate(1.0, (w, a) => w * q[a, p[a]])).ToArray();
        var sampler = (ExactSampler)PermutationSampler.For(q, SamplerKind.Exact);
        PermutationLawCheck.ChiSquare(sampler, perms, weight, p => sampler.Probability(p), 1e-9, 12);
    }

    [TestMethod]
    [DataRow(SamplerKind.Gumbel)] [DataRow(SamplerKind.Sequential)] [DataRow(SamplerKind.Exact)]
    public void EverySamplerDrawsPermutations(SamplerKind kind)
    {
        var sampler = PermutationSampler.For(MixingKernel.Parse("ring:sigma=1", 9), kind);
        var rng = RngStream.For(3, StreamTag.Routing);
        var perm = new int[9];
        for (int t = 0; t < 200; t++)
        {
            sampler.Sample(ref rng, perm);
            CollectionAssert.AreEquivalent(Enumerable.Range(0, 9).ToArray(), perm);
        }
    }
}
