using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The atlas's answer on synthetic cells: the fixed-diversity interpolation and verdict, and the extrapolation in N.</summary>
[TestClass]
public sealed class AtlasAnswerTests
{
    private const string Base = "model=perceptron hidden=1 task=teacher rule=cpr n=501 alpha=1 copies=4";

    /// <summary>A cell with Δε_g per copy = <paramref name="mean"/> ± <paramref name="sem"/> (the other measures NaN, not tested).</summary>
    private static AtlasReport.Cell Cell(string key, string method, double diversity, double mean, double sem, double q = 0.01)
    {
        double[] Five(double first) => [first, double.NaN, double.NaN, double.NaN, double.NaN];
        return new AtlasReport.Cell(key, method, method.Contains("identity", StringComparison.Ordinal) ? 1 : 0, diversity, 16,
            Five(mean), Five(mean - 2 * sem), Five(mean + 2 * sem), Five(q), 1) { Sem = Five(sem), Q = [q, double.NaN, double.NaN, double.NaN, double.NaN] };
    }

    [TestMethod]
    public void TheReplicatedDeltaIsInterpolatedLinearlyBetweenTheNeighbouringGammas()
    {
        // Points given out of order: (0.3, 0.01 ± 0.004), (0.1, −0.01 ± 0.002). At x = 0.15, t = 0.25:
        // y = 0.75·(−0.01) + 0.25·0.01 = −0.005, s² = 0.75²·0.002² + 0.25²·0.004² = 3.25e-6.
        var points = new[] { (0.3, 0.01, 0.004), (0.1, -0.01, 0.002) };
        var (y, s, inside) = AtlasFixedDiversity.Interpolate(points, 0.15);
        Assert.AreEqual(-0.005, y, 1e-15);
        Assert.AreEqual(Math.Sqrt(3.25e-6), s, 1e-15);
        Assert.IsTrue(inside);
        Assert.AreEqual((0.01, 0.004, false), AtlasFixedDiversity.Interpolate(points, 0.5), "above the range: the nearest γ, flagged");
        Assert.AreEqual((-0.01, 0.002, false), AtlasFixedDiversity.Interpolate(points, 0.02), "below the range: the nearest γ, flagged");
        Assert.AreEqual((0.01, 0.004, true), AtlasFixedDiversity.Interpolate(points, 0.3), "at a γ: its own value");
        Assert.IsTrue(double.IsNaN(AtlasFixedDiversity.Interpolate([], 0.2).Value));
    }

    [TestMethod]
    [DataRow(-0.02, "survives (beats replicated)")]   // D = −0.015, half-width 1.96·√(4e-6 + 3.25e-6) = 0.0053
    [DataRow(-0.006, "no: as replicated")]            // D = −0.001
    [DataRow(0.004, "no: replicated better")]         // D = 0.009
    public void AGainSurvivesAtFixedDiversityOnlyWhenItBeatsTheReplicatedCouplingThere(double lift, string verdict)
    {
        var replicated = new[]
        {
            Cell(Base, "kernel=identity coupling=replicated gamma=0.001", 0.1, -0.01, 0.002),
            Cell(Base, "kernel=identity coupling=replicated gamma=0.0001", 0.3, 0.01, 0.004),
        };
        var c = AtlasFixedDiversity.Compare(Cell(Base, "kernel=uniform schedule=annealed", 0.15, lift, 0.002), 0, replicated)!;
        Assert.AreEqual(lift + 0.005, c.Difference, 1e-15);
        Assert.AreEqual(AtlasFixedDiversity.Z * Math.Sqrt(0.002 * 0.002 + 3.25e-6), c.High - c.Difference, 1e-15);
        Assert.AreEqual(verdict, c.Verdict);
        Assert.IsNull(AtlasFixedDiversity.Compare(Cell(Base, "kernel=uniform", 0.15, lift, 0.002), 0, []));
    }

    [TestMethod]
    public void DeltaEpsilonIsExtrapolatedInOneOverNPerMethodAndBasePoint()
    {
        // Δε_g(N) = −0.004 + 3/N exactly at N = 501, 1001, 2001: the fit returns Δε_∞ = −0.004, b = 3, χ² = 0.
        const string method = "kernel=uniform schedule=annealed";
        var cells = new List<AtlasReport.Cell>();
        foreach (int n in new[] { 2001, 501, 1001 })
        {
            cells.Add(Cell(Base.Replace("n=501", $"n={n}", StringComparison.Ordinal), method, 0.1, -0.004 + 3.0 / n, 0.001 * Math.Sqrt(501.0 / n)));
            cells.Add(Cell(Base.Replace("n=501", $"n={n}", StringComparison.Ordinal).Replace("alpha=1", "alpha=2", StringComparison.Ordinal), method, 0.1, 0.01, 0.001));
        }
        cells.Add(Cell(Base, "kernel=ring:sigma=1", 0.2, -0.001, 0.001)); // one N only: no series
        var series = AtlasScaling.Compute(cells);
        Assert.AreEqual(2, series.Count, "one series per base point without N and method");
        var s = series.Single(x => x.Base.Contains("alpha=1", StringComparison.Ordinal));
        CollectionAssert.AreEqual(new[] { 501, 1001, 2001 }, s.N);
        Assert.AreEqual(-0.004, s.Fit!.Intercept, 1e-12);
        Assert.AreEqual(3, s.Fit.Slope, 1e-9);
        Assert.AreEqual(0, s.Fit.ChiSquare, 1e-12);
        Assert.AreEqual(0.01, series.Single(x => x.Base.Contains("alpha=2", StringComparison.Ordinal)).Fit!.Intercept, 1e-12);
    }

    [TestMethod]
    public void TheAnswerIsATableWithTheFixedDiversityVerdictAndTheScalingWithN()
    {
        const string method = "kernel=uniform schedule=annealed granularity=word sampler=auto coupling=none";
        var cells = new List<AtlasReport.Cell>
        {
            Cell(Base, "kernel=identity coupling=replicated gamma=0.001", 0.1, -0.01, 0.002),
            Cell(Base, "kernel=identity coupling=replicated gamma=0.0001", 0.3, 0.01, 0.004),
            Cell(Base, method, 0.15, -0.02, 0.002),
            Cell(Base.Replace("n=501", "n=1001", StringComparison.Ordinal), method, 0.15, -0.015, 0.002, q: 0.5),
        };
        var text = AtlasReport.Markdown(cells, "mcover atlas DIR");
        StringAssert.Contains(text, "| family | rule | N | α | M | method |");
        StringAssert.Contains(text, "| perceptron | cpr | 501 | 1 | 4 | kernel=uniform schedule=annealed granularity=word | Δε_g per copy | -0.02 [");
        StringAssert.Contains(text, "survives (beats replicated)");
        StringAssert.Contains(text, "1 significant improvements (Δ < 0) of a lift; 1 of them survive at fixed diversity");
        StringAssert.Contains(text, "## Scaling with N");
        StringAssert.Contains(text, "501: -0.02 ± 0.002, 1001: -0.015 ± 0.002");
        StringAssert.Contains(text, "Seeds: 16 paired seeds per cell. Tests: 4");
        StringAssert.Contains(text, "Correction: Benjamini–Hochberg");
    }
}
