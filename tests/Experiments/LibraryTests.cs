using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Running;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The typed library: the same physics as the CLI for the same values, user data and user Q, one source of parameters.</summary>
[TestClass]
public sealed class LibraryTests
{
    /// <summary>points.csv of one result without its wall time.</summary>
    private static string Points(PointResult r)
    {
        var lines = MCoverPhysics.Experiments.Output.ResultWriter.PointsCsv([r]).Split('\n');
        int seconds = Cli.SplitCsv(lines[0]).IndexOf("seconds");
        return string.Join("\n", lines.Where(l => l.Length > 0).Select(l => string.Join(",", Cli.SplitCsv(l).Where((_, i) => i != seconds))));
    }

    [TestMethod]
    public void ATypedConfigRunsExactlyAsTheSameFlags()
    {
        var typed = new RunConfig
        {
            Model = new PerceptronModel { N = 201 },
            Data = new TeacherStudentData { Alpha = 1.5, TestPatterns = 300 },
            Rule = new SbpiRule { Epochs = 40, ThetaM = 2, Ps = 0.4 },
            Lift = new LiftSpec { Kernel = "ring:sigma=1", Granularity = MCoverPhysics.Lifts.Routing.Granularity.Word },
            Copies = 5,
            Seed = 3,
        };
        var flags = RunConfig.FromValues(new Dictionary<string, string>
        {
            ["n"] = "201", ["alpha"] = "1.5", ["test-patterns"] = "300", ["rule"] = "sbpi", ["epochs"] = "40", ["theta-m"] = "2", ["ps"] = "0.4",
            ["kernel"] = "ring:sigma=1", ["granularity"] = "word", ["copies"] = "5", ["seed"] = "3",
        });
        Assert.AreEqual(flags, typed, "the flags build the same typed config");
        Assert.AreEqual(Points(PointRunner.Run(flags)), Points(Simulation.Run(typed)));
    }

    [TestMethod]
    public void UserPatternsTrainExactlyAsTheGeneratedDataSetTheyCopy()
    {
        var generated = Dataset.Create(LearningTask.TeacherStudent, 101, 120, 200, 9);
        static sbyte[] Spins(ReadOnlySpan<ulong> row, int n)
        {
            var s = new sbyte[n];
            for (int i = 0; i < n; i++) s[i] = (sbyte)PackedSpins.Get(row, i);
            return s;
        }
        var rows = Enumerable.Range(0, generated.P).Select(mu => Spins(generated.Patterns.Row(mu), 101)).ToList();
        var test = Enumerable.Range(0, generated.TestPatterns.Rows).Select(mu => Spins(generated.TestPatterns.Row(mu), 101)).ToList();
        var user = UserData.FromArrays(rows, generated.Labels, test, generated.TestLabels, Spins(generated.Teacher, 101));
        var rule = new CprRule { Epochs = 60 };
        var mine = Simulation.Run(new RunConfig { Model = new PerceptronModel { N = 101 }, Data = user, Rule = rule, Copies = 3, Seed = 9 });
        var theirs = Simulation.Run(new RunConfig { Model = new PerceptronModel { N = 101 }, Data = new TeacherStudentData { Alpha = 120 / 101.0, TestPatterns = 200 }, Rule = rule, Copies = 3, Seed = 9 });
        Assert.AreEqual(120, theirs.Config.P);
        CollectionAssert.AreEqual(theirs.Observables.Copies.ToList(), mine.Observables.Copies.ToList());
        CollectionAssert.AreEqual(theirs.Observables.Q, mine.Observables.Q);
        Assert.AreEqual(theirs.EpochsRun, mine.EpochsRun);
    }

    [TestMethod]
    public void UserPatternsReadFromCsvAndBadCellsNameTheLine()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["# label, inputs", "1,1,-1,1", "-1,-1,-1,1", "", "1,1,1,1"]);
        var data = UserData.FromCsv(path);
        Assert.AreEqual(3, data.Data.P);
        Assert.AreEqual(3, data.Data.N);
        CollectionAssert.AreEqual(new sbyte[] { 1, -1, 1 }, data.Data.Labels);
        var r = Simulation.Run(new RunConfig { Model = new PerceptronModel { N = 3 }, Data = data, Rule = new HebbRule(), Copies = 2 });
        Assert.AreEqual(0.0, r.Observables.TrainError, "Hebb's w = sign(Σ σξ) = (1, 1, 1) classifies all three");
        File.WriteAllLines(path, ["1,1,-1,1", "1,1,0,1"]);
        var e = Assert.ThrowsExactly<FormatException>(() => UserData.FromCsv(path));
        StringAssert.Contains(e.Message, "line 2, field 3: '0' is not ±1");
        File.Delete(path);
        Assert.ThrowsExactly<UsageException>(() => Simulation.Run(new RunConfig { Model = new PerceptronModel { N = 5 }, Data = data }));
    }

    /// <summary>A user matrix with the ring kernel's weights is the ring kernel: the same runs bit for bit.</summary>
    [TestMethod]
    public void AUserMatrixQRoutesAsTheBuiltInKernelWithTheSameWeights()
    {
        const int m = 6;
        var w = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                int d = Math.Min(Math.Abs(a - b), m - Math.Abs(a - b));
                w[a, b] = Math.Exp(-d * d / (2 * 1.0 * 1.0)) + MixingKernel.DefaultEpsilon; // the built-in kernel's floor ε
            }
        var baseConfig = new RunConfig { Model = new PerceptronModel { N = 151 }, Data = new TeacherStudentData { Alpha = 1, TestPatterns = 100 }, Rule = new CprRule { Epochs = 30 }, Copies = m, Seed = 4 };
        var user = Simulation.Run(baseConfig with { Lift = LiftSpec.FromMatrix(w, "myring") });
        var ring = Simulation.Run(baseConfig with { Lift = new LiftSpec { Kernel = "ring:sigma=1" } });
        Assert.AreEqual("myring", user.Config.KernelSpec);
        Assert.AreEqual(ring.Config.Lambda2, user.Config.Lambda2);
        CollectionAssert.AreEqual(ring.Observables.Copies.ToList(), user.Observables.Copies.ToList());
        Assert.AreEqual(ring.RoutedTrainError, user.RoutedTrainError);
    }

    [TestMethod]
    public void AUserMatrixIsValidated()
    {
        Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.FromMatrix(new double[2, 3]));
        Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.FromMatrix(new double[,] { { 1, -0.1 }, { 0, 1 } }));
        Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.FromMatrix(new double[,] { { 1, 0 }, { 0, 0 } }));
        var e = Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.FromMatrix(new double[,] { { 1, 1, 0 }, { 1, 1, 0 }, { 1, 1, 0 } }));
        StringAssert.Contains(e.Message, "no permutation");
        Assert.IsTrue(MixingKernel.FromMatrix(new double[,] { { 2, 0 }, { 0, 3 } }).IsIdentity);
        Assert.IsTrue(MixingKernel.FromMatrix(new double[,] { { 0.5, 0.5 }, { 0.5, 0.5 } }).IsUniform);
        var wrongSize = new RunConfig { Lift = LiftSpec.FromMatrix(new double[,] { { 1, 1 }, { 1, 2 } }), Copies = 3 };
        StringAssert.Contains(Assert.ThrowsExactly<UsageException>(() => wrongSize.Validate()).Message, "it needs M = copies = 3");
    }

    /// <summary>Every flag, config key and CSV column is read by exactly the typed spec that owns it; rules read only their own.</summary>
    [TestMethod]
    public void EveryParameterIsOwnedByASpecAndRulesReadOnlyTheirOwn()
    {
        var uses = RuleRegistry.All.ToDictionary(e => e.Name, e => e.Uses.OrderBy(x => x, StringComparer.Ordinal).ToArray());
        CollectionAssert.AreEqual(new[] { "bound", "epochs", "kappa", "stop" }, uses["cp"]);
        CollectionAssert.AreEqual(new[] { "bound", "epochs", "kappa", "pr-c", "stop" }, uses["cpr"]);
        CollectionAssert.AreEqual(new[] { "bound", "epochs", "kappa", "ps", "stop", "theta-m" }, uses["sbpi"]);
        CollectionAssert.AreEqual(Array.Empty<string>(), uses["hebb"]);
        CollectionAssert.AreEqual(new[] { "damping", "iters", "tol" }, uses["amp"]);
        CollectionAssert.AreEqual(new[] { "bp-accuracy", "damping", "iters", "reinforcement", "reinforcement-step", "tol" }, uses["rbp"]);
        CollectionAssert.AreEqual(new[] { "beta", "kappa", "sweeps" }, uses["mc"]);
        CollectionAssert.AreEqual(new[] { "beta0", "beta1", "kappa", "schedule-beta", "stop", "sweeps" }, uses["sa"]);
        CollectionAssert.AreEqual(new[] { "beta0", "beta1", "kappa", "stop", "sweeps" }, uses["pt"]);
        CollectionAssert.AreEqual(new[] { "batch", "decay", "epochs", "lr" }, uses["ste"]);
        CollectionAssert.AreEqual(new[] { "batch", "bop-gamma", "bop-tau", "decay", "epochs" }, uses["bop"]);
        var read = new HashSet<string>(RuleRegistry.All.SelectMany(e => e.Uses)) { Parameters.Rule.Name };
        foreach (var values in new[] { new Dictionary<string, string> { ["model"] = "committee", ["n"] = "99" }, new() { ["coupling"] = "replicated" }, new() { ["coupling"] = "consensus" }, new() { ["kernel"] = "uniform" }, new() { ["kernel"] = "uniform", ["schedule"] = "annealed", ["kernel-to"] = "identity" },
            new() { ["model"] = "mlp" }, new() { ["model"] = "mlp", ["task"] = "fashion-mnist" } })
        {
            var reader = new ParameterReader(values);
            var model = ModelSpec.ReadSpec(reader);
            var c = new RunConfig { Model = model, Data = DataSpec.ReadSpec(reader, model), Lift = LiftSpec.Read(reader, 8), Coupling = CouplingRegistry.Read(reader) };
            reader.Int(Parameters.Copies);
            reader.Text(Parameters.Seed);
            read.UnionWith(reader.Read);
        }
        CollectionAssert.AreEquivalent(Parameters.All.Select(p => p.Name).ToList(), read.ToList(), "each parameter belongs to a spec");
    }

    /// <summary>One source of defaults: the flag's default is the rule type's (the old library said β = 1, the CLI β = 2).</summary>
    [TestMethod]
    public void DefaultsComeFromTheTypedSpecs()
    {
        Assert.AreEqual(MetropolisRule.DefaultBeta, double.Parse(Parameters.Beta.Default, System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(new MetropolisRule().Beta, ((MetropolisRule)RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "mc" }).Rule).Beta);
        Assert.AreEqual(new AnnealingRule(), RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "sa" }).Rule);
        Assert.AreEqual(new RbpRule(), RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "rbp" }).Rule);
        Assert.AreEqual(new SbpiRule(), RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "sbpi" }).Rule);
        Assert.AreEqual(RunConfig.Default, RunConfig.FromValues(new Dictionary<string, string>()));
    }

    [TestMethod]
    public void ParametersARowDoesNotUseAreEmptyInResults()
    {
        var values = RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = "cp", ["task"] = "storage" }).ToValues().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var unused in new[] { "arch", "theta-m", "ps", "pr-c", "gamma", "lambda", "damping", "iters", "beta", "sweeps", "test-patterns" })
            Assert.AreEqual("", values[unused], unused);
        Assert.AreEqual("cp", values["rule"]);
        Assert.AreEqual("63", values["bound"]);
    }

    [TestMethod]
    public void TheOldClipBoundFlagIsAnAliasOfBound()
    {
        var dirs = new[] { Cli.TempDir(), Cli.TempDir() };
        Assert.AreEqual(0, Cli.Mcover("run", "--n", "101", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--k", "9", "--out", dirs[0], "--quiet").Code);
        Assert.AreEqual(0, Cli.Mcover("run", "--n", "101", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--bound", "9", "--out", dirs[1], "--quiet").Code);
        var rows = dirs.Select(d => Cli.ReadCsv(Path.Combine(d, "points.csv")).Single()).ToList();
        Assert.AreEqual("9", rows[0]["bound"]);
        foreach (var key in rows[0].Keys.Where(k => k != "seconds")) Assert.AreEqual(rows[0][key], rows[1][key], key);
        foreach (var d in dirs) Directory.Delete(d, true);
    }

    /// <summary>A swept rule parameter that some rules of the grid do not use would write identical rows: refused.</summary>
    [TestMethod]
    public void ASweepMixingRulesWithAParameterOnlyOneUsesIsRefused()
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("sweep", "--rule", "cp,cpr", "--pr-c", "0.08,0.16", "--n", "101", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--pr-c '0.08' does not apply here: it is used by rule cpr only", err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir));
    }

    /// <summary>A one-shot rule routes nothing: a kernel would be recorded and ignored, so it is refused.</summary>
    [TestMethod]
    public void HebbRefusesAKernel()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--rule", "hebb", "--kernel", "uniform", "--n", "101", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--kernel 'uniform' must be identity for rule hebb", err);
        Assert.IsFalse(Directory.Exists(dir));
    }

    /// <summary>Two samplers of one kernel beside identity are two lifts in comparison.md (the report used to fail on repeated seeds).</summary>
    [TestMethod]
    public void AComparisonWithTwoSamplersHasARowForEach()
    {
        var dir = Cli.TempDir();
        var config = Path.Combine(Path.GetTempPath(), $"samplers-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """[{"kernel": "identity"}, {"kernel": "uniform", "sampler": ["gumbel", "sequential"]}]""");
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--n", "101", "--alpha", "1", "--copies", "4", "--epochs", "5", "--seeds", "2", "--out", dir, "--quiet");
        File.Delete(config);
        Assert.AreEqual(0, code, err);
        var report = File.ReadAllText(Path.Combine(dir, "comparison.md"));
        Assert.Contains("| uniform (gumbel) |", report);
        Assert.Contains("| uniform (sequential) |", report);
        Directory.Delete(dir, true);
    }

    /// <summary>What results record reads back to the same typed config, for every rule (records, run.json, resume, connect).</summary>
    [TestMethod]
    [DataRow("cp", "--kappa", "0.2")]
    [DataRow("cpr", "--pr-c", "0.1")]
    [DataRow("sbpi", "--theta-m", "2")]
    [DataRow("hebb", "--task", "storage")]
    [DataRow("amp", "--damping", "0.3")]
    [DataRow("rbp", "--kernel", "ring:sigma=1")]
    [DataRow("mc", "--beta", "1.5")]
    [DataRow("sa", "--schedule-beta", "geometric")]
    [DataRow("pt", "--beta0", "0.7")]
    public void EveryRulesRecordReadsBackToTheSameConfig(string rule, string flag, string value)
    {
        var config = RunConfig.FromValues(new Dictionary<string, string> { ["rule"] = rule, ["n"] = "101", ["copies"] = "3", [flag.TrimStart('-')] = value });
        static RunConfig Read(RunConfig c) => RunConfig.FromValues(c.ToValues().ToDictionary(kv => kv.Key, kv => kv.Value));
        var back = Read(config); // "auto" comes back resolved (bound = 11 at N = 101): the same values, the same run
        CollectionAssert.AreEqual(config.ToValues().ToList(), back.ToValues().ToList());
        Assert.AreEqual(back, Read(back));
    }

    [TestMethod]
    public void AUserMatrixCannotPassForABuiltInKernel()
    {
        var q = new double[,] { { 2, 1 }, { 1, 2 } };
        foreach (var name in new[] { "identity", "uniform", "ring:sigma=1", "a=b", "" })
            Assert.ThrowsExactly<ArgumentException>(() => MixingKernel.FromMatrix(q, name), name);
        Assert.AreEqual("mine", MixingKernel.FromMatrix(q, "mine").Spec);
    }

    /// <summary>Q = identity routes nothing: schedule, granularity, sampler and routing given with it are refused and written empty.</summary>
    [TestMethod]
    public void RoutingParametersApplyToRoutingKernelsOnly()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--kernel", "identity,uniform", "--schedule", "quenched,annealed", "--n", "101", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--schedule 'quenched' does not apply here: it is used by a --kernel other than identity only", err);
        Assert.IsFalse(Directory.Exists(dir));
        var identity = RunConfig.FromValues(new Dictionary<string, string> { ["kernel"] = "identity" }).ToValues().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var p in LiftSpec.RoutingParameters) Assert.AreEqual("", identity[p.Name], p.Name);
        var ring = RunConfig.FromValues(new Dictionary<string, string> { ["kernel"] = "ring:sigma=1", ["granularity"] = "word" }).ToValues().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.AreEqual("word", ring["granularity"]);
        Assert.AreEqual("quenched", ring["schedule"]);
    }

    /// <summary>The sequential sampler keeps its free columns in a 32-bit mask: beyond M = 32 it would draw wrong permutations.</summary>
    [TestMethod]
    public void TheSequentialSamplerIsRefusedBeyondThirtyTwoCopies()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--kernel", "ring:sigma=2", "--sampler", "sequential", "--copies", "33", "--n", "101", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--sampler 'sequential' needs M ≤ 32", err);
        Assert.IsFalse(Directory.Exists(dir));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MCoverPhysics.Lifts.Permutations.SequentialSampler(MixingKernel.Ring(33, 2)));
    }
}
