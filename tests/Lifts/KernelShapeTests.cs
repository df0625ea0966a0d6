using System.Numerics;
using MCoverPhysics.Lifts.Kernels;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>The directional kernels and block kernels by size against hand-computed Q and λ₂ (issue 20).</summary>
[TestClass]
public sealed class KernelShapeTests
{
    private static double G(double x, double width) => Math.Exp(-x * x / (2 * width * width));

    /// <summary>Row a of Q against hand weights W_ab, each raised by the floor ε (the authors' 1e-9 unless given) before normalising.</summary>
    private static void AssertRow(MixingKernel q, int a, double[] weights, double eps = MixingKernel.DefaultEpsilon)
    {
        double total = weights.Sum() + eps * weights.Length;
        for (int b = 0; b < weights.Length; b++) Assert.AreEqual((weights[b] + eps) / total, q[a, b], 1e-12, $"Q[{a},{b}]");
    }

    /// <summary>Circulant spectrum λ_k = Σ_d c_d e^{2πikd/M}: (max |λ_k|, max Re λ_k) over k ≥ 1.</summary>
    private static (double Modulus, double Real) Circulant(MixingKernel q)
    {
        int m = q.Copies;
        double modulus = 0, real = double.NegativeInfinity;
        for (int k = 1; k < m; k++)
        {
            Complex lambda = 0;
            for (int d = 0; d < m; d++) lambda += q[0, d] * Complex.Exp(new Complex(0, 2 * Math.PI * k * d / m));
            modulus = Math.Max(modulus, lambda.Magnitude);
            real = Math.Max(real, lambda.Real);
        }
        return (modulus, real);
    }

    [TestMethod]
    [DataRow(8, 1.0, 2)] [DataRow(8, 0.6, -3)] [DataRow(5, 1.3, 7)] [DataRow(6, 0.8, 3)]
    public void DirectionalWithAShiftIsTheRingRotated(int m, double sigma, int shift)
    {
        var ring = MixingKernel.Ring(m, sigma);
        var q = MixingKernel.Directional(m, sigma, shift, 0);
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
                Assert.AreEqual(ring[a, ((b - shift) % m + m) % m], q[a, b], 1e-14, $"Q[{a},{b}]");
        Assert.AreEqual(ring.Lambda2, q.Lambda2, 1e-9, "a rotation keeps the eigenvalue moduli");
        var (modulus, real) = Circulant(q);
        Assert.AreEqual(modulus, q.Lambda2, 1e-9);
        Assert.AreEqual(real, q.Lambda2Real, 1e-9);
    }

    [TestMethod]
    public void AFractionalShiftIsWrappedBackOntoTheRing()
    {
        // M = 4, s = 2.5: offsets δ = 0, 1, 2, −1 give δ − s = −2.5, −1.5, −0.5, −3.5, wrapped to 1.5, −1.5, −0.5, 0.5.
        var q = MixingKernel.Directional(4, 1, 2.5, 0);
        AssertRow(q, 0, [G(1.5, 1), G(1.5, 1), G(0.5, 1), G(0.5, 1)]);
        AssertRow(q, 1, [G(0.5, 1), G(1.5, 1), G(1.5, 1), G(0.5, 1)]);
    }

    [TestMethod]
    public void TheSkewActsOnTheWidth()
    {
        // M = 5, σ = 1, κ = 0.5: offsets 0, 1, 2, −2, −1; σ_eff = 1.5 ahead, 0.5 behind.
        var q = MixingKernel.Directional(5, 1, 0, 0.5);
        AssertRow(q, 0, [1, G(1, 1.5), G(2, 1.5), G(2, 0.5), G(1, 0.5)]);
        AssertRow(q, 3, [G(2, 1.5), G(2, 0.5), G(1, 0.5), 1, G(1, 1.5)]);
        // κ = −1: the forward width 0 is floored at 0.05σ.
        var floor = MixingKernel.Directional(5, 2, 0, -1);
        AssertRow(floor, 0, [1, G(1, 0.1), G(2, 0.1), G(2, 4), G(1, 4)]);
        var (modulus, real) = Circulant(q);
        Assert.AreEqual(modulus, q.Lambda2, 1e-9);
        Assert.AreEqual(real, q.Lambda2Real, 1e-9);
        Assert.IsTrue(q.Lambda2Real < q.Lambda2, "a skewed kernel has complex eigenvalues: Re λ < |λ|");
    }

    [TestMethod]
    public void TheAmplitudeFormKeepsTheEarlierDefinition()
    {
        // M = 4, σ = 1, s = 1, κ = 0.5: x = δ − s = −1, 0, 1, −2 (no wrap), weight G(x)(1 + κ sgn x).
        var q = MixingKernel.Parse("directional-amp:sigma=1,shift=1,skew=0.5", 4);
        Assert.AreEqual("directional-amp:sigma=1,shift=1,skew=0.5", q.Spec);
        AssertRow(q, 0, [G(1, 1) * 0.5, 1, G(1, 1) * 1.5, G(2, 1) * 0.5]);
    }

    [TestMethod]
    public void SymmetricKernelsHaveBothLambda2Conventions()
    {
        var ring = MixingKernel.Ring(8, 1);
        Assert.AreEqual(ring.Lambda2, ring.Lambda2Real, 1e-9);
        Assert.AreEqual(1.0, MixingKernel.Identity(4).Lambda2Real, 1e-12);
        Assert.AreEqual(0.0, MixingKernel.Uniform(4).Lambda2Real, 1e-9);
        Assert.IsTrue(double.IsNaN(MixingKernel.Identity(1).Lambda2Real));
    }

    [TestMethod]
    [DataRow(8, 2, 0.7)] [DataRow(8, 4, 1.0)] [DataRow(6, 3, 0.5)] [DataRow(4, 1, 1.0)] [DataRow(4, 4, 1.0)]
    public void BlockBySizeIsBlockByCount(int m, int size, double sigma)
    {
        var bySize = MixingKernel.Parse($"block:size={size},sigma={sigma}", m);
        var byCount = MixingKernel.Block(m, m / size, sigma);
        Assert.AreEqual($"block:size={size},sigma={sigma}", bySize.Spec);
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) Assert.AreEqual(byCount[a, b], bySize[a, b], 1e-15);
        Assert.AreEqual(byCount.Lambda2, bySize.Lambda2, 1e-12);
    }

    [TestMethod]
    public void BlockBySizeByHand()
    {
        // M = 6, L = 2 (B = 3 blocks), σ = 1: block ring distances 0, 1, 1 → row 0 ∝ (1, 1, g, g, g, g), g = e^{−1/2}.
        var q = MixingKernel.Parse("block:size=2,sigma=1", 6);
        double g = Math.Exp(-0.5);
        AssertRow(q, 0, [1, 1, g, g, g, g]);
        // The nonzero spectrum is that of the 3×3 ring of blocks: 1 and (1 − g)/(1 + 2g) twice.
        Assert.AreEqual((1 - g) / (1 + 2 * g), q.Lambda2, 1e-9);
    }

    [TestMethod]
    public void TheEpsilonFloorIsAddedBeforeNormalising()
    {
        // band M = 5, m = 1, h = 0.5, ε = 0.1: row 0 ∝ (1.1, 0.6, 0.1, 0.1, 0.6), so the offsets beyond m get weight ε / 2.5.
        var q = MixingKernel.Parse("band:m=1,h=0.5,eps=0.1", 5);
        Assert.AreEqual("band:m=1,h=0.5,eps=0.1", q.Spec);
        AssertRow(q, 0, [1, 0.5, 0, 0, 0.5], eps: 0.1);
        Assert.AreEqual(0.1 / 2.5, q[0, 2], 1e-15);
        // The default floor is the authors' 1e-9 and is not written; eps=0 gives the bare weights with zeros.
        Assert.AreEqual("band:m=1,h=0.5", MixingKernel.Parse("band:m=1,h=0.5,eps=1e-9", 5).Spec);
        Assert.AreEqual(1e-9 / 2.000000005, MixingKernel.Parse("band:m=1,h=0.5", 5)[0, 2], 1e-20);
        Assert.AreEqual(0.0, MixingKernel.Parse("band:m=1,h=0.5,eps=0", 5)[0, 2]);
        // ε lifts a Gaussian that underflows: a tiny σ with a fractional shift no longer empties a row.
        var narrow = MixingKernel.Parse("directional:sigma=0.01,shift=0.5,skew=0", 4);
        AssertRow(narrow, 0, [0, 0, 0, 0]);
        // The circulant spectrum of a ring with ε: c_d = (G(d) + ε)/Σ, so λ_k (k ≥ 1) = Σ_d G(d) cos(2πkd/M) / Σ.
        var ring = MixingKernel.Parse("ring:sigma=1,eps=0.05", 6);
        double[] g = [1, G(1, 1), G(2, 1), G(3, 1), G(2, 1), G(1, 1)];
        double total = g.Sum() + 0.3, lambda1 = 0;
        for (int d = 0; d < 6; d++) lambda1 += g[d] * Math.Cos(2 * Math.PI * d / 6) / total;
        Assert.AreEqual(lambda1, ring.Lambda2, 1e-9);
    }

    [TestMethod]
    [DataRow("identity:eps=0.1", "identity takes no eps")]
    [DataRow("uniform:eps=0.1", "uniform takes no eps")]
    [DataRow("ring:sigma=1,eps=-0.1", "eps must be ≥ 0")]
    [DataRow("ring:sigma=1,eps=x", "eps 'x' is not a number")]
    public void ABadEpsilonIsRefusedNamingIt(string spec, string message)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.Parse(spec, 4));
        StringAssert.Contains(e.Message, message);
    }
}
