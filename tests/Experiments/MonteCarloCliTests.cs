using System.Globalization;
using System.Text.Json.Nodes;

namespace MCoverPhysics.Tests.Experiments;

[TestClass]
public sealed class MonteCarloCliTests
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>sa solves an easy storage instance and stops early (identity: every copy; ring: the lifted energy reaches 0,
    /// which need not solve any copy on the base patterns); mc runs its whole budget; the new columns and the report are
    /// written; β values sweep (a list gives one row per value).</summary>
    [TestMethod]
    public void AnnealingAndGibbsSamplingRunEndToEnd()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "sa", "--task", "storage", "--n", "201", "--alpha", "0.2", "--copies", "3", "--kernel", "identity,ring:sigma=1",
            "--sweeps", "1500", "--beta0", "0.5", "--beta1", "6", "--schedule-beta", "linear,geometric", "--seeds", "2", "--threads", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(8, rows);
        foreach (var r in rows)
        {
            if (r["kernel"] == "identity") Assert.AreEqual("1", r["solved"], $"{r["schedule_beta"]} seed {r["seed"]}");
            Assert.AreEqual(0.0, D(r["energy"]));
            Assert.AreEqual(0.0, D(r["routed_train_error"]));
            Assert.IsTrue(D(r["epochs_run"]) < 1500, "stops once solved");
            Assert.IsTrue(D(r["acceptance_rate"]) is > 0 and < 1);
        }
        var report = File.ReadAllText(Path.Combine(dir, "montecarlo.md"));
        Assert.Contains("| sa | storage | 0.2 | 201 | 3 | ring:sigma=1 |", report);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "comparison.md")), "montecarlo.md replaces the ε_g comparison for mc/sa sweeps");
        Directory.Delete(dir, true);

        dir = Cli.TempDir();
        (code, _, err) = Cli.Mcover("sweep", "--rule", "mc", "--n", "201", "--alpha", "1", "--copies", "2", "--beta", "0.5,1", "--sweeps", "40",
            "--test-patterns", "0", "--threads", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        CollectionAssert.AreEqual(new[] { "0.5", "1" }, rows.Select(r => r["beta"]).ToArray());
        Assert.IsTrue(rows.All(r => r["epochs_run"] == "40"), "mc never stops early");
        Assert.IsTrue(D(rows[0]["acceptance_rate"]) > D(rows[1]["acceptance_rate"]), "hotter chains accept more");
        Assert.Contains("Gibbs learning against the replica-symmetric theory", File.ReadAllText(Path.Combine(dir, "montecarlo.md")));
        Directory.Delete(dir, true);

        // Lifted chains sample the lifted energy, not one perceptron's Gibbs law: no theory rows for them.
        dir = Cli.TempDir();
        (code, _, err) = Cli.Mcover("sweep", "--rule", "mc", "--n", "101", "--alpha", "0.5", "--copies", "2", "--beta", "1", "--sweeps", "10",
            "--kernel", "identity,uniform", "--test-patterns", "0", "--threads", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var gibbs = File.ReadAllText(Path.Combine(dir, "montecarlo.md")).Split("## Gibbs learning")[1];
        Assert.Contains("| identity |", gibbs);
        Assert.DoesNotContain("| uniform |", gibbs);
        Directory.Delete(dir, true);
    }

    /// <summary>Lifted annealing gives the same points.csv on 1 and 2 threads (seeded, per-task streams).</summary>
    [TestMethod]
    public void MonteCarloResultsDoNotDependOnThreads()
    {
        string Points(int threads)
        {
            var dir = Cli.TempDir();
            Assert.AreEqual(0, Cli.Mcover("sweep", "--rule", "sa", "--task", "storage", "--n", "101", "--alpha", "0.4,0.6", "--copies", "3", "--kernel", "uniform",
                "--schedule", "annealed", "--granularity", "word", "--sweeps", "60", "--seeds", "2", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", dir, "--quiet").Code);
            var lines = File.ReadAllLines(Path.Combine(dir, "points.csv"));
            Directory.Delete(dir, true);
            int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
            return string.Join("\n", lines.Select(r => string.Join(",", r.Split(',').Where((_, i) => i != seconds))));
        }
        Assert.AreEqual(Points(1), Points(2));
    }

    [TestMethod]
    [DataRow("--beta", "-1", "--beta '-1' must be finite and ≥ 0")]
    [DataRow("--beta", "inf", "--beta 'inf' is not a number")]
    [DataRow("--beta0", "6", "--beta1 '5' must be finite and ≥ beta0 = 6")]
    [DataRow("--beta0", "-0.5", "--beta0 '-0.5' must be finite and ≥ 0")]
    [DataRow("--sweeps", "-2", "--sweeps '-2' must be ≥ 0")]
    [DataRow("--schedule-beta", "cubic", "--schedule-beta 'cubic' is not a schedule-beta; expected linear, geometric")]
    public void BadMonteCarloInputNamesTheField(string flag, string value, string message)
    {
        var dir = Cli.TempDir();
        var beta1 = flag == "--beta0" && value == "6" ? new[] { "--beta1", "5" } : [];
        var rule = flag == "--beta" ? "mc" : "sa";
        var (code, output, err) = Cli.Mcover(["run", "--rule", rule, "--n", "101", flag, value, .. beta1, "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir));
    }

    [TestMethod]
    [DataRow("--kernel uniform", "--kernel 'uniform' must be identity for rule pt")]
    [DataRow("--copies 1", "--copies '1' must be ≥ 2 for rule pt")]
    [DataRow("--beta0 0", "--beta0 '0' must be > 0 for rule pt")]
    public void ReplicaExchangeLimitsAreChecked(string args, string message)
    {
        var (code, _, err) = Cli.Mcover(["run", "--rule", "pt", "--n", "101", .. args.Split(' '), "--out", Cli.TempDir(), "--quiet"]);
        Assert.AreEqual(2, code);
        Assert.Contains(message, err);
    }

    [TestMethod]
    public void GeometricScheduleNeedsAPositiveBeta0()
    {
        var (code, _, err) = Cli.Mcover("run", "--rule", "sa", "--n", "101", "--schedule-beta", "geometric", "--beta0", "0", "--out", Cli.TempDir(), "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--beta0 '0' must be > 0 for schedule-beta geometric", err);
    }

    /// <summary>bench --rule mc prints flips proposed per second for the identity lift, then for the kernel.</summary>
    [TestMethod]
    public void BenchReportsFlipsProposedPerSecondBesideIdentity()
    {
        var (code, output, err) = Cli.Mcover("bench", "--rule", "mc", "--n", "101", "--alpha", "0.5", "--copies", "4", "--sweeps", "5", "--kernel", "ring:sigma=1");
        Assert.AreEqual(0, code, err);
        var lines = output.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.HasCount(2, lines);
        Assert.AreEqual("identity", (string)lines[0]["kernel"]!);
        Assert.AreEqual("ring:sigma=1", (string)lines[1]["kernel"]!);
        foreach (var l in lines)
        {
            Assert.AreEqual(5L * 101 * 4, (long)l["flips_proposed"]!);
            Assert.IsTrue((double)l["flips_proposed_per_sec"]! > 0);
        }
        Assert.IsNotNull(lines[1]["slowdown_vs_identity"]);
    }

    /// <summary>The new parameters are config keys: lists in a JSON config sweep them.</summary>
    [TestMethod]
    public void ConfigFileSweepsTheMonteCarloParameters()
    {
        var dir = Cli.TempDir();
        var config = Path.Combine(Path.GetTempPath(), $"mc-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{ "rule": "sa", "task": "storage", "n": 101, "alpha": 0.3, "copies": 2, "sweeps": [20, 40], "beta0": 0.5, "beta1": [2, 4], "schedule-beta": "geometric", "seeds": 1 }""");
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--threads", "1", "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(4, rows);
        CollectionAssert.AreEquivalent(new[] { "20,2", "20,4", "40,2", "40,4" }, rows.Select(r => $"{r["sweeps"]},{r["beta1"]}").ToArray());
        Assert.IsTrue(rows.All(r => r["schedule_beta"] == "geometric" && r["beta0"] == "0.5"));
        Directory.Delete(dir, true);
    }
}
