using MathNet.Numerics.Integration;
using MCoverPhysics.Analysis.Theory;

namespace MCoverPhysics.Tests.Analysis.Theory;

[TestClass]
public sealed class TeacherStudentTheoryTests
{
    private static readonly double Ln2 = Math.Log(2);
    private static readonly Lazy<Threshold> Spinodal = new(ThresholdFinder.Spinodal);
    private static readonly Lazy<Threshold> Perfect = new(ThresholdFinder.PerfectLearning);

    [TestMethod]
    public void SpinodalIsAt1493()
    {
        double alpha = Spinodal.Value.Alpha;
        Assert.AreEqual(1.493, Math.Round(alpha, 3));
        Assert.AreEqual(ThresholdFinder.LiteratureSpinodal, alpha, 5e-4);
        Assert.AreEqual(1.4926318, alpha, 1e-6, "pinned to the solver's value");
    }

    /// <summary>
    /// The solver gives 1.24468: 1.245 to three decimals, the 1990 value (Györgyi; Sompolinsky, Tishby &amp; Seung), and
    /// 0.0043 below the 1.249 of Barbier et al. (2019) (docs/physics/theory.md).
    /// </summary>
    [TestMethod]
    public void PerfectLearningIsAt1245()
    {
        double alpha = Perfect.Value.Alpha;
        Assert.AreEqual(1.245, Math.Round(alpha, 3));
        Assert.AreEqual(1.2446840, alpha, 1e-6, "pinned to the solver's value");
        Assert.AreEqual(ThresholdFinder.LiteraturePerfectLearning1990, alpha, 0.005);
        Assert.AreEqual(ThresholdFinder.LiteraturePerfectLearning2019, alpha, 0.005);
    }

    /// <summary>State evolution from q₀ = 0 stays uninformed just below α_spinodal and reaches q = 1 just above it.</summary>
    [TestMethod]
    public void StateEvolutionJumpsToPerfectLearningAtTheSpinodal()
    {
        double alpha = Spinodal.Value.Alpha;
        var below = TeacherStudentTheory.StateEvolution(alpha - 2e-3);
        Assert.IsTrue(below.Converged);
        Assert.IsFalse(below.PerfectLearning);
        Assert.AreEqual(Spinodal.Value.Overlap, below.Overlap, 0.03);
        var above = TeacherStudentTheory.StateEvolution(alpha + 2e-3);
        Assert.IsTrue(above.Converged);
        Assert.IsTrue(above.PerfectLearning);
        Assert.AreEqual(0.0, above.Entropy);
        Assert.AreEqual(0.0, above.EpsBayes);
    }

    /// <summary>The entropy of the state-evolution fixed point vanishes at α_perfect, where the threshold finder put it.</summary>
    [TestMethod]
    public void EntropyVanishesAtPerfectLearning()
    {
        var point = TeacherStudentTheory.StateEvolution(Perfect.Value.Alpha);
        Assert.AreEqual(0.0, point.Entropy, 1e-12);
        Assert.AreEqual(Perfect.Value.Overlap, point.Overlap, 1e-10);
        Assert.IsTrue(TeacherStudentTheory.StateEvolution(1.2).Entropy > 0);
        Assert.IsTrue(TeacherStudentTheory.StateEvolution(1.3).Entropy < 0, "metastable branch");
    }

    /// <summary>∂f/∂q = ∂f/∂q̂ = 0 at the state-evolution fixed point (central differences).</summary>
    [TestMethod]
    [DataRow(0.3)] [DataRow(1.0)] [DataRow(1.45)]
    public void FreeEntropyIsStationaryAtTheFixedPoint(double alpha)
    {
        var p = TeacherStudentTheory.StateEvolution(alpha);
        Assert.IsTrue(p.Converged);
        double F(double q, double qhat) => TeacherStudentTheory.FreeEntropy(alpha, q, qhat);
        var (dq, dqhat) = Stationarity.Gradient(F, p.Overlap, p.ConjugateOverlap);
        Assert.AreEqual(0.0, dq, 1e-8);
        Assert.AreEqual(0.0, dqhat, 1e-8);
        // Away from it the derivatives do not vanish: the test can fail.
        double dqOff = Stationarity.Gradient(F, p.Overlap + 0.05, p.ConjugateOverlap).Dq;
        Assert.IsTrue(Math.Abs(dqOff) > 1e-3);
    }

    /// <summary>The saddle-point equations are the derivatives of the potentials: q = 2ψ′(q̂), q̂ = 2α Ψ′_out(q).</summary>
    [TestMethod]
    [DataRow(0.2, 0.3)] [DataRow(0.6, 1.7)] [DataRow(0.95, 6.0)]
    public void EquationsAreDerivativesOfThePotentials(double q, double qhat)
    {
        const double h = 1e-5;
        Assert.AreEqual(TeacherStudentTheory.Overlap(qhat), (TeacherStudentTheory.PriorPotential(qhat + h) - TeacherStudentTheory.PriorPotential(qhat - h)) / h, 1e-8);
        double alpha = 1.3;
        double dPsi = (TeacherStudentTheory.ChannelPotential(q + h) - TeacherStudentTheory.ChannelPotential(q - h)) / (2 * h);
        Assert.AreEqual(1.0, TeacherStudentTheory.ConjugateOverlap(alpha, q) / (2 * alpha * dPsi), 1e-7);
    }

    /// <summary>f(α) = ln 2·(−1) + ∫₀^α Ψ_out(q(α′)) dα′ (envelope theorem): an independent route to the entropy.</summary>
    [TestMethod]
    public void EntropyIsTheIntegralOfTheChannelPotential()
    {
        const double alpha = 1.0;
        var rule = new GaussLegendreRule(0, alpha, 24);
        double integral = 0;
        for (int i = 0; i < rule.Order; i++)
            integral += rule.Weights[i] * TeacherStudentTheory.ChannelPotential(TeacherStudentTheory.StateEvolution(rule.Abscissas[i]).Overlap);
        Assert.AreEqual(TeacherStudentTheory.StateEvolution(alpha).Entropy, Ln2 + integral, 1e-9);
    }

    [TestMethod]
    public void SmallAlphaAndAnnealedLimits()
    {
        // q̂(α, 0) = α φ(0)²/Φ(0)² = 2α/π; q ≈ q̂ for small q̂.
        Assert.AreEqual(2 * 0.7 / Math.PI, TeacherStudentTheory.ConjugateOverlap(0.7, 0), 1e-14);
        const double alpha = 1e-3;
        var p = TeacherStudentTheory.StateEvolution(alpha);
        Assert.AreEqual(1.0, p.Overlap / (2 * alpha / Math.PI), 3e-3);
        Assert.AreEqual(0.5, p.EpsGibbs, 1e-3);
        Assert.AreEqual(Ln2 * (1 - alpha), p.Entropy, 1e-5); // s = ln 2 + α Ψ_out(0) + O(α²)
        // At q = q̂ = 0 the functional is the annealed entropy ln 2 − α ln 2.
        Assert.AreEqual(Ln2 * (1 - 0.8), TeacherStudentTheory.Entropy(0.8, 0, 0), 1e-14);
        Assert.AreEqual(-Ln2, TeacherStudentTheory.ChannelPotential(0), 1e-14);
        Assert.AreEqual(-Ln2, TeacherStudentTheory.FreeEntropy(2.0, 1.0, double.PositiveInfinity));
    }

    [TestMethod]
    public void CurveIsMonotoneAndBayesBeatsGibbs()
    {
        var alphas = Enumerable.Range(1, 24).Select(i => 0.05 * i).ToArray();
        var curve = TeacherStudentTheory.Curve(alphas);
        Assert.HasCount(alphas.Length, curve);
        for (int i = 0; i < curve.Count; i++)
        {
            var p = curve[i];
            Assert.AreEqual(alphas[i], p.Alpha);
            Assert.IsTrue(p.Converged, $"α = {p.Alpha}");
            Assert.IsTrue(p.EpsBayes <= p.EpsGibbs, $"α = {p.Alpha}");
            Assert.AreEqual(Math.Acos(Math.Sqrt(p.Overlap)) / Math.PI, p.EpsBayes, 1e-15);
            Assert.AreEqual(Math.Acos(p.Overlap) / Math.PI, p.EpsGibbs, 1e-15);
            Assert.AreEqual(TeacherStudentTheory.Overlap(p.ConjugateOverlap), p.Overlap, 1e-12, "fixed point");
            if (i > 0)
            {
                Assert.IsTrue(p.Overlap > curve[i - 1].Overlap, $"q increases at α = {p.Alpha}");
                Assert.IsTrue(p.Entropy < curve[i - 1].Entropy, $"s decreases at α = {p.Alpha}");
            }
        }
    }

    [TestMethod]
    public void TrajectoryDampingAndNonConvergence()
    {
        var fixedPoint = TeacherStudentTheory.StateEvolution(1.0);
        var trajectory = TeacherStudentTheory.StateEvolutionTrajectory(1.0, 80);
        Assert.HasCount(81, trajectory);
        Assert.AreEqual(0.0, trajectory[0]);
        Assert.AreEqual(TeacherStudentTheory.Overlap(2 / Math.PI), trajectory[1], 1e-15, "q₁ = q(q̂₀), q̂₀ = 2α/π");
        for (int t = 1; t < trajectory.Length; t++) Assert.IsTrue(trajectory[t] >= trajectory[t - 1]);
        Assert.AreEqual(fixedPoint.Overlap, trajectory[^1], 1e-12);

        var damped = TeacherStudentTheory.StateEvolution(1.0, new StateEvolutionOptions { Damping = 0.5 });
        Assert.AreEqual(fixedPoint.Overlap, damped.Overlap, 1e-11);
        Assert.IsTrue(damped.Iterations > fixedPoint.Iterations);

        var cut = TeacherStudentTheory.StateEvolution(1.0, new StateEvolutionOptions { MaxIterations = 3 });
        Assert.IsFalse(cut.Converged);
        Assert.AreEqual(3, cut.Iterations);
        Assert.AreEqual(trajectory[3], cut.Overlap, 1e-15);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TeacherStudentTheory.StateEvolution(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TeacherStudentTheory.StateEvolution(1, new StateEvolutionOptions { Damping = 1 }));
    }
}
