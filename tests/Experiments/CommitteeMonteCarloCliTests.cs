using System.Globalization;
using System.Text.Json.Nodes;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>mc, sa and pt on committee machines through the CLI (docs/physics/monte-carlo.md#committee-machines).</summary>
[TestClass]
public sealed class CommitteeMonteCarloCliTests
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>sa solves an easy K = 3 tree storage instance (N = 45, α = 0.3) on independent copies and on a ring lift (lifted
    /// energy 0) and stops there; the report names the committee; mc on the fully connected teacher task runs its whole budget.</summary>
    [TestMethod]
    public void AnnealingSolvesCommitteeStorageEndToEnd()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--hidden", "3", "--arch", "tree", "--rule", "sa", "--task", "storage", "--n", "45",
            "--alpha", "0.3", "--copies", "3", "--kernel", "identity,ring:sigma=1", "--sweeps", "2000", "--beta0", "0.5", "--beta1", "6", "--seeds", "2",
            "--threads", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(4, rows);
        foreach (var r in rows)
        {
            if (r["kernel"] == "identity") Assert.AreEqual("1", r["solved"], $"seed {r["seed"]}");
            Assert.AreEqual(0.0, D(r["energy"]));
            Assert.IsTrue(D(r["epochs_run"]) < 2000, "stops once solved");
            Assert.AreEqual("3", r["hidden"]);
        }
        Assert.Contains("| sa | storage | 0.3 | 45 (K = 3 tree) | 3 | ring:sigma=1 |", File.ReadAllText(Path.Combine(dir, "montecarlo.md")));
        Directory.Delete(dir, true);

        dir = Cli.TempDir();
        (code, _, err) = Cli.Mcover("run", "--model", "committee", "--hidden", "3", "--arch", "full", "--rule", "mc", "--n", "31", "--alpha", "1",
            "--copies", "2", "--beta", "1", "--sweeps", "20", "--test-patterns", "200", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var p = Cli.ReadCsv(Path.Combine(dir, "points.csv")).Single();
        Assert.AreEqual("20", p["epochs_run"]);
        Assert.IsTrue(D(p["acceptance_rate"]) is > 0 and < 1);
        Assert.IsTrue(D(p["eps_g"]) is >= 0 and <= 1);
        Assert.DoesNotContain("## Gibbs learning", File.ReadAllText(Path.Combine(dir, "montecarlo.md")), "the perceptron's Gibbs theory is not a committee's");
        Directory.Delete(dir, true);
    }

    /// <summary>Lifted committee annealing (annealed word routing, fully connected) gives the same points.csv on 1 and 2 threads.</summary>
    [TestMethod]
    public void CommitteeMonteCarloDoesNotDependOnThreads()
    {
        string Points(int threads)
        {
            var dir = Cli.TempDir();
            var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--hidden", "3", "--arch", "full", "--rule", "sa", "--task", "storage", "--n", "65",
                "--alpha", "0.3,0.5", "--copies", "3", "--kernel", "uniform", "--schedule", "annealed", "--granularity", "word", "--sweeps", "20", "--seeds", "2",
                "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", dir, "--quiet");
            Assert.AreEqual(0, code, err);
            var lines = File.ReadAllLines(Path.Combine(dir, "points.csv"));
            Directory.Delete(dir, true);
            int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
            return string.Join("\n", lines.Select(r => string.Join(",", r.Split(',').Where((_, i) => i != seconds))));
        }
        Assert.AreEqual(Points(1), Points(2));
    }

    /// <summary>Bad input: one line naming the field, exit 2, nothing written (what the perceptron's mc/sa/pt refuse, and the committee's shape).</summary>
    [TestMethod]
    [DataRow("--rule sa --hidden 4 --n 999", "--hidden '4' must be odd in [1, 101]")]
    [DataRow("--rule mc --hidden 3 --n 45 --beta -1", "--beta '-1' must be finite and ≥ 0")]
    [DataRow("--rule sa --hidden 3 --n 45 --beta0 6 --beta1 5", "--beta1 '5' must be finite and ≥ beta0 = 6")]
    [DataRow("--rule sa --hidden 3 --n 45 --schedule-beta geometric --beta0 0", "--beta0 '0' must be > 0 for schedule-beta geometric")]
    [DataRow("--rule sa --hidden 3 --n 45 --sweeps -1", "--sweeps '-1' must be ≥ 0")]
    [DataRow("--rule mc --hidden 3 --n 45 --kappa -0.1", "--kappa '-0.1' must be ≥ 0")]
    [DataRow("--rule pt --hidden 3 --n 45 --kernel uniform --copies 4", "--kernel 'uniform' must be identity for rule pt")]
    [DataRow("--rule sa --hidden 3 --n 45 --epochs 10", "--epochs '10' does not apply here")]
    [DataRow("--rule sa --hidden 3 --n 45 --coupling replicated --kernel uniform --copies 4", "--coupling 'replicated' couples copies of the identity lift")]
    public void BadCommitteeMonteCarloInputNamesTheField(string args, string message)
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover(["run", "--model", "committee", .. args.Split(' '), "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code, err);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    /// <summary>bench --model committee --rule mc prints flips proposed per second (K·n proposals per copy and sweep), identity then kernel.</summary>
    [TestMethod]
    public void BenchTimesCommitteeMonteCarlo()
    {
        var (code, output, err) = Cli.Mcover("bench", "--model", "committee", "--hidden", "3", "--arch", "tree", "--rule", "mc", "--n", "63", "--alpha", "0.5",
            "--copies", "2", "--sweeps", "4", "--kernel", "uniform");
        Assert.AreEqual(0, code, err);
        var lines = output.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.HasCount(2, lines);
        Assert.AreEqual(4L * 63 * 2, (long)lines[0]["flips_proposed"]!);
        Assert.AreEqual("committee", (string)lines[1]["model"]!);
        Assert.IsTrue((double)lines[1]["slowdown_vs_identity"]! > 0);
    }
}
