using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The atlas (issue 20): its statistics by hand, the preset, and a tiny grid end to end.</summary>
[TestClass]
public sealed class AtlasTests
{
    [TestMethod]
    public void BenjaminiHochbergMatchesTheHandComputation()
    {
        // Sorted p: 0.01, 0.03, 0.04, 0.5 → p·T/rank = 0.04, 0.06, 0.0533, 0.5 → running minimum from the top.
        var q = AtlasReport.BenjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
        CollectionAssert.AreEqual(new[] { 0.04, 0.16 / 3, 0.16 / 3, 0.5 }, q.Select(x => Math.Round(x, 12)).ToArray(), new RoundedComparer());
    }

    private sealed class RoundedComparer : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - Math.Round((double)y!, 12)) < 1e-12 ? 0 : 1;
    }

    [TestMethod]
    public void ThePairedTestAndIntervalMatchTheHandValues()
    {
        // d = 1, 2, 3, 4: mean 2.5, s = √(5/3), t = 2.5/(s/2) = 3.873 with 3 dof → two-sided p = 0.0305 (t tables).
        var (mean, low, high, p) = AtlasReport.Paired([1, 2, 3, 4], "hand");
        Assert.AreEqual(2.5, mean, 1e-12);
        Assert.AreEqual(0.0305, p, 5e-4);
        Assert.IsTrue(low >= 1 && low < mean && high > mean && high <= 4, $"[{low}, {high}]");
    }

    [TestMethod]
    public void TheAtlasPresetCoversTheDesignSpace()
    {
        var tasks = SweepSpec.FromJson(Presets.Atlas, "atlas").Expand();
        var kernels = tasks.Select(t => t.KernelSpec).Distinct().ToList();
        CollectionAssert.IsSubsetOf(new[] { "identity", "ring:sigma=0.5", "ring:sigma=2", "band:m=1,h=0.5", "block:size=2,sigma=1", "uniform" }, kernels);
        Assert.IsTrue(tasks.Any(t => t.Lift.CycleWeight < 1) && tasks.Any(t => t.Lift.Wiring == MCoverPhysics.Lifts.Routing.Wiring.Asymmetric)
            && tasks.Any(t => t.Lift.HasTarget) && tasks.Any(t => t.Coupling.Name == "replicated" && t.Rule.Name == "sa"));
        Assert.AreEqual(16, tasks.Select(t => t.Seed).Distinct().Count(), "16 paired seeds");
    }

    /// <summary>A tiny grid end to end: the sweep, then mcover atlas; each cell's Δε_g is the mean paired difference of points.csv.</summary>
    [TestMethod]
    public void ATinyAtlasIsWrittenWithPairedDifferences()
    {
        var dir = Cli.TempDir();
        var config = Path.Combine(Path.GetTempPath(), $"atlas-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """
            [
              { "rule": "cpr", "n": 101, "alpha": 1, "copies": 3, "epochs": 10, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": ["identity", "uniform"] },
              { "rule": "cpr", "n": 101, "alpha": 1, "copies": 3, "epochs": 10, "stop": "budget", "test-patterns": 300, "seeds": 4, "coupling": "replicated", "gamma": 0.05 }
            ]
            """);
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var md = Path.Combine(dir, "atlas.md");
        (code, var output, err) = Cli.Mcover("atlas", dir, "--out", md);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "2 cells");
        var text = File.ReadAllText(md);
        StringAssert.Contains(text, "## Answer");
        StringAssert.Contains(text, "Benjamini–Hochberg over the whole atlas (6 tests");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "atlas-lambda2.png")) && File.Exists(Path.Combine(dir, "atlas-diversity.png")));
        var table = CsvTable.Read(Path.Combine(dir, "points.csv"));
        double Cell(IReadOnlyList<string> row, string c) => double.Parse(row[table.Column(c)], CultureInfo.InvariantCulture);
        var reference = table.Rows.Where(r => r[table.Column("kernel")] == "identity" && r[table.Column("coupling")] == "none").ToDictionary(r => r[table.Column("seed")]);
        var uniform = table.Rows.Where(r => r[table.Column("kernel")] == "uniform").ToList();
        double delta = uniform.Average(r => Cell(r, "eps_g") - Cell(reference[r[table.Column("seed")]], "eps_g"));
        var cell = AtlasReport.Compute(table).Single(c => c.Method.Contains("kernel=uniform", StringComparison.Ordinal));
        Assert.AreEqual(4, cell.Pairs);
        Assert.AreEqual(delta, cell.Mean[0], 1e-12);
    }
}
