using System.Globalization;
using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Running;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>Committee message passing through the library and the CLI: bp, rbp, fbp on committees, fbp on the perceptron.</summary>
[TestClass]
public sealed class CommitteeMessagePassingCliTests
{
    /// <summary>The issue's bad input: one line naming the field, exit code 2, nothing written.</summary>
    [TestMethod]
    [DataRow("--model committee --hidden 4 --n 999 --rule fbp", "mcover: --hidden '4' must be odd in [1, 101]")]
    [DataRow("--model committee --hidden 5 --arch full --n 3 --rule bp", "mcover: --hidden '5' must be ≤ N = 3")]
    [DataRow("--model committee --hidden 3 --n 99 --rule rbp --damping 1", "mcover: --damping '1' must be in [0, 1)")]
    [DataRow("--model committee --hidden 3 --n 99 --rule fbp --damping -0.1", "mcover: --damping '-0.1' must be in [0, 1)")]
    [DataRow("--model committee --hidden 3 --n 99 --rule fbp --protocol focus", "mcover: --protocol 'focus' is not a protocol; expected standard, pseudo, scoping")]
    [DataRow("--model committee --hidden 3 --n 99 --rule fbp --protocol scoping --replicas-y 0.5", "mcover: --replicas-y '0.5' must be ≥ 1")]
    [DataRow("--rule fbp --n 99 --protocol standard --replicas-y 3", "mcover: --replicas-y '3' applies to --protocol scoping only")]
    [DataRow("--rule fbp --n 99 --focus-step 1", "mcover: --focus-step '1' must be in (0, 1)")]
    [DataRow("--model committee --hidden 3 --n 99 --rule amp", "mcover: --arch 'tree' is not supported by rule amp on committees; expected full (tree committees: rule bp)")]
    [DataRow("--model committee --hidden 3 --arch full --n 99 --rule amp --task storage", "mcover: --task 'storage' is not supported by rule amp on committees; expected teacher")]
    [DataRow("--model committee --hidden 7 --arch full --n 99 --rule amp", "mcover: --hidden '7' must be ≤ 5 for rule amp")]
    [DataRow("--model committee --hidden 4 --arch full --n 99 --rule amp", "mcover: --hidden '4' must be odd in [1, 101]")]
    [DataRow("--model committee --hidden 3 --arch full --n 99 --rule amp --copies 2 --kernel uniform", "mcover: --kernel 'uniform' must be identity for rule amp")]
    [DataRow("--rule rbp --n 99 --protocol pseudo", "mcover: --protocol 'pseudo' does not apply here: it is used by rule fbp only")]
    public void BadCommitteeMessagePassingInputIsOneLine(string args, string expected)
    {
        var dir = Cli.TempDir();
        var extra = args.Contains("--copies") ? new string[0] : ["--copies", "1"];
        var (code, output, err) = Cli.Mcover(["run", .. args.Split(' '), "--alpha", "0.3", .. extra, "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        StringAssert.StartsWith(err, expected);
        Assert.IsFalse(Directory.Exists(dir), "nothing written");
    }

    /// <summary>--model perceptron --rule fbp runs the committee code at K = 1: the same students, means and sweeps, bit for bit.</summary>
    [TestMethod]
    [DataRow("standard")]
    [DataRow("scoping")]
    public void PerceptronFbpEqualsTheCommitteeAtOneHiddenUnit(string protocol)
    {
        var values = new Dictionary<string, string>
        {
            ["rule"] = "fbp", ["n"] = "101", ["alpha"] = "0.6", ["task"] = "storage", ["copies"] = "2", ["protocol"] = protocol,
            ["focus-step"] = protocol == "scoping" ? "0.5" : "0.1", ["iters"] = "30", ["tol"] = "1e-3", ["seed"] = "4",
        };
        var perceptron = RunConfig.FromValues(values);
        var committee = RunConfig.FromValues(new Dictionary<string, string>(values) { ["model"] = "committee", ["hidden"] = "1" });
        var p = perceptron.Rule.Dynamics(perceptron, perceptron.Data.Create(perceptron.Model, perceptron.Seed)).Learn();
        var c = committee.Rule.CommitteeDynamics(committee, committee.Data.CreateCommittee(committee.Shape, committee.Seed)).Learn();
        Assert.AreEqual(p.StepsRun, c.StepsRun);
        CollectionAssert.AreEqual(p.TrainErrorCounts, c.TrainErrorCounts);
        for (int a = 0; a < 2; a++)
        {
            CollectionAssert.AreEqual(p.Weights[a], c.Weights[a], $"copy {a}");
            CollectionAssert.AreEqual(p.MessagePassing!.Means[a], c.MessagePassing!.Means[a], $"copy {a}");
        }
        Assert.IsGreaterThan(1, p.StepsRun, "it ran");
    }

    /// <summary>fbp and rbp run committees of both wirings through the CLI and write their parameters; fbp solves easy storage instances.</summary>
    [TestMethod]
    public void CommitteeFbpAndRbpSolveEasyStorage()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--hidden", "3", "--arch", "tree,full", "--n", "99", "--alpha", "0.3", "--task", "storage",
            "--rule", "rbp,fbp", "--copies", "2", "--tol", "1e-3", "--iters", "200", "--seeds", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(4, rows);
        foreach (var r in rows)
        {
            // rBP stops at a fixed point even when it is not a solution (as the perceptron's); fBP's protocol goes on to ρ → 1.
            if (r["rule"] == "fbp") Assert.AreEqual("1", r["solved"], $"{r["rule"]} {r["arch"]}");
            else Assert.IsLessThan(0.1, double.Parse(r["train_error"], CultureInfo.InvariantCulture), $"{r["rule"]} {r["arch"]}");
            Assert.AreEqual(r["rule"] == "fbp" ? "standard" : "", r["protocol"]);
            Assert.AreEqual(r["rule"] == "rbp" ? "0.5" : "", r["reinforcement"]);
        }
        Directory.Delete(dir, true);
    }

    /// <summary>Perceptron bp (the committee engine at K = 1) fills overlap_posterior_mean, close to AMP's on the same instance.</summary>
    [TestMethod]
    public void PerceptronBpFillsThePosteriorOverlap()
    {
        PointResult Run(RuleSpec rule) => Simulation.Run(new RunConfig
        {
            Model = new PerceptronModel { N = 401 }, Data = new TeacherStudentData { Alpha = 0.8, TestPatterns = 0 }, Rule = rule, Copies = 1, Seed = 3,
        });
        var bp = Run(new BpRule { Tol = 1e-7 });
        var amp = Run(new AmpRule { Tol = 1e-7 });
        Assert.IsTrue(double.IsFinite(bp.OverlapPosteriorMean), "filled");
        Assert.AreEqual(amp.OverlapPosteriorMean, bp.OverlapPosteriorMean, 0.02, "BP and AMP posterior overlaps");
    }

    /// <summary>The memory check counts the committee message store M·K·n·P floats (N = 1001, K = 5 full, α = 0.8: 16 MB a copy).</summary>
    [TestMethod]
    public void TheCommitteeMessageStoreIsInTheMemoryEstimate()
    {
        var config = new RunConfig
        {
            Model = new CommitteeModel { N = 1001, Hidden = 5, Arch = Architecture.Full }, Data = new StorageData { Alpha = 0.8 }, Rule = new FbpRule(), Copies = 4,
        }.Validate();
        var part = MemoryEstimate.Parts(config).Single(x => x.What.StartsWith("BP messages", StringComparison.Ordinal));
        Assert.AreEqual(4.0 * 5 * 1001 * 801 * sizeof(float), part.Bytes);
        Assert.AreEqual(part.Bytes, MessagePassingRuleSpec.MessageBytes(config));
    }

    /// <summary>A committee message-passing sweep writes committee-mp.md: storage success with Wilson intervals per method, the M-cover against identity, teacher ε_g.</summary>
    [TestMethod]
    public void CommitteeSweepWritesTheMessagePassingReport()
    {
        var dir = Cli.TempDir();
        var config = Path.Combine(Path.GetTempPath(), $"committee-mp-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """
            [{"model": "committee", "hidden": 3, "task": "storage", "n": 63, "alpha": [0.3, 0.5], "copies": 1, "rule": "fbp", "tol": 0.001, "iters": 30},
             {"model": "committee", "hidden": 3, "task": "storage", "n": 63, "alpha": [0.3, 0.5], "copies": 1, "rule": "cpr"},
             {"model": "committee", "hidden": 3, "task": "storage", "n": 63, "alpha": [0.3, 0.5], "copies": 1, "rule": "sa", "sweeps": 500},
             {"model": "committee", "hidden": 3, "task": "storage", "n": 63, "alpha": 0.3, "copies": 2, "rule": "fbp", "kernel": ["identity", "uniform"], "tol": 0.001, "iters": 30},
             {"model": "committee", "hidden": 3, "task": "teacher", "n": 63, "alpha": 1, "copies": 1, "rule": "bp", "test-patterns": 200}]
            """);
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--seeds", "2", "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var report = File.ReadAllText(Path.Combine(dir, "committee-mp.md"));
        Assert.Contains("## Storage, K = 3 tree, N = 63", report);
        Assert.Contains("| fbp (protocol standard, focus-step 0.01) | cpr (pr-c 0.08) | sa (beta0 0.5, beta1 5, schedule-beta linear, sweeps 500) |", report);
        Assert.Contains(CommitteeMpReport.AnnealingNote, report);
        Assert.Contains("## M-cover against independent copies (storage)", report);
        Assert.Contains("| uniform | 2 |", report);
        Assert.Contains("## Teacher–student, K = 3 tree, N = 63", report);
        Assert.DoesNotContain("state evolution ε_Bayes", report, "the state evolution is the fully connected machine's");
        Assert.Contains("## Reference: Baldassi et al. and BinaryCommitteeMachineFBP.jl", report);
        Directory.Delete(dir, true);
    }

    /// <summary>The teacher–student table of the fully connected machine carries the committee state evolution at each α
    /// (the same ε_Bayes and q as CommitteeTheory.StateEvolution, i.e. `mcover theory --model committee`).</summary>
    [TestMethod]
    public void FullyConnectedTeacherTableCarriesTheStateEvolution()
    {
        var dir = Cli.TempDir();
        var config = Path.Combine(Path.GetTempPath(), $"committee-mp-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """
            [{"model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 41, "alpha": [1, 4], "copies": 1, "rule": "amp", "iters": 10, "test-patterns": 100},
             {"model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 41, "alpha": [1, 4], "copies": 1, "rule": "bp", "iters": 20, "test-patterns": 100}]
            """);
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--seeds", "1", "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var report = File.ReadAllText(Path.Combine(dir, "committee-mp.md"));
        Assert.Contains("| α | amp | bp | state evolution ε_Bayes (q) |", report);
        foreach (double alpha in new[] { 1.0, 4.0 })
        {
            var se = MCoverPhysics.Analysis.Theory.Committee.CommitteeTheory.StateEvolution(3, alpha);
            string cell = string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {se.EpsBayes:F3} ({se.Diagonal:F3}) |");
            Assert.IsTrue(report.Split('\n').Any(l => l.StartsWith($"| {alpha:0} |", StringComparison.Ordinal) && l.EndsWith(cell, StringComparison.Ordinal)), $"α = {alpha}: {cell}");
        }
        Assert.DoesNotContain("## Reference: Baldassi", report, "no fBP storage run");
        Directory.Delete(dir, true);
    }
}
