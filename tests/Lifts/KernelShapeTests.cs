using System.Numerics;
using MCoverPhysics.Lifts.Kernels;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>The directional kernels and block kernels by size against hand-computed Q and λ₂ (issue 20).</summary>
[TestClass]
public sealed class KernelShapeTests
{
    private static double G(double x, double width) => Math.Exp(-x * x / (2 * width * width));

    private static void AssertRow(MixingKernel q, int a, double[] weights)
    {
        double total = weights.Sum();
        for (int b = 0; b < weights.Length; b++) Assert.AreEqual(weights[b] / total, q[a, b], 1e-12, $"Q[{a},{b}]");
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
}
