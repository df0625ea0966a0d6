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

    /// <summary>The issue's design: both families, the four perceptron rules and two committee rules, M ∈ {2, 4, 8, 16},
    /// N ∈ {501, 1001, 2001}, every granularity and schedule, and every compared task with its reference on the same seeds.</summary>
    [TestMethod]
    public void TheAtlasPresetHasTheIssuesSlicesAndEveryMethodHasItsReference()
    {
        var tasks = SweepSpec.FromJson(Presets.Atlas, "atlas").Expand();
        var perceptron = tasks.Where(t => !t.IsCommittee).ToList();
        var committee = tasks.Where(t => t.IsCommittee).ToList();
        CollectionAssert.IsSubsetOf(new[] { "cpr", "sbpi", "rbp", "sa" }, perceptron.Select(t => t.Rule.Name).Distinct().ToList());
        CollectionAssert.AreEquivalent(new[] { "cpr", "rbp" }, committee.Select(t => t.Rule.Name).Distinct().ToList());
        Assert.IsTrue(committee.All(t => t.HiddenUnits == 3));
        CollectionAssert.AreEquivalent(new[] { 2, 4, 8, 16 }, perceptron.Select(t => t.Copies).Distinct().ToList());
        CollectionAssert.IsSubsetOf(new[] { 501, 1001, 2001 }, perceptron.Select(t => t.N).Distinct().ToList());
        var lambdas = tasks.Select(t => t.Lift.KernelFor(t.Copies).Lambda2).ToList();
        Assert.IsTrue(lambdas.Any(l => l == 0) && lambdas.Any(l => l > 0.95 && l < 1) && lambdas.Any(l => l is > 0.3 and < 0.7), "λ₂ spans 1 to 0");
        CollectionAssert.IsSubsetOf(new[] { "edge", "word", "unit" }, tasks.Select(t => t.ValueOf(Parameters.Granularity)).Distinct().ToList());
        Assert.IsTrue(tasks.Any(t => t.ValueOf(Parameters.KernelRamp) == "geometric") && committee.Any(t => t.Lift.HasTarget));
        Assert.IsTrue(tasks.Select(t => t.Seed).Distinct().Count() >= 16, "at least 16 paired seeds");
        string Base(RunConfig t) => string.Join(" ", t.ToValues().Where(kv => kv.Key != "seed" && !AtlasReport.MethodColumns.Contains(kv.Key.Replace('-', '_'))).Select(kv => kv.ToString()));
        var references = tasks.Where(t => t.KernelSpec == "identity" && t.Coupling.Name == "none").Select(t => (Base(t), t.Seed)).ToHashSet();
        var orphans = tasks.Where(t => !(t.KernelSpec == "identity" && t.Coupling.Name == "none") && !references.Contains((Base(t), t.Seed))).ToList();
        Assert.AreEqual(0, orphans.Count, orphans.Count == 0 ? "" : $"no reference for {Base(orphans[0])} seed {orphans[0].Seed}");
    }

    /// <summary>atlas-tiny (the atlas's design in seconds) end to end: the sweep, then the report with its answer, the
    /// fixed-diversity columns, the scaling with N and both families.</summary>
    [TestMethod]
    public void TheTinyAtlasPresetRunsEndToEnd()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--preset", "atlas-tiny", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var md = Path.Combine(dir, "atlas.md");
        (code, _, err) = Cli.Mcover("atlas", dir, "--out", md);
        Assert.AreEqual(0, code, err);
        var text = File.ReadAllText(md);
        StringAssert.Contains(text, "Seeds: 4 paired seeds per cell.");
        StringAssert.Contains(text, "## Answer");
        StringAssert.Contains(text, "## Scaling with N");
        StringAssert.Contains(text, "| perceptron | cpr | 1.5 | 4 | kernel=uniform schedule=annealed granularity=word | 51: ");
        StringAssert.Contains(text, "| model=committee hidden=3 arch=tree task=teacher rule=rbp n=99 alpha=2 copies=4");
        StringAssert.Contains(text, "| model=perceptron hidden=1 task=teacher rule=sa n=101 alpha=0.5 copies=4");
        var cells = AtlasReport.Compute(CsvTable.Read(Path.Combine(dir, "points.csv")));
        Assert.IsTrue(cells.All(c => c.Pairs == 4));
        Assert.IsTrue(cells.Any(c => c.Method.Contains("kernel=identity coupling=replicated", StringComparison.Ordinal) && c.Base.Contains("model=committee", StringComparison.Ordinal)));
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
