using System.Globalization;

namespace MCoverPhysics.Tests.Experiments;

[TestClass]
public sealed class CommitteeCliTests
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>
    /// A committee sweep over both architectures, granularities and an M-cover kernel writes the committee columns and one
    /// R_matrix.csv line per (row, copy, k, l); the R_kk of R_matrix.csv average to the row's R_diag columns.
    /// </summary>
    [TestMethod]
    public void CommitteeSweepWritesHiddenUnitOverlaps()
    {
        var dir = Cli.TempDir();
        // Q = identity routes nothing (no granularity): independent copies in one block, the routed lifts in another.
        var config = Path.Combine(Path.GetTempPath(), $"committee-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """[{"kernel": "identity"}, {"kernel": "uniform", "granularity": ["edge", "unit"]}]""");
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--model", "committee", "--hidden", "3", "--arch", "tree,full", "--rule", "cpr,sbpi", "--n", "111",
            "--alpha", "1", "--copies", "3", "--epochs", "20", "--test-patterns", "500", "--seeds", "1", "--threads", "2", "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var points = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(4 + 8, points);
        var rows = Cli.ReadCsv(Path.Combine(dir, "R_matrix.csv"));
        Assert.HasCount(12 * 3 * 9, rows);
        for (int r = 0; r < points.Count; r++)
        {
            var p = points[r];
            Assert.AreEqual("committee", p["model"]);
            Assert.AreEqual("3", p["hidden"]);
            var mine = rows.Where(x => x["task_id"] == p["task_id"]).ToList();
            Assert.AreEqual(r.ToString(CultureInfo.InvariantCulture), p["task_id"], "task_id is the row's task index");
            double raw = mine.Where(x => x["k"] == x["l"]).Average(x => D(x["R_raw"]));
            double aligned = mine.Where(x => x["k"] == x["l"]).Average(x => D(x["R_aligned"]));
            Assert.AreEqual(D(p["R_diag_raw"]), raw, 1e-9);
            Assert.AreEqual(D(p["R_diag_aligned"]), aligned, 1e-9);
            Assert.AreEqual(D(p["overlap_R"]), aligned, 1e-9);
            Assert.IsTrue(aligned >= raw - 1e-12, "alignment never lowers Σ|R_kk| … and here R_kk > 0");
            if (p["arch"] == "tree")
            {
                Assert.IsTrue(mine.Where(x => x["k"] != x["l"]).All(x => D(x["R_raw"]) == 0), "tree: units read disjoint inputs");
                Assert.AreEqual("0", p["eps_g_overlap_error"], "tree: exact sum");
            }
            double test = D(p["test_error"]), overlap = D(p["eps_g_overlap"]);
            Assert.IsTrue(overlap is > 0 and < 0.6 && test is > 0 and < 0.6, $"{overlap} {test}");
        }
        Directory.Delete(dir, true);
    }

    /// <summary>A committee sweep's results do not depend on the thread count (everything but the wall time is identical).</summary>
    [TestMethod]
    public void CommitteeResultsDoNotDependOnThreads()
    {
        string Points(string threads)
        {
            var dir = Cli.TempDir();
            var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--arch", "full", "--rule", "cpr", "--n", "101", "--alpha", "0.5,1",
                "--copies", "3", "--kernel", "uniform", "--granularity", "unit", "--epochs", "10", "--test-patterns", "300", "--seeds", "2",
                "--threads", threads, "--out", dir, "--quiet");
            Assert.AreEqual(0, code, err);
            var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
            var text = string.Join("\n", rows.Select(r => string.Join(",", r.Where(kv => kv.Key != "seconds").Select(kv => kv.Value))))
                + File.ReadAllText(Path.Combine(dir, "R_matrix.csv"));
            Directory.Delete(dir, true);
            return text;
        }
        Assert.AreEqual(Points("1"), Points("2"));
    }

    /// <summary>Bad committee input: one line naming the field, exit 2, nothing written.</summary>
    [TestMethod]
    [DataRow("--model committee --hidden 2 --n 999", "--hidden '2' must be odd in [1, 101]")]
    [DataRow("--model committee --hidden 3 --n 1001", "--n '1001' does not fit --hidden 3 --arch tree: N = 1001 must be a multiple of K = 3 with N/K odd")]
    [DataRow("--hidden 3 --n 999", "--hidden '3' needs --model committee")]
    [DataRow("--granularity unit --kernel uniform --copies 4 --n 101", "--granularity 'unit' routes whole hidden units: it needs --model committee")]
    [DataRow("--granularity unit --n 101", "--granularity 'unit' does not apply here: it is used by a --kernel other than identity only")]
    [DataRow("--model committee --rule amp --n 999", "--arch 'tree' is not supported by rule amp on committees; expected full")]
    [DataRow("--model committee --rule hebb --n 999", "--rule 'hebb' does not train committee machines")]
    [DataRow("--model committee --arch ring --n 999", "--arch 'ring' is not a arch; expected tree, full")]
    [DataRow("--model network --n 999", "--model 'network' is not a model; expected perceptron, committee")]
    public void BadCommitteeInputFailsWithOneLineNamingTheField(string args, string message)
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover(["run", .. args.Split(' '), "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code, err);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, $"one line: {err}");
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    /// <summary>The perceptron keeps its values: its R_matrix.csv holds R per copy and eps_g_overlap equals eps_g.</summary>
    [TestMethod]
    public void PerceptronIsTheOneUnitCase()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--rule", "sbpi", "--n", "201", "--alpha", "1", "--copies", "3", "--epochs", "50", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var p = Cli.ReadCsv(Path.Combine(dir, "points.csv")).Single();
        Assert.AreEqual("1", p["hidden"]);
        Assert.AreEqual(p["eps_g"], p["eps_g_overlap"]);
        Assert.AreEqual(p["overlap_R"], p["R_diag_aligned"]);
        Assert.HasCount(3, Cli.ReadCsv(Path.Combine(dir, "R_matrix.csv")));
        Directory.Delete(dir, true);
    }

    /// <summary>--trace of a fully connected committee aligns hidden units as points.csv does: the last epoch's q is the final q_mean.</summary>
    [TestMethod]
    public void TraceOfAFullCommitteeEndsOnTheAlignedFinalOverlap()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--model", "committee", "--hidden", "3", "--arch", "full", "--n", "101", "--alpha", "1", "--copies", "4",
            "--epochs", "15", "--stop", "budget", "--trace", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var last = Cli.ReadCsv(Path.Combine(dir, "trajectory.csv"))[^1];
        var point = Cli.ReadCsv(Path.Combine(dir, "points.csv"))[0];
        Assert.AreEqual("15", last["epoch"]);
        Assert.AreEqual(D(point["q_mean"]), D(last["q_mean"]), 1e-9);
        Directory.Delete(dir, true);
    }
}
