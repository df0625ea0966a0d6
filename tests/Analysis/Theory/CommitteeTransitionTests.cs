using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Analysis.Theory.Committee;

namespace MCoverPhysics.Tests.Analysis.Theory;

/// <summary>The committee's free entropy and version-space entropy, behind the specialisation transition α_spec.</summary>
[TestClass]
public sealed class CommitteeTransitionTests
{
    /// <summary>K = 1: the committee entropy s = f + ln 2 is the perceptron's (Barbier et al. 2019's f_RS), 10⁻¹⁰, including
    /// its sign change at α_perfect = 1.2447 (Györgyi 1990).</summary>
    [TestMethod]
    [DataRow(0.5)]
    [DataRow(1.0)]
    [DataRow(1.3)]
    public void SingleUnitEntropyIsThePerceptrons(double alpha)
    {
        var committee = CommitteeTheory.StateEvolution(1, alpha, new CommitteeTheoryOptions { InitialDiagonal = 0, Tolerance = 1e-13 });
        var perceptron = TeacherStudentTheory.StateEvolution(alpha);
        Assert.AreEqual(perceptron.Entropy, CommitteeTransition.Entropy(committee), 1e-10);
    }

    /// <summary>
    /// K = 3 at a state-evolution fixed point (α = 1, non-specialised): f(q, q̂(q)) is stationary along q_d = q_o = q, because
    /// ∂f/∂q = 0 and ∂f/∂q̂ = 0 there (central differences, step 10⁻³: the slope is below 10⁻⁴ while f moves by 10⁻² over
    /// the same step elsewhere on the curve).
    /// </summary>
    [TestMethod]
    public void ThreeUnitFreeEntropyIsStationaryAtTheFixedPoint()
    {
        var p = CommitteeTheory.StateEvolution(3, 1.0, new CommitteeTheoryOptions { Tolerance = 1e-11, MaxIterations = 2000 });
        double q = p.Diagonal, h = 1e-3;
        double F(double x) => CommitteeTransition.FreeEntropy(3, 1.0, x, x);
        double slope = (F(q + h) - F(q - h)) / (2 * h);
        Assert.AreEqual(0, slope, 1e-4, $"df/dq at the fixed point q = {q}");
        double away = (F(0.5 * q + h) - F(0.5 * q - h)) / (2 * h);
        Assert.IsGreaterThan(1e-2, Math.Abs(away), $"df/dq at q/2 = {away}: the check can fail");
    }
}
