using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Analysis.Theory.Committee;

namespace MCoverPhysics.Tests.Analysis.Theory;

[TestClass]
public sealed class CommitteeTheoryTests
{
    /// <summary>K = 1: the committee state evolution is the perceptron's (TeacherStudentTheory), to quadrature precision.</summary>
    [TestMethod]
    [DataRow(0.4)]
    [DataRow(0.8)]
    [DataRow(1.1)]
    public void SingleUnitIsThePerceptron(double alpha)
    {
        var committee = CommitteeTheory.StateEvolution(1, alpha, new CommitteeTheoryOptions { InitialDiagonal = 0, Tolerance = 1e-13 });
        var perceptron = TeacherStudentTheory.StateEvolution(alpha);
        Assert.IsTrue(committee.Converged);
        Assert.AreEqual(perceptron.Overlap, committee.Diagonal, 1e-11);
        Assert.AreEqual(perceptron.ConjugateOverlap, committee.QhatDiagonal, 1e-10);
        Assert.AreEqual(perceptron.EpsBayes, committee.EpsBayes, 1e-11);
    }

    /// <summary>Gauss–Hermite nodes reproduce the Gaussian moments E z² = 1, E z⁴ = 3, E z⁶ = 15.</summary>
    [TestMethod]
    public void HermiteRuleHasGaussianMoments()
    {
        var (x, w) = GaussianGrid.HermiteRule(8);
        Assert.AreEqual(1.0, w.Sum(), 1e-13);
        Assert.AreEqual(1.0, x.Zip(w, (a, b) => b * a * a).Sum(), 1e-12);
        Assert.AreEqual(3.0, x.Zip(w, (a, b) => b * Math.Pow(a, 4)).Sum(), 1e-11);
        Assert.AreEqual(15.0, x.Zip(w, (a, b) => b * Math.Pow(a, 6)).Sum(), 1e-10);
    }

    /// <summary>
    /// q = 0 for K = 3: P(Y|ω) = ½, and ∂P₊/∂ω_k = φ(0)·P(one of the two others positive) = φ(0)/2, so q̂ = α·4·(φ(0)/2)²·J = α/(2π)·J
    /// (every entry); ε_Bayes = ½.
    /// </summary>
    [TestMethod]
    public void ThreeUnitsAtZeroOverlap()
    {
        var (hd, ho, eps) = CommitteeTheory.Channel(3, 2.0, 0, 0);
        Assert.AreEqual(2.0 / (2 * Math.PI), hd, 1e-12);
        Assert.AreEqual(2.0 / (2 * Math.PI), ho, 1e-12);
        Assert.AreEqual(0.5, eps, 1e-12);
    }

    /// <summary>
    /// Prior at diagonal q̂ (no coupling between units) factorises: q_d = E tanh(q̂ + √q̂ z) as for the perceptron, q_o = 0.
    /// </summary>
    [TestMethod]
    public void PriorWithoutCouplingFactorises()
    {
        var (qd, qo) = CommitteeTheory.Prior(3, 0.7, 0);
        Assert.AreEqual(TeacherStudentTheory.Overlap(0.7), qd, 1e-9);
        Assert.AreEqual(0.0, qo, 1e-12);
    }

    /// <summary>
    /// K = 3 at α = 0.5 from a small specialised start: the non-specialised fixed point (q_d = q_o &gt; 0: every hidden unit
    /// learns the same mean direction), a fixed point of one more step, ε_Bayes below ½.
    /// </summary>
    [TestMethod]
    public void ThreeUnitsAreNotSpecialisedAtLowLoad()
    {
        var p = CommitteeTheory.StateEvolution(3, 0.5);
        Assert.IsTrue(p.Converged);
        Assert.IsFalse(p.Specialised);
        Assert.AreEqual(p.Diagonal, p.OffDiagonal, 1e-8);
        Assert.IsTrue(p.Diagonal > 0.01 && p.Diagonal < 0.5, $"q = {p.Diagonal}");
        Assert.IsTrue(p.EpsBayes < 0.45, $"ε = {p.EpsBayes}");
        var (hd, ho, _) = CommitteeTheory.Channel(3, 0.5, p.Diagonal, p.OffDiagonal);
        var (qd, qo) = CommitteeTheory.Prior(3, hd, ho);
        Assert.AreEqual(p.Diagonal, qd, 1e-7);
        Assert.AreEqual(p.OffDiagonal, qo, 1e-7);
    }

    /// <summary>
    /// ε_Bayes of K = 3 at a non-specialised fixed point (α = 2.5): the automatic Richardson extrapolation from 14 and 20
    /// Gauss–Hermite nodes agrees within 10⁻⁴ with the one from 16 and 22 nodes, while the plain 14-node value is more than
    /// 0.002 lower (its 1/n error); an odd refinement of an even rule is refused (the odd rule has a node on the kink).
    /// </summary>
    [TestMethod]
    public void EpsBayesIsExtrapolatedOverTheKink()
    {
        var p = CommitteeTheory.StateEvolution(3, 2.5);
        var (_, _, auto) = CommitteeTheory.Channel(3, 2.5, p.Diagonal, p.OffDiagonal);
        Assert.AreEqual(auto, p.EpsBayes, 1e-12, "the fixed point reports the extrapolated ε");
        var (_, _, finer) = CommitteeTheory.Channel(3, 2.5, p.Diagonal, p.OffDiagonal, CommitteeTheoryOptions.Default with { ChannelNodes = 16, EpsRefineNodes = 22 });
        Assert.AreEqual(finer, auto, 1e-4, "two extrapolations");
        var (_, _, plain) = CommitteeTheory.Channel(3, 2.5, p.Diagonal, p.OffDiagonal, CommitteeTheoryOptions.Default with { EpsRefineNodes = 1 });
        Assert.IsGreaterThan(0.002, auto - plain, $"14 nodes alone: {plain} against {auto}");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CommitteeTheory.Channel(3, 2.5, p.Diagonal, p.OffDiagonal, CommitteeTheoryOptions.Default with { EpsRefineNodes = 21 }));
    }
}
