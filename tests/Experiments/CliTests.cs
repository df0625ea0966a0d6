using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Cli;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

[TestClass]
public sealed class CliTests
{
    /// <summary>The README's main command, end to end: the quick preset shows learning (ε_g falls with α).</summary>
    [TestMethod]
    public void QuickPresetRunsEndToEndAndShowsLearning()
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("sweep", "--preset", "quick", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        Assert.Contains("eps_g", output);
        var points = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        foreach (var column in new[] { "model", "task", "rule", "n", "alpha", "copies", "kernel", "seed", "epochs_run", "train_error", "test_error",
                     "overlap_R", "eps_g", "q_mean", "diversity", "solved", "mcover_version", "git_commit" })
            Assert.IsTrue(points[0].ContainsKey(column), column);
        var summary = Cli.ReadCsv(Path.Combine(dir, "summary.csv"));
        foreach (var column in new[] { "eps_g_mean", "eps_g_sem", "eps_g_ci_lo", "eps_g_ci_hi", "overlap_R_mean", "seeds" })
            Assert.IsTrue(summary[0].ContainsKey(column), column);
        double Eps(string rule, string alpha) => double.Parse(summary.Single(r => r["rule"] == rule && r["alpha"] == alpha)["eps_g_mean"], CultureInfo.InvariantCulture);
        foreach (var rule in new[] { "cpr", "sbpi" })
        {
            Assert.IsTrue(Eps(rule, "0.5") > Eps(rule, "1.5"), $"{rule}: ε_g falls from α = 0.5 to 1.5");
            Assert.IsTrue(Eps(rule, "1.5") > Eps(rule, "3"), $"{rule}: ε_g falls from α = 1.5 to 3");
            Assert.AreEqual(0.0, Eps(rule, "3"), $"{rule} finds the teacher at α = 3");
        }
        Assert.IsTrue(Eps("cp", "3") > 0.15, "plain CP stalls");
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run.json")))!;
        Assert.IsFalse(string.IsNullOrEmpty((string?)run["version"]));
        Assert.IsNotNull(run["git_commit"]);
        Assert.IsNotNull(run["config"]!["rule"]);
        Assert.AreEqual(points.Count, run["tasks"]!.AsArray().Count);
        Assert.IsTrue((double)run["wall_seconds"]! > 0);
        Assert.IsFalse(Directory.EnumerateFiles(dir, "*.tmp").Any(), "no temp files left behind");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void RunWritesOneRowWithItsSeedAndConfig()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--task", "storage", "--rule", "sbpi", "--n", "201", "--alpha", "0.3", "--copies", "3", "--seed", "7",
            "--theta-m", "3", "--ps", "0.4", "--k", "15", "--kappa", "0.1", "--epochs", "500", "--threads", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var row = Cli.ReadCsv(Path.Combine(dir, "points.csv")).Single();
        Assert.AreEqual("7", row["seed"]);
        Assert.AreEqual("sbpi", row["rule"]);
        Assert.AreEqual("3", row["theta_m"]);
        Assert.AreEqual("0.4", row["ps"]);
        Assert.AreEqual("15", row["bound"]);
        Assert.AreEqual("0.1", row["kappa"]);
        Assert.AreEqual("NaN", row["overlap_R"], "storage has no teacher");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void ResultsDoNotDependOnThreads()
    {
        string Points(int threads)
        {
            var dir = Cli.TempDir();
            Assert.AreEqual(0, Cli.Mcover("sweep", "--rule", "cpr,sbpi", "--n", "101", "--alpha", "1,2", "--copies", "3", "--seeds", "3", "--epochs", "200",
                "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", dir, "--quiet").Code);
            var rows = File.ReadAllLines(Path.Combine(dir, "points.csv"));
            Directory.Delete(dir, true);
            int seconds = Array.IndexOf(rows[0].Split(','), "seconds");
            return string.Join("\n", rows.Select(r => string.Join(",", r.Split(',').Where((_, i) => i != seconds))));
        }
        Assert.AreEqual(Points(1), Points(2));
    }

    [TestMethod]
    [DataRow("--alpha", "-1", "--alpha '-1' must be > 0")]
    [DataRow("--alpha", "0", "--alpha '0' must be > 0")]
    [DataRow("--n", "1000", "--n '1000' must be odd")]
    [DataRow("--n", "0", "--n '0' must be odd")]
    [DataRow("--copies", "0", "--copies '0' must be ≥ 1")]
    [DataRow("--rule", "cpx", "--rule 'cpx' is not a rule; expected cp, cpr, sbpi, hebb, amp, rbp")]
    [DataRow("--task", "x", "--task 'x' is not a task")]
    [DataRow("--alpha", "0.5,1", "--alpha '0.5,1' is a list")]
    [DataRow("--threads", "0", "--threads '0' must be ≥ 1")]
    [DataRow("--colpies", "3", "--colpies")]
    [DataRow("--damping", "1", "--damping '1' must be in [0, 1)", "--rule amp")]
    [DataRow("--iters", "0", "--iters '0' must be ≥ 1", "--rule rbp")]
    [DataRow("--tol", "-1e-3", "--tol '-0.001' must be > 0", "--rule amp")]
    [DataRow("--reinforcement", "1.5", "--reinforcement '1.5' must be in [0, 1]", "--rule rbp")]
    [DataRow("--reinforcement-step", "-0.1", "--reinforcement-step '-0.1' must be ≥ 0", "--rule rbp")]
    [DataRow("--coupling", "elastic", "--coupling 'elastic' is not a coupling; expected none, replicated, consensus")]
    [DataRow("--gamma", "1.5", "--gamma '1.5' must be in [0, 1]", "--coupling replicated")]
    [DataRow("--gamma-step", "-1", "--gamma-step '-1' must be ≥ 0", "--coupling replicated")]
    [DataRow("--coupling", "none,replicated", "--coupling 'none,replicated' is a list")]
    [DataRow("--lambda", "NaN", "--lambda 'NaN' is not a number", "--coupling consensus")]
    public void BadRunInputFailsWithOneLineNamingTheFieldAndWritesNothing(string flag, string value, string message, string context = "")
    {
        var dir = Cli.TempDir();
        var args = new Dictionary<string, string> { ["--n"] = "101", ["--alpha"] = "1", ["--out"] = dir, [flag] = value };
        var extra = context.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (code, output, err) = Cli.Mcover(["run", .. args.SelectMany(kv => new[] { kv.Key, kv.Value }), .. extra, "--quiet"]);
        Assert.AreEqual(2, code);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, $"one line: {err}");
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    /// <summary>rbp refuses a message store beyond 16 GiB, a coupling a lift, M = 1 or a non-online rule (one line, nothing written).</summary>
    [TestMethod]
    [DataRow("--rule rbp --task storage --n 99999999 --alpha 1e-6 --copies 32 --kernel uniform", "--copies '32' × N = 3199999968 edges per pattern is too many for rule rbp")]
    [DataRow("--rule rbp --task storage --n 10001 --alpha 2 --copies 32 --kernel uniform", "--alpha '2' needs 23.8 GiB of BP messages (M·N·P floats) at N = 10001, M = 32 (limit 16 GiB)")]
    [DataRow("--coupling replicated --kernel uniform --copies 4 --n 101", "--coupling 'replicated' couples copies of the identity lift; it cannot be combined with kernel uniform")]
    [DataRow("--coupling consensus --copies 1 --n 101", "--coupling 'consensus' needs M ≥ 2 copies")]
    [DataRow("--gamma 0.01 --copies 2 --n 101", "--gamma '0.01' does not apply here: it is used by --coupling replicated only")]
    [DataRow("--coupling replicated --lambda 0.5 --copies 2 --n 101", "--lambda '0.5' does not apply here: it is used by --coupling consensus only")]
    [DataRow("--beta 3 --n 101", "--beta '3' does not apply here: it is used by rule mc only")]
    [DataRow("--rule mc --beta0 1 --n 101", "--beta0 '1' does not apply here: it is used by rules sa, pt only")]
    [DataRow("--sweeps 10 --n 101", "--sweeps '10' does not apply here: it is used by rules mc, sa, pt only")]
    [DataRow("--arch full --n 101", "--arch 'full' does not apply here: it is used by --model committee only")]
    [DataRow("--rule cp --ps 0.5 --n 101", "--ps '0.5' does not apply here: it is used by rule sbpi only")]
    [DataRow("--rule sbpi --pr-c 0.5 --n 101", "--pr-c '0.5' does not apply here: it is used by rule cpr only")]
    [DataRow("--rule cp --damping 0.5 --n 101", "--damping '0.5' does not apply here: it is used by rules amp, rbp, bp, fbp only")]
    [DataRow("--rule cp --ps 0.3 --n 101", "--ps '0.3' does not apply here: it is used by rule sbpi only")]
    [DataRow("--task storage --test-patterns 100 --n 101", "--test-patterns '100' does not apply here: it is used by --task teacher only")]
    [DataRow("--copies 1 --kernel ring:sigma=1 --n 101", "--kernel 'ring:sigma=1' needs M ≥ 2 copies to route between")]
    [DataRow("--coupling replicated --rule amp --copies 2 --n 101", "--coupling 'replicated' acts with the online rules cp, cpr, sbpi, not with rule amp")]
    public void IncompatibleCombinationsAreRefused(string args, string message)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. args.Split(' '), "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code, err);
        Assert.Contains(message, err);
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    /// <summary>amp refuses a lift (one line naming the field, nothing written).</summary>
    [TestMethod]
    public void AmpOnACoverIsRefused()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--rule", "amp", "--kernel", "ring:sigma=1", "--copies", "4", "--n", "101", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--kernel 'ring:sigma=1' must be identity for rule amp", err);
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    /// <summary>The message-passing rules end to end: amp reports the posterior overlap and convergence; rbp runs on a cover.</summary>
    [TestMethod]
    public void MessagePassingRulesRunEndToEnd()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "amp", "--n", "401", "--alpha", "0.5,3", "--copies", "2", "--seeds", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.HasCount(4, rows);
        foreach (var row in rows)
        {
            Assert.AreEqual("2", row["converged"]);
            double posterior = double.Parse(row["overlap_posterior_mean"], CultureInfo.InvariantCulture);
            Assert.IsTrue(row["alpha"] == "3" ? posterior > 0.999 : posterior is > 0.1 and < 0.6, $"m·w*/N = {posterior} at α = {row["alpha"]}");
        }
        var cover = Cli.TempDir();
        (code, _, err) = Cli.Mcover("run", "--rule", "rbp", "--task", "storage", "--n", "201", "--alpha", "0.4", "--copies", "4",
            "--kernel", "uniform", "--schedule", "annealed", "--out", cover, "--quiet");
        Assert.AreEqual(0, code, err);
        var row0 = Cli.ReadCsv(Path.Combine(cover, "points.csv"))[0];
        Assert.AreEqual("rbp", row0["rule"]);
        Assert.AreEqual("NaN", row0["overlap_posterior_mean"], "no teacher in storage");
        Assert.AreEqual("0", row0["train_error"], "rBP solves an easy storage instance on the cover");
        Assert.AreEqual("4", row0["converged"], "a reinforced run that solved counts as converged");

        var budget = Cli.TempDir();
        (code, _, err) = Cli.Mcover("run", "--rule", "amp", "--n", "201", "--alpha", "1", "--copies", "1", "--iters", "2", "--out", budget, "--quiet");
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("0", Cli.ReadCsv(Path.Combine(budget, "points.csv"))[0]["converged"]);
        Assert.Contains("mcover: warning: amp did not converge in 2 iterations for 1 of 1 copies at alpha=1, seed=1", err);
    }

    [TestMethod]
    public void KernelsScheduleAndGranularitySweepEndToEnd()
    {
        var dir = Cli.TempDir();
        // Q = identity routes nothing: it is one block without schedule and granularity, the routing kernels another.
        var config = Path.Combine(Path.GetTempPath(), $"kernels-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """
            [{"kernel": "identity"},
             {"kernel": ["uniform", "band:m=1,h=0.5", "ring:sigma=1"], "schedule": ["quenched", "annealed"], "granularity": ["edge", "word"]}]
            """);
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--n", "129", "--alpha", "1", "--copies", "4", "--epochs", "20", "--seeds", "2",
            "--stop", "budget", "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        Assert.AreEqual((1 + 3 * 2 * 2) * 2, rows.Count);
        CollectionAssert.AreEquivalent(new[] { "identity", "uniform", "band:m=1,h=0.5", "ring:sigma=1" }, rows.Select(r => r["kernel"]).Distinct().ToArray());
        Assert.IsTrue(rows.All(r => r["epochs_run"] == "20"), "--stop budget runs the whole budget");
        Assert.Contains("| Δε_g ± sem |", File.ReadAllText(Path.Combine(dir, "comparison.md")));
        var png = File.ReadAllBytes(Path.Combine(dir, "comparison.png"));
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray(), "a PNG");
        Assert.AreEqual(1000, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], "PNG width");
        Assert.IsTrue(png.Length > 20_000, "a plot, not a blank image");
        Assert.AreEqual("1", rows.First(r => r["kernel"] == "identity")["lambda2"]);
        Assert.AreEqual("0", rows.First(r => r["kernel"] == "uniform")["lambda2"]);
        foreach (var column in new[] { "schedule", "granularity", "eps_g_consensus", "eps_g_best", "routed_train_error", "epoch_first_solved", "teacher_found_copies" })
            Assert.IsTrue(rows[0].ContainsKey(column), column);
        var identity = rows.First(r => r["kernel"] == "identity");
        Assert.AreEqual(identity["train_error"], identity["routed_train_error"], "Q = identity: routed and base errors coincide");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    [DataRow("ring:sigma=0", "--kernel 'ring:sigma=0' sigma must be > 0")]
    [DataRow("band:m=2,h=0.5", "--kernel 'band:m=2,h=0.5' m must be < M/2")]
    [DataRow("block:b=3,sigma=1", "--kernel 'block:b=3,sigma=1' M = 4 must be divisible by b = 3")]
    [DataRow("ring:sigma", "--kernel 'ring:sigma' 'sigma' is not key=value")]
    [DataRow("torus", "--kernel 'torus' is not a kernel; expected identity, uniform")]
    public void BadKernelsFailWithOneLineNamingTheField(string kernel, string message)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--n", "101", "--copies", "4", "--kernel", kernel, "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length);
        Assert.IsFalse(Directory.Exists(dir));
    }

    [TestMethod]
    public void MisspelledConfigKeyIsRejected()
    {
        var dir = Cli.TempDir();
        var config = Path.GetTempFileName();
        File.WriteAllText(config, """{"alpha": [1, 2], "ruel": "cp"}""");
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--out", dir);
        Assert.AreEqual(2, code);
        Assert.Contains("config key 'ruel'", err);
        Assert.IsFalse(Directory.Exists(dir));
        File.WriteAllText(config, """{"alpha": [1, 2], """);
        (code, _, err) = Cli.Mcover("sweep", "--config", config, "--out", dir);
        Assert.AreEqual(2, code);
        Assert.Contains("not valid JSON", err);
        (code, _, err) = Cli.Mcover("sweep", "--preset", "nope", "--out", dir);
        Assert.AreEqual(2, code);
        Assert.Contains("--preset 'nope' is not a preset; expected quick", err);
        File.Delete(config);
    }

    [TestMethod]
    public void AnOutputDirectoryHoldingARunIsNeitherReusedNorOverwritten()
    {
        var dir = Cli.TempDir();
        string[] args = ["run", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "50", "--out", dir, "--quiet"];
        Assert.AreEqual(0, Cli.Mcover(args).Code);
        var before = File.ReadAllText(Path.Combine(dir, "points.csv"));
        var (code, _, err) = Cli.Mcover(args);
        Assert.AreEqual(2, code);
        Assert.Contains($"--out '{dir}' already holds a run", err);
        Assert.AreEqual(before, File.ReadAllText(Path.Combine(dir, "points.csv")));
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void AnUnusableOutputDirectoryIsOneLineNotAStackTrace()
    {
        var file = Path.GetTempFileName();
        foreach (var dir in new[] { "", Path.Combine(file, "sub") })
        {
            var (code, _, err) = Cli.Mcover("run", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--out", dir, "--quiet");
            Assert.AreEqual(2, code, err);
            Assert.Contains("--out '", err);
            Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        }
        File.Delete(file);
    }

    [TestMethod]
    public void ADirectoryClaimedByAnotherRunIsRefusedAndTheClaimIsReleasedAfterARun()
    {
        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        // A live process holds the claim (this one); a claim of a dead process is stale (SweepResumeTests).
        File.WriteAllText(Path.Combine(dir, "run.lock"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (code, _, err) = Cli.Mcover("run", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("is in use by another run (run.lock)", err);
        File.Delete(Path.Combine(dir, "run.lock"));
        Assert.AreEqual(0, Cli.Mcover("run", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--out", dir, "--quiet").Code);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "run.lock")), "released");
        Assert.IsFalse(Directory.EnumerateFiles(dir, "*.tmp*").Any(), "no temp files");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void TraceWritesOneRowPerEpochWithoutChangingResultsAndQMatrixHoldsEveryPair()
    {
        string Run(bool trace, string dir)
        {
            string[] args = ["sweep", "--n", "101", "--alpha", "1", "--copies", "3", "--epochs", "12", "--stop", "budget", "--seeds", "2",
                "--kernel", "identity,uniform", "--threads", "2", "--out", dir, "--quiet"];
            var (code, _, err) = Cli.Mcover(trace ? [.. args, "--trace"] : args);
            Assert.AreEqual(0, code, err);
            var rows = File.ReadAllLines(Path.Combine(dir, "points.csv"));
            int seconds = Array.IndexOf(rows[0].Split(','), "seconds");
            return string.Join("\n", rows.Select(r => string.Join(",", Cli.SplitCsv(r).Where((_, i) => i != seconds))));
        }
        var traced = Cli.TempDir();
        var plain = Cli.TempDir();
        Assert.AreEqual(Run(false, plain), Run(true, traced), "tracing changes no result");
        Assert.IsFalse(File.Exists(Path.Combine(plain, "trajectory.csv")));
        var trajectory = Cli.ReadCsv(Path.Combine(traced, "trajectory.csv"));
        Assert.HasCount(4 * 12, trajectory, "2 kernels × 2 seeds × 12 epochs");
        CollectionAssert.AreEqual(Enumerable.Range(1, 12).Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray(),
            trajectory.Where(r => r["task_id"] == "0").Select(r => r["epoch"]).ToArray());
        var points = Cli.ReadCsv(Path.Combine(traced, "points.csv"));
        Assert.AreEqual("0", points[0]["task_id"]);
        Assert.AreEqual(points[0]["train_error"], trajectory.Last(r => r["task_id"] == "0")["train_error"], "last epoch = final error");
        var q = Cli.ReadCsv(Path.Combine(traced, "q_matrix.csv"));
        Assert.HasCount(4 * 9, q);
        Assert.IsTrue(q.Where(r => r["a"] == r["b"]).All(r => r["q"] == "1"));
        Directory.Delete(traced, true);
        Directory.Delete(plain, true);
    }

    [TestMethod]
    public void AnUnknownCommandIsNamed()
    {
        var (code, _, err) = Cli.Mcover("foo");
        Assert.AreEqual(2, code);
        Assert.Contains("'foo'", err);
        Assert.Contains("(see mcover --help)", err);
    }

    [TestMethod]
    public void HelpEndsWithWorkedExamplesThatParse()
    {
        var (code, output, _) = Cli.Mcover("--help");
        Assert.AreEqual(0, code);
        var root = Program.BuildRoot(TextWriter.Null, TextWriter.Null);
        foreach (var example in Program.Examples)
        {
            Assert.Contains(example, output);
            var parsed = root.Parse(example.Split(' ').Skip(1).ToArray());
            Assert.IsEmpty(parsed.Errors, $"{example}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }

    [TestMethod]
    public void EveryPresetExpandsToValidTasks()
    {
        foreach (var (name, json) in Presets.All)
            Assert.IsNotEmpty(SweepSpec.FromJson(json, name).Expand(), name);
        var comparison = SweepSpec.FromJson(Presets.Comparison, "comparison").Expand();
        var methods = comparison.Select(MethodReport.Method).Distinct().ToList();
        CollectionAssert.IsSubsetOf(new[] { "one student", "independent", "replicated", "consensus", "M-cover uniform", "M-cover ring:sigma=1" }, methods);
        Assert.IsTrue(comparison.Where(t => t.Copies == 1).All(t => t.Rule.Budget == 8 * comparison.First(u => u.Copies == 8).Rule.Budget), "the single student gets M× the epochs: equal updates");
    }

    /// <summary>A sweep of methods (one student, couplings, a lift) writes the method comparison with a paired Δ per method.</summary>
    [TestMethod]
    public void AMethodSweepWritesTheComparisonReport()
    {
        var dir = Cli.TempDir();
        var config = Path.Combine(Path.GetTempPath(), $"mcover-methods-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """
            [ { "n": 101, "alpha": 1, "copies": 1, "epochs": 80, "seeds": 3 },
              { "n": 101, "alpha": 1, "copies": 4, "epochs": 20, "seeds": 3, "coupling": ["none", "replicated", "consensus"] },
              { "n": 101, "alpha": 1, "copies": 4, "epochs": 20, "seeds": 3, "kernel": "uniform" } ]
            """);
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var report = File.ReadAllText(Path.Combine(dir, "comparison.md"));
        foreach (var method in new[] { "| one student | 1 | 80 |", "| independent | 4 | 20 |", "| replicated |", "| consensus |", "| M-cover uniform |" })
            StringAssert.Contains(report, method);
        StringAssert.Contains(report, "(reference)");
        StringAssert.Contains(report, "- perceptron, replicated: ");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "comparison.png")));
    }

    /// <summary>Methods at several M or epochs are separate rows, each paired with independent students of its own M and epochs.</summary>
    [TestMethod]
    public void AMethodReportSeparatesCopiesAndEpochs()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--copies", "1,4,8", "--epochs", "10,20", "--n", "51", "--alpha", "1", "--seeds", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var report = File.ReadAllText(Path.Combine(dir, "comparison.md"));
        foreach (var row in new[] { "| one student epochs=10 | 1 | 10 |", "| one student epochs=20 | 1 | 20 |", "| independent copies=4 epochs=10 | 4 | 10 |", "| independent copies=8 epochs=20 | 8 | 20 |" })
            StringAssert.Contains(report, row);
    }

}
