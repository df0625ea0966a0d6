using MathNet.Numerics.RootFinding;
using MCoverPhysics.Analysis.Theory;

namespace MCoverPhysics.Tests.Analysis.Theory;

[TestClass]
public sealed class GibbsLearningTheoryTests
{
    /// <summary>β → ∞: the Gibbs law is uniform on the version space, R = q and ε_g is the T = 0 Gibbs curve
    /// (TeacherStudentTheory, Györgyi 1990), up to O(e^{−β}).</summary>
    [TestMethod]
    [DataRow(0.3)] [DataRow(0.8)] [DataRow(1.2)]
    public void LowTemperatureLimitIsTheZeroTemperatureGibbsCurve(double alpha)
    {
        var t0 = TeacherStudentTheory.StateEvolution(alpha);
        var p = GibbsLearningTheory.Solve(alpha, 25);
        Assert.IsTrue(p.Converged);
        Assert.AreEqual(t0.Overlap, p.OverlapR, 1e-6);
        Assert.AreEqual(t0.Overlap, p.OverlapQ, 1e-6);
        Assert.AreEqual(t0.EpsGibbs, p.EpsG, 1e-6);
        Assert.AreEqual(t0.ConjugateOverlap, p.ConjugateR, 1e-4, "Nishimori: R̂ = q̂");
        Assert.AreEqual(t0.ConjugateOverlap, p.ConjugateQ, 1e-4);
        Assert.AreEqual(t0.Entropy, p.FreeEntropy, 1e-6, "−βf → version-space entropy s = f_RS + ln 2");
        // At β = 2 the same α gives a visibly different state: the comparison can fail.
        Assert.IsTrue(Math.Abs(GibbsLearningTheory.Solve(alpha, 2).OverlapR - t0.Overlap) > 0.01);
    }

    /// <summary>
    /// High temperature, β → 0 at fixed λ = αβ: replicas decouple (q → R²), training and generalisation errors coincide,
    /// and R solves s′(R) = λ ε′(R), i.e. R = tanh(λ/(π√(1 − R²))) (Seung, Sompolinsky, Tishby 1992, high-T limit).
    /// </summary>
    [TestMethod]
    [DataRow(0.5)] [DataRow(1.0)] [DataRow(1.5)]
    public void HighTemperatureLimitSolvesTheAnnealedEquation(double lambda)
    {
        const double beta = 0.004;
        var p = GibbsLearningTheory.Solve(lambda / beta, beta);
        double r = Brent.FindRoot(x => x - Math.Tanh(lambda / (Math.PI * Math.Sqrt(1 - x * x))), 1e-9, 0.9, 1e-12); // the poor-branch root (R = 1 is the other)
        Assert.IsTrue(p.Converged);
        Assert.AreEqual(r, p.OverlapR, 5e-3);
        Assert.AreEqual(r * r, p.OverlapQ, 5e-3);
        Assert.AreEqual(p.EpsG, p.TrainError, 5e-3);
    }

    /// <summary>−βf is stationary in (R, q, R̂, q̂) at the solution, and not away from it.</summary>
    [TestMethod]
    [DataRow(0.5, 1.0)] [DataRow(2.0, 1.0)] [DataRow(1.0, 4.0)] [DataRow(4.0, 0.5)]
    public void FreeEntropyIsStationaryAtTheSolution(double alpha, double beta)
    {
        var p = GibbsLearningTheory.Solve(alpha, beta);
        Assert.IsTrue(p.Converged && p.OverlapR < 1);
        double[] x = [p.OverlapR, p.OverlapQ, p.ConjugateR, p.ConjugateQ];
        double F(double[] v) => GibbsLearningTheory.FreeEntropy(alpha, beta, v[0], v[1], v[2], v[3]);
        const double h = 1e-5;
        for (int k = 0; k < 4; k++)
        {
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[k] += h;
            down[k] -= h;
            Assert.AreEqual(0.0, (F(up) - F(down)) / (2 * h), 1e-7, $"∂f/∂x_{k}");
        }
        var off = (double[])x.Clone();
        off[0] += 0.05;
        off[2] += 0.05;
        var offUp = (double[])off.Clone();
        offUp[1] += h;
        var offDown = (double[])off.Clone();
        offDown[1] -= h;
        Assert.IsTrue(Math.Abs((F(offUp) - F(offDown)) / (2 * h)) + Math.Abs(F(off) - F(x)) > 1e-4, "away from the saddle point");
    }

    /// <summary>The analytic gradient of G_E (after integration by parts) equals central differences.</summary>
    [TestMethod]
    [DataRow(2.0, 0.3, 0.2)] [DataRow(20.0, 0.5, 0.5)] [DataRow(1.0, 0.01, 0.0002)] [DataRow(5.0, 0.9, 0.85)]
    public void EnergyGradientMatchesFiniteDifferences(double beta, double r, double q)
    {
        var (dr, dq) = GibbsLearningTheory.EnergyGradient(beta, r, q);
        const double h = 1e-6;
        Assert.AreEqual((GibbsLearningTheory.EnergyTerm(beta, r + h, q) - GibbsLearningTheory.EnergyTerm(beta, r - h, q)) / (2 * h), dr, 1e-7 * (1 + Math.Abs(dr)));
        Assert.AreEqual((GibbsLearningTheory.EnergyTerm(beta, r, q + h) - GibbsLearningTheory.EnergyTerm(beta, r, q - h)) / (2 * h), dq, 1e-7 * (1 + Math.Abs(dq)));
    }

    /// <summary>The first-order transition: the poor branch loses to the teacher (−βf = 0) once its −βf turns negative.</summary>
    [TestMethod]
    public void EquilibriumPicksTheBranchOfLargerFreeEntropy()
    {
        var (poor, good, eq) = GibbsLearningTheory.Equilibrium(4, 0.5);
        Assert.IsTrue(poor.OverlapR < 0.7 && poor.FreeEntropy < 0, $"poor −βf = {poor.FreeEntropy}");
        Assert.AreEqual(1.0, good.OverlapR);
        Assert.AreSame(good, eq);
        var low = GibbsLearningTheory.Equilibrium(0.5, 0.5);
        Assert.AreSame(low.Poor, low.Equilibrium);
        Assert.AreEqual(0.5, GibbsLearningTheory.Solve(1, 0).EpsG);
    }
}
