using MCoverPhysics.Analysis.Theory;

namespace MCoverPhysics.Tests.Analysis.Theory;

[TestClass]
public sealed class StorageTheoryTests
{
    private static readonly double Ln2 = Math.Log(2);

    [TestMethod]
    public void CapacityIsAt0833()
    {
        var c = ThresholdFinder.StorageCapacity();
        Assert.AreEqual(0.833, Math.Round(c.Alpha, 3));
        Assert.AreEqual(ThresholdFinder.LiteratureStorageCapacity, c.Alpha, 5e-4);
        Assert.AreEqual(0.8330786, c.Alpha, 1e-6, "pinned to the solver's value");
        var p = StorageTheory.Solve(c.Alpha);
        Assert.IsTrue(p.Converged);
        Assert.AreEqual(0.0, p.Entropy, 1e-12);
        Assert.AreEqual(c.Overlap, p.Overlap, 1e-10);
    }

    /// <summary>At q = q̂ = 0 the functional is the annealed entropy ln 2 + α ln ½.</summary>
    [TestMethod]
    [DataRow(0.1)] [DataRow(0.5)] [DataRow(2.0)]
    public void AnnealedLimit(double alpha)
    {
        Assert.AreEqual(Ln2 - alpha * Ln2, StorageTheory.Entropy(alpha, 0, 0), 1e-14);
        Assert.AreEqual(-Ln2, StorageTheory.EnergeticTerm(0), 1e-14);
        Assert.AreEqual(2 * alpha / Math.PI, StorageTheory.ConjugateOverlap(alpha, 0), 1e-14);
    }

    [TestMethod]
    [DataRow(0.3)] [DataRow(0.7)] [DataRow(0.95)]
    public void EntropyIsStationaryAtTheFixedPoint(double alpha)
    {
        var p = StorageTheory.Solve(alpha);
        Assert.IsTrue(p.Converged);
        var (dq, dqhat) = Stationarity.Gradient((q, qhat) => StorageTheory.Entropy(alpha, q, qhat), p.Overlap, p.ConjugateOverlap);
        Assert.AreEqual(0.0, dq, 1e-8);
        Assert.AreEqual(0.0, dqhat, 1e-8);
    }

    /// <summary>q̂ = −2α dI/dq: the integrated-by-parts conjugate equation is the derivative of the energetic term.</summary>
    [TestMethod]
    [DataRow(0.1)] [DataRow(0.5)] [DataRow(0.9)] [DataRow(0.999)]
    public void ConjugateEquationIsTheDerivativeOfTheEnergeticTerm(double q)
    {
        double h = 1e-6 * (1 - q);
        double dI = (StorageTheory.EnergeticTerm(q + h) - StorageTheory.EnergeticTerm(q - h)) / (2 * h);
        Assert.AreEqual(1.0, StorageTheory.ConjugateOverlap(0.6, q) / (-2 * 0.6 * dI), 1e-7);
    }

    [TestMethod]
    public void SmallAlphaCurveAndRunaway()
    {
        var small = StorageTheory.Solve(1e-3);
        Assert.AreEqual(1.0, small.Overlap / (2e-3 / Math.PI), 3e-3); // q ≈ q̂ ≈ 2α/π
        var alphas = Enumerable.Range(1, 20).Select(i => 0.05 * i).ToArray();
        var curve = StorageTheory.Curve(alphas);
        for (int i = 0; i < curve.Count; i++)
        {
            Assert.IsTrue(curve[i].Converged, $"α = {alphas[i]}");
            Assert.AreEqual(StorageTheory.Overlap(curve[i].ConjugateOverlap), curve[i].Overlap, 1e-12);
            if (i > 0) Assert.IsTrue(curve[i].Overlap > curve[i - 1].Overlap && curve[i].Entropy < curve[i - 1].Entropy);
        }
        // Beyond α = 4/π the RS saddle point runs off to q = 1: flagged, never returned as a solution.
        var runaway = StorageTheory.Solve(2.0);
        Assert.IsFalse(runaway.Converged);
        Assert.IsTrue(double.IsNaN(runaway.Entropy));
        Assert.IsTrue(1 - runaway.Overlap < StorageTheory.RunawayDeficit);
    }
}
