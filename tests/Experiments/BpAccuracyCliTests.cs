using System.Globalization;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>--bp-accuracy through the typed specs and the CLI: read, written, refused where it does not apply.</summary>
[TestClass]
public sealed class BpAccuracyCliTests
{
    /// <summary>Bad input: one line naming the field, exit code 2, nothing written.</summary>
    [TestMethod]
    [DataRow("--rule fbp --n 99 --bp-accuracy fast", "mcover: --bp-accuracy 'fast' is not a bp-accuracy; expected exact, expand")]
    [DataRow("--rule amp --n 99 --bp-accuracy expand", "mcover: --bp-accuracy 'expand' does not apply here: it is used by rules rbp, bp, fbp only")]
    [DataRow("--rule cp --n 99 --bp-accuracy exact", "mcover: --bp-accuracy 'exact' does not apply here")]
    public void BadAccuracyInputIsOneLine(string args, string expected)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. args.Split(' '), "--alpha", "0.3", "--copies", "1", "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        StringAssert.StartsWith(err, expected);
        Assert.IsFalse(Directory.Exists(dir), "nothing written");
    }

    /// <summary>
    /// The expansion runs committees (both wirings) and the perceptron's rbp (then on the committee engine at K = 1), solves
    /// easy storage instances and is written to the results; the default is exact.
    /// </summary>
    [TestMethod]
    public void ExpandedRulesSolveEasyStorageAndAreWritten()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--hidden", "3", "--arch", "tree,full", "--n", "99", "--alpha", "0.3", "--task", "storage",
            "--rule", "fbp", "--bp-accuracy", "exact,expand", "--copies", "2", "--tol", "1e-3", "--iters", "200", "--seeds", "1", "--threads", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(4, rows);
        foreach (var r in rows) Assert.AreEqual("1", r["solved"], $"{r["arch"]} {r["bp_accuracy"]}");
        CollectionAssert.AreEquivalent(new[] { "exact", "exact", "expand", "expand" }, rows.Select(r => r["bp_accuracy"]).ToArray());
        Directory.Delete(dir, true);

        var rbp = Cli.TempDir();
        (code, _, err) = Cli.Mcover("run", "--rule", "rbp", "--n", "101", "--alpha", "0.5", "--task", "storage", "--copies", "2", "--bp-accuracy", "expand", "--out", rbp, "--quiet");
        Assert.AreEqual(0, code, err);
        var row = Cli.ReadCsv(Path.Combine(rbp, "points.csv")).Single();
        Assert.AreEqual("expand", row["bp_accuracy"]);
        Assert.AreEqual(0, double.Parse(row["train_error"], CultureInfo.InvariantCulture), "rBP (expanded) solves α = 0.5 at N = 101");
        Directory.Delete(rbp, true);
        Assert.AreEqual("exact", RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "fbp", ["n"] = "99", ["alpha"] = "0.3" }).ValueOf(Parameters.BpAccuracy));
    }

    /// <summary>Perceptron rbp with the expansion runs on the committee engine, and the memory check counts that engine's buffers (the message store is the same M·N·P floats).</summary>
    [TestMethod]
    public void ExpandedPerceptronRbpIsEstimatedAsTheCommitteeEngine()
    {
        RunConfig Config(string accuracy) => RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "rbp", ["n"] = "1001", ["alpha"] = "0.7", ["copies"] = "4", ["bp-accuracy"] = accuracy });
        var (exact, expand) = (MemoryEstimate.Parts(Config("exact")), MemoryEstimate.Parts(Config("expand")));
        Assert.AreEqual(exact.Single(x => x.What.StartsWith("BP messages", StringComparison.Ordinal)).Bytes, expand.Single(x => x.What.StartsWith("BP messages", StringComparison.Ordinal)).Bytes);
        Assert.AreEqual(4.0 * 1001 * 701 * sizeof(float), expand.Single(x => x.What.StartsWith("BP messages", StringComparison.Ordinal)).Bytes);
        Assert.IsTrue(expand.Any(x => x.What == "BP fields and buffers (M·K·n doubles)"), "committee engine");
        Assert.IsFalse(exact.Any(x => x.What == "BP fields and buffers (M·K·n doubles)"), "perceptron engine");
    }

    /// <summary>--model perceptron --rule fbp with the expansion runs the committee code at K = 1: the same run bit for bit.</summary>
    [TestMethod]
    public void ExpandedPerceptronFbpEqualsTheCommitteeAtOneHiddenUnit()
    {
        var values = new Dictionary<string, string>
        {
            ["rule"] = "fbp", ["n"] = "101", ["alpha"] = "0.6", ["task"] = "storage", ["copies"] = "2", ["focus-step"] = "0.1",
            ["iters"] = "30", ["tol"] = "1e-3", ["seed"] = "4", ["bp-accuracy"] = "expand",
        };
        var perceptron = RunConfig.FromValues(values);
        var committee = RunConfig.FromValues(new Dictionary<string, string>(values) { ["model"] = "committee", ["hidden"] = "1" });
        var p = perceptron.Rule.Dynamics(perceptron, perceptron.Data.Create(perceptron.Model, perceptron.Seed)).Learn();
        var c = committee.Rule.CommitteeDynamics(committee, committee.Data.CreateCommittee(committee.Shape, committee.Seed), 2).Learn();
        Assert.AreEqual(p.StepsRun, c.StepsRun);
        CollectionAssert.AreEqual(p.TrainErrorCounts, c.TrainErrorCounts);
        for (int a = 0; a < 2; a++)
        {
            CollectionAssert.AreEqual(p.Weights[a], c.Weights[a], $"copy {a}");
            CollectionAssert.AreEqual(p.MessagePassing!.Means[a], c.MessagePassing!.Means[a], $"copy {a}");
        }
        Assert.IsGreaterThan(1, p.StepsRun, "it ran");
    }
}
