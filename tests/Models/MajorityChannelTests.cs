using MathNet.Numerics.Distributions;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Tests.Models;

/// <summary>The majority channel P(Σ_k sign z_k &gt; 0), z ~ N(ω, V): values, gradient and Hessian.</summary>
[TestClass]
public sealed class MajorityChannelTests
{
    private static readonly double[] Omega3 = [0.3, -0.5, 0.8];
    // V = (1 − q_d + q_o) I − q_o J style covariance with unequal entries: positive definite, not diagonal.
    private static readonly double[] V3 = [0.8, -0.2, -0.15, -0.2, 0.7, -0.1, -0.15, -0.1, 0.9];

    /// <summary>K = 1 is the perceptron's channel: P₊ = Φ(ω/√V), ∇P₊ = φ(ω/√V)/√V, ∇∇P₊ = −(ω/V) φ/√V (exact, no quadrature).</summary>
    [TestMethod]
    [DataRow(0.3, 0.5)]
    [DataRow(-1.7, 0.05)]
    public void OneUnitIsThePerceptronChannel(double omega, double v)
    {
        var ch = new MajorityChannel(1, 12);
        Assert.IsTrue(ch.Prepare([v], 1e-12));
        var g = new double[1];
        var h = new double[1];
        var (plus, minus) = ch.Evaluate([omega], g, h);
        double u = omega / Math.Sqrt(v);
        Assert.AreEqual(Normal.CDF(0, 1, u), plus, 1e-14);
        Assert.AreEqual(Normal.CDF(0, 1, -u), minus, 1e-14);
        Assert.AreEqual(Normal.PDF(0, 1, u) / Math.Sqrt(v), g[0], 1e-13);
        Assert.AreEqual(-u / Math.Sqrt(v) * Normal.PDF(0, 1, u) / Math.Sqrt(v), h[0], 1e-12);
    }

    /// <summary>K = 3 with diagonal V: the units are independent and P₊ is the exact majority of three Φ's (no r-average).</summary>
    [TestMethod]
    public void DiagonalCovarianceIsTheExactMajority()
    {
        var ch = new MajorityChannel(3, 12);
        Assert.IsTrue(ch.Prepare([0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5], 1e-12));
        Assert.AreEqual(0, ch.Dimensions);
        var p = Omega3.Select(w => Normal.CDF(0, 1, w / Math.Sqrt(0.5))).ToArray();
        double exact = p[0] * p[1] * p[2] + p[0] * p[1] * (1 - p[2]) + p[0] * (1 - p[1]) * p[2] + (1 - p[0]) * p[1] * p[2];
        var (plus, minus) = ch.Evaluate(Omega3, new double[3], []);
        Assert.AreEqual(exact, plus, 1e-14);
        Assert.AreEqual(1 - exact, minus, 1e-14);
    }

    /// <summary>Correlated fields: P₊ + P₋ = 1, P₊ agrees with a seeded Monte Carlo of z ~ N(ω, V) (10⁶ samples, 5σ), and
    /// 12 Gauss–Hermite nodes agree with 40 to 10⁻⁶.</summary>
    [TestMethod]
    public void CorrelatedFieldsMatchMonteCarlo()
    {
        var ch = new MajorityChannel(3, 12);
        Assert.IsTrue(ch.Prepare(V3, 1e-12));
        Assert.AreEqual(2, ch.Dimensions);
        var (plus, minus) = ch.Evaluate(Omega3, new double[3], []);
        Assert.AreEqual(1, plus + minus, 1e-12);
        var fine = new MajorityChannel(3, 40);
        fine.Prepare(V3, 1e-12);
        Assert.AreEqual(fine.Evaluate(Omega3, new double[3], []).Plus, plus, 1e-6);
        var chol = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(3, 3, (a, b) => V3[a * 3 + b]).Cholesky().Factor;
        var rng = new System.Random(7);
        var normal = new Normal(0, 1, rng);
        int hits = 0, samples = 1_000_000;
        var n = new double[3];
        for (int s = 0; s < samples; s++)
        {
            for (int a = 0; a < 3; a++) n[a] = normal.Sample();
            int votes = 0;
            for (int a = 0; a < 3; a++)
            {
                double z = Omega3[a];
                for (int b = 0; b <= a; b++) z += chol[a, b] * n[b];
                votes += z > 0 ? 1 : -1;
            }
            if (votes > 0) hits++;
        }
        double mc = (double)hits / samples, sem = Math.Sqrt(mc * (1 - mc) / samples);
        Assert.AreEqual(mc, plus, 5 * sem);
    }

    /// <summary>Gradient and Hessian equal central finite differences of P₊ (and of ∇P₊), K = 3 and 5, correlated V.</summary>
    [TestMethod]
    [DataRow(3)]
    [DataRow(5)]
    public void DerivativesAreFiniteDifferences(int k)
    {
        var v = new double[k * k];
        var omega = new double[k];
        for (int a = 0; a < k; a++)
        {
            omega[a] = 0.4 * Math.Sin(a + 1.0);
            for (int b = 0; b < k; b++) v[a * k + b] = a == b ? 0.7 : -0.08 + 0.01 * (a + b);
        }
        var ch = new MajorityChannel(k, k == 3 ? 12 : 6);
        Assert.IsTrue(ch.Prepare(v, 1e-12));
        var g = new double[k];
        var h = new double[k * k];
        ch.Evaluate(omega, g, h);
        const double step = 1e-5;
        var gp = new double[k];
        var gm = new double[k];
        for (int a = 0; a < k; a++)
        {
            var up = (double[])omega.Clone();
            var down = (double[])omega.Clone();
            up[a] += step;
            down[a] -= step;
            double pp = ch.Evaluate(up, gp, []).Plus, pm = ch.Evaluate(down, gm, []).Plus;
            Assert.AreEqual((pp - pm) / (2 * step), g[a], 1e-8, $"∂P/∂ω_{a}");
            for (int b = 0; b < k; b++) Assert.AreEqual((gp[b] - gm[b]) / (2 * step), h[a * k + b], 1e-7, $"∂²P/∂ω_{a}∂ω_{b}");
        }
    }
}
