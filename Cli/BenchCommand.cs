using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Running;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover bench</c>: the clipped-perceptron benchmark workload of the peers (teacher–student, M copies, online CP,
/// one shared random order per epoch, an error pass after each epoch, early stop when all copies are solved), timed
/// over the whole training loop; data generation is not timed. Prints one JSON line with the peers' keys; with a
/// non-identity <c>--kernel</c>, first the identity lift's line and then the lift's, with <c>cost_vs_identity</c>, measured
/// side by side (<c>--repeat R</c> interleaves R runs of each and reports the median run of each).
/// </summary>
internal static class BenchCommand
{
    public static Command Build(TextWriter stdout)
    {
        var command = new Command("bench", "time the clipped-perceptron workload (same flags and JSON keys as the C and NumPy peers)");
        var n = new Option<int>("--n") { Description = "N (odd)", DefaultValueFactory = _ => 1001 };
        var alpha = new Option<double>("--alpha") { Description = "α = P/N", DefaultValueFactory = _ => 1.0 };
        var copies = new Option<int>("--copies") { Description = "copies M", DefaultValueFactory = _ => 4 };
        var epochs = new Option<int>("--epochs") { Description = "epoch budget", DefaultValueFactory = _ => 100 };
        var k = new Option<int>("--k", "--bound") { Description = "clip bound H (odd; the peers' default 15)", DefaultValueFactory = _ => 15 };
        var kappa = new Option<double>("--kappa") { Description = "margin κ ≥ 0: cp/cpr/sbpi update when Δ ≤ κ√N (κ ≥ √N: every presentation); mc: energy counts Δ ≤ κ√N", DefaultValueFactory = _ => 0.0 };
        var seed = new Option<ulong>("--seed") { Description = "seed", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "threads over copies", DefaultValueFactory = _ => 1 };
        var rule = new Option<string>("--rule") { Description = "cp|cpr|sbpi, or mc: Metropolis flips proposed per second (identity lift, then --kernel if not identity; perceptron or committee), or bp|rbp|fbp: ns_per_edge_sweep (one copy, then --copies)", DefaultValueFactory = _ => "cp" };
        var beta = new Option<double>("--beta") { Description = "mc: inverse temperature β ≥ 0", DefaultValueFactory = _ => 2.0 };
        var sweeps = new Option<int>("--sweeps") { Description = "mc: sweeps (N proposals per copy each; K·n for a committee)", DefaultValueFactory = _ => 100 };
        var lanes = new Option<string>("--lanes") { Description = "kernel width: auto|scalar|v256|v512", DefaultValueFactory = _ => "auto" };
        var kernel = new Option<string>("--kernel") { Description = "mixing kernel of the lift (as in mcover run)", DefaultValueFactory = _ => "identity" };
        var schedule = new Option<string>("--schedule") { Description = "quenched|annealed", DefaultValueFactory = _ => "quenched" };
        var granularity = new Option<string>("--granularity") { Description = "edge|word", DefaultValueFactory = _ => "edge" };
        var model = new Option<string>("--model") { Description = "perceptron (the clipped-perceptron workload; also mc, bp/rbp/fbp), committee (mc, bp/rbp/fbp) or mlp (the binary MLP workload of mlp_peer.py)", DefaultValueFactory = _ => "perceptron" };
        var hidden = new Option<int>("--hidden") { Description = "mc/bp/rbp/fbp committee: hidden units K (odd)", DefaultValueFactory = _ => 3 };
        var arch = new Option<string>("--arch") { Description = "mc/bp/rbp/fbp committee: tree|full", DefaultValueFactory = _ => "tree" };
        var iters = new Option<int>("--iters") { Description = "bp/rbp/fbp: sweeps timed (storage task, no early convergence; rbp/fbp stop when solved; fbp: two protocol steps of this many sweeps)", DefaultValueFactory = _ => 20 };
        var bpAccuracy = new Option<string>("--bp-accuracy") { Description = "bp/rbp/fbp: edge message exact|expand (as in mcover run); exact also times expand beside it (ns_per_edge_sweep_expand)", DefaultValueFactory = _ => "exact" };
        var repeat = new Option<int>("--repeat") { Description = "runs of each measurement, interleaved; the median run is reported (cp/cpr/sbpi)", DefaultValueFactory = _ => 1 };
        var widths = new Option<string>("--widths") { Description = "mlp: widths N,W1,…,C as the peer writes them", DefaultValueFactory = _ => "784,501,501,10" };
        var batch = new Option<int>("--batch") { Description = "mlp: minibatch size", DefaultValueFactory = _ => 100 };
        var batches = new Option<int>("--batches") { Description = "mlp: minibatches timed", DefaultValueFactory = _ => 200 };
        var peer = new Option<string?>("--peer") { Description = "mlp: path of mlp_peer.py, run in the same command with OPENBLAS_NUM_THREADS=1 for the ratios" };
        foreach (var o in new Option[] { n, alpha, copies, epochs, k, kappa, seed, threads, rule, lanes, kernel, schedule, granularity, repeat, beta, sweeps, model, widths, batch, batches, peer, hidden, arch, iters, bpAccuracy }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            Option[] all = [n, alpha, copies, epochs, k, kappa, seed, threads, rule, lanes, kernel, schedule, granularity, repeat, beta, sweeps, model, widths, batch, batches, peer, hidden, arch, iters, bpAccuracy];
            // A flag the chosen workload does not read is refused (one line naming it), not recorded and ignored.
            void Only(string workload, params Option[] used)
            {
                if (all.Except(used).FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } extra)
                    throw UsageException.Named(extra.Name, string.Join(" ", parse.GetResult(extra)!.Tokens.Select(t => t.Value)), $"does not apply to the {workload} benchmark");
            }
            var probe = RuleRegistry.Find(parse.GetValue(rule)!)?.Read(new ParameterReader(new Dictionary<string, string>()));
            if (parse.GetValue(model) == "mlp") Only("mlp", model, widths, batch, batches, copies, kernel, granularity, threads, peer);
            else if (probe is MessagePassingRuleSpec and not AmpRule) Only("message-passing", rule, n, alpha, copies, kernel, schedule, granularity, seed, model, hidden, arch, iters, threads, bpAccuracy);
            else if (probe is MetropolisRule) Only("Monte Carlo", rule, n, alpha, copies, kernel, schedule, granularity, seed, beta, sweeps, model, hidden, arch);
            else Only("clipped-perceptron", rule, n, alpha, copies, epochs, k, kappa, seed, threads, lanes, kernel, schedule, granularity, repeat, model);
            if (parse.GetValue(model) == "mlp")
                return MlpBench.Run(stdout, parse.GetValue(widths)!, parse.GetValue(batch), parse.GetValue(batches), parse.GetValue(copies), parse.GetValue(kernel) is "identity" ? "uniform" : parse.GetValue(kernel)!,
                    parse.GetResult(granularity) is { Implicit: false } ? parse.GetValue(granularity)! : "unit", parse.GetValue(threads), parse.GetValue(peer));
            if (parse.GetValue(model) is not ("perceptron" or "committee")) throw UsageException.Field("model", parse.GetValue(model)!, "is not benchmarked; expected perceptron, committee, mlp");
            static string T(IFormattable x) => x.ToString(null, CultureInfo.InvariantCulture);
            var values = new Dictionary<string, string>
            {
                ["task"] = "teacher", ["rule"] = parse.GetValue(rule)!, ["n"] = T(parse.GetValue(n)), ["alpha"] = T(parse.GetValue(alpha)),
                ["copies"] = T(parse.GetValue(copies)), ["kernel"] = parse.GetValue(kernel)!, ["seed"] = T(parse.GetValue(seed)), ["test-patterns"] = "0", ["kappa"] = T(parse.GetValue(kappa)),
            };
            // Schedule and granularity route: they are passed for a routing kernel, or when given (then refused for identity).
            bool routes = !new LiftSpec { Kernel = values["kernel"] }.IsIdentityFor(Math.Clamp(parse.GetValue(copies), 1, RunConfig.MaxCopies));
            if (routes || parse.GetResult(schedule) is { Implicit: false }) values["schedule"] = parse.GetValue(schedule)!;
            if (routes || parse.GetResult(granularity) is { Implicit: false }) values["granularity"] = parse.GetValue(granularity)!;
            if (probe is MessagePassingRuleSpec and not AmpRule)
            {
                values.Remove("kappa");
                values.Remove("test-patterns");
                (values["task"], values["iters"], values["tol"], values["model"]) = ("storage", T(parse.GetValue(iters)), "1e-300", parse.GetValue(model)!);
                if (probe is FbpRule) values["focus-step"] = "0.5"; // two protocol steps (ρ = 0, ½) of --iters sweeps each
                if (values["model"] == "committee") (values["hidden"], values["arch"]) = (T(parse.GetValue(hidden)), parse.GetValue(arch)!);
                values["bp-accuracy"] = parse.GetValue(bpAccuracy)!;
                int mpThreads = parse.GetValue(threads);
                if (mpThreads < 1) throw UsageException.Field("threads", mpThreads.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
                return BenchMessagePassing.Run(values, mpThreads, stdout);
            }
            if (parse.GetValue(model) == "committee" && probe is not MetropolisRule) throw UsageException.Field("model", "committee", "is benchmarked with --rule mc, bp, rbp or fbp only");
            if (parse.GetValue(model) == "committee") (values["model"], values["hidden"], values["arch"]) = ("committee", T(parse.GetValue(hidden)), parse.GetValue(arch)!);
            if (probe is not (OnlineRuleSpec or MetropolisRule)) throw UsageException.Field("rule", values["rule"], "is not benchmarked; expected cp, cpr, sbpi, mc, bp, rbp, fbp");
            if (probe is MetropolisRule) (values["beta"], values["sweeps"]) = (T(parse.GetValue(beta)), T(parse.GetValue(sweeps)));
            else (values["epochs"], values["bound"], values["stop"]) = (T(parse.GetValue(epochs)), T(parse.GetValue(k)), "copies");
            var config = RunConfig.FromValues(values);
            if (config.Rule is MonteCarloRuleSpec mcRule)
            {
                var mc = config;
                MemoryEstimate.Check([mc], 1);
                if (mcRule.Sweeps < 1) throw UsageException.Field("sweeps", mcRule.Sweeps.ToString(CultureInfo.InvariantCulture), "must be ≥ 1 for a benchmark (no proposals, no rate)");
                var identity = MeasureMonteCarlo(mc with { Lift = new LiftSpec() });
                stdout.WriteLine(identity.ToJsonString());
                if (mc.KernelSpec != "identity")
                {
                    var lifted = MeasureMonteCarlo(mc);
                    lifted["slowdown_vs_identity"] = (double)identity["flips_proposed_per_sec"]! / (double)lifted["flips_proposed_per_sec"]!;
                    stdout.WriteLine(lifted.ToJsonString());
                }
                return 0;
            }
            int t = parse.GetValue(threads);
            if (t < 1) throw UsageException.Field("threads", t.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
            MemoryEstimate.Check([config], 1);
            var width = parse.GetValue(lanes) switch
            {
                "auto" => LaneWidth.Auto, "scalar" => LaneWidth.Scalar, "v256" => LaneWidth.Vector256, "v512" => LaneWidth.Vector512,
                var s => throw UsageException.Field("lanes", s!, "is not a width; expected auto, scalar, v256, v512"),
            };
            int runs = parse.GetValue(repeat);
            if (runs < 1) throw UsageException.Field("repeat", runs.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
            if (config.KernelSpec == "identity")
            {
                stdout.WriteLine(Median(Enumerable.Range(0, runs).Select(_ => Measure(config, t, width)).ToList(), runs).ToJsonString());
                return 0;
            }
            // The lift against M independent copies, interleaved run by run so that machine noise hits both alike.
            var baseline = config with { Lift = new LiftSpec() };
            var independent = new List<JsonObject>();
            var routed = new List<JsonObject>();
            for (int r = 0; r < runs; r++)
            {
                independent.Add(Measure(baseline, t, width));
                routed.Add(Measure(config, t, width));
            }
            var a = Median(independent, runs);
            var b = Median(routed, runs);
            b["cost_vs_identity"] = (double)a["synapse_presentations_per_sec"]! / (double)b["synapse_presentations_per_sec"]!;
            // The same ratio in process CPU time per presentation (medians of each side's runs): robust to other processes on the machine.
            if (MedianCpuPerPresentation(independent) is { } ci && MedianCpuPerPresentation(routed) is { } cr) b["cpu_cost_vs_identity"] = cr / ci;
            stdout.WriteLine(a.ToJsonString());
            stdout.WriteLine(b.ToJsonString());
            return 0;
        });
        return command;
    }

    /// <summary>The run with the median rate (the upper one of an even count), with the number of runs.</summary>
    private static JsonObject Median(List<JsonObject> runs, int count)
    {
        var median = runs.OrderBy(r => (double)r["synapse_presentations_per_sec"]!).ElementAt(runs.Count / 2);
        median["repeats"] = count;
        return median;
    }

    /// <summary>Median over runs of CPU seconds per synapse presentation; null without a thread clock.</summary>
    private static double? MedianCpuPerPresentation(List<JsonObject> runs)
    {
        var values = new List<double>();
        foreach (var r in runs)
        {
            if (r["cpu_seconds"] is not { } cpu) return null;
            double presentations = (double)r["synapse_presentations_per_sec"]! * (double)r["seconds"]!;
            values.Add((double)cpu / presentations);
        }
        return values.Count > 0 ? MathNet.Numerics.Statistics.Statistics.Median(values) : null;
    }

    /// <summary>Runs the workload and returns the JSON record.</summary>
    public static JsonObject Measure(RunConfig config, int threads, LaneWidth width)
    {
        // Untimed warm-up on a tiny instance compiles the same kernels (rule, lift, lane width) before the clock starts:
        // the analogue of the C peer's ahead-of-time compilation, which its timing excludes too.
        var tiny = config with { Model = new PerceptronModel { N = 129 }, Data = new TeacherStudentData { Alpha = 0.5, TestPatterns = 0 }, Rule = Online(config) with { Epochs = 2 } };
        Trainer(tiny, Dataset.Create(LearningTask.TeacherStudent, tiny.N, tiny.P, 0, 0), threads, width)();
        var data = Dataset.Create(LearningTask.TeacherStudent, config.N, config.P, 0, config.Seed, threads);
        var setup = Stopwatch.StartNew();
        var train = Trainer(config, data, threads, width); // draws a quenched routing table: setup, like data generation
        double setupSeconds = setup.Elapsed.TotalSeconds;
        // The calling thread does all the training unless copies run on other threads or annealed tables are redrawn in
        // parallel every epoch: then the process's clock (all threads) counts the work.
        bool process = threads > 1 || (config.Lift.Schedule == Lifts.Routing.Schedule.Annealed && config.KernelSpec != "identity");
        double? cpu0 = CpuClock.Seconds(process);
        var clock = Stopwatch.StartNew();
        var students = train();
        double seconds = clock.Elapsed.TotalSeconds;
        double? cpuSeconds = CpuClock.Seconds(process) - cpu0;
        double r = 0;
        for (int a = 0; a < config.Copies; a++) r += PackedSpins.Overlap(students.States.Weights(a), data.Teacher!, config.N);
        double presentations = (double)config.N * config.P * config.Copies * students.EpochsRun;
        var record = new JsonObject
        {
            ["n"] = config.N,
            ["alpha"] = config.Alpha,
            ["copies"] = config.Copies,
            ["epochs_run"] = students.EpochsRun,
            ["seconds"] = seconds,
            ["synapse_presentations_per_sec"] = seconds > 0 ? presentations / seconds : 0,
            ["train_error"] = students.TrainErrorCounts.Average() / config.P,
            ["overlap_R"] = r / config.Copies,
            ["rule"] = config.Rule.Name,
            ["k"] = Online(config).BoundFor(config.UnitInputs),
            ["kappa"] = Online(config).Kappa,
            ["kernel"] = config.KernelSpec,
            ["schedule"] = config.Lift.Schedule.ToString().ToLowerInvariant(),
            ["granularity"] = config.Lift.Granularity.ToString().ToLowerInvariant(),
            ["setup_seconds"] = setupSeconds,
            ["cpu_seconds"] = cpuSeconds,
            ["cpu_clock"] = process ? "process" : "thread",
            ["threads"] = threads,
            ["lanes"] = students.States.Lanes.ToString(),
            ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        };
        if (config.Lift.Schedule == Lifts.Routing.Schedule.Annealed && config.KernelSpec != "identity" && students.EpochsRun > 0)
            AddRedrawShare(record, config, threads, width);
        return record;
    }

    /// <summary>
    /// The annealed redraw's cost: a few epochs' tables drawn again on their own (same sampler, threads and layout as the
    /// trainer's), per epoch, against one epoch of the same training under the quenched schedule (timed here on the same
    /// data): redraw_vs_quenched_epoch (issue 20's target: ≤ 0.5 at M ≤ 8) and redraw_share = redraw / (redraw + quenched epoch),
    /// the fraction of an annealed epoch spent drawing.
    /// </summary>
    private static void AddRedrawShare(JsonObject record, RunConfig config, int threads, LaneWidth width)
    {
        var lift = config.BuildLift(threads);
        int interleave = config.Copies >= 3 ? (config.Copies > 4 ? 8 : 4) : 0;
        const int probes = 10;
        lift.SamplerAt(1); // the law's preparation (the alias table's enumeration of S_M) happens once per run, not per epoch
        var table = lift.Routing(config.N, config.P, config.Seed, 1, interleave); // epoch 1 allocates; later epochs overwrite it, as in training
        var clock = Stopwatch.StartNew();
        for (int e = 2; e <= probes + 1; e++) table = lift.Routing(config.N, config.P, config.Seed, e, interleave, table);
        double redraw = clock.Elapsed.TotalSeconds / probes;
        var quenched = config with { Lift = config.Lift with { Schedule = Lifts.Routing.Schedule.Quenched } };
        var train = Trainer(quenched, Dataset.Create(LearningTask.TeacherStudent, config.N, config.P, 0, config.Seed, threads), threads, width);
        clock.Restart();
        var students = train();
        double epoch = clock.Elapsed.TotalSeconds / Math.Max(1, students.EpochsRun);
        record["sampler"] = lift.SamplerAt(1)?.GetType().Name;
        record["redraw_seconds_per_epoch"] = redraw;
        record["quenched_epoch_seconds"] = epoch;
        record["redraw_vs_quenched_epoch"] = redraw / epoch;
        record["redraw_share"] = redraw / (redraw + epoch);
    }

    /// <summary>
    /// mc workload: M chains (or one lifted chain) at fixed β on the teacher–student energy for the whole sweep budget
    /// (no early stop); data, routing and initial stabilities are setup, not timed.
    /// </summary>
    public static JsonObject MeasureMonteCarlo(RunConfig config)
    {
        var rule = (MetropolisRule)config.Rule;
        if (config.IsCommittee) return MeasureCommitteeMonteCarlo(config, rule);
        var tiny = config with { Model = new PerceptronModel { N = 129 }, Data = new TeacherStudentData { Alpha = 0.5, TestPatterns = 0 }, Rule = rule with { Sweeps = 2 } };
        new MetropolisChain(Dataset.Create(LearningTask.TeacherStudent, tiny.N, tiny.P, 0, 0), tiny.BuildLift(), 0, ((MetropolisRule)tiny.Rule).Options).Run();
        var data = Dataset.Create(LearningTask.TeacherStudent, config.N, config.P, 0, config.Seed);
        return TimedMonteCarloRecord(config, rule, () => new MetropolisChain(data, config.BuildLift(), config.Seed, rule.Options).Run);
    }

    /// <summary>Builds a chain (timed as setup), runs it (timed as the run) and records both.</summary>
    private static JsonObject TimedMonteCarloRecord(RunConfig config, MetropolisRule rule, Func<Func<MonteCarloResult>> build)
    {
        var setup = Stopwatch.StartNew();
        var run = build();
        double setupSeconds = setup.Elapsed.TotalSeconds;
        var clock = Stopwatch.StartNew();
        var result = run();
        return MonteCarloRecord(config, rule, result, clock.Elapsed.TotalSeconds, setupSeconds);
    }

    /// <summary>The mc workload on M committees (teacher–student, K·n proposals per copy and sweep); setup not timed.</summary>
    private static JsonObject MeasureCommitteeMonteCarlo(RunConfig config, MetropolisRule rule)
    {
        var tinyShape = new CommitteeShape(config.HiddenUnits * 43, config.HiddenUnits, config.Shape.Arch);
        new CommitteeMetropolisChain(CommitteeDataset.Create(LearningTask.TeacherStudent, tinyShape, 30, 0, 0), config.BuildLift(), 0, (rule with { Sweeps = 2 }).Options).Run();
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, config.Shape, config.P, 0, config.Seed);
        var record = TimedMonteCarloRecord(config, rule, () => new CommitteeMetropolisChain(data, config.BuildLift(), config.Seed, rule.Options).Run);
        record["model"] = "committee";
        record["hidden"] = config.HiddenUnits;
        record["arch"] = config.Shape.Arch.ToString().ToLowerInvariant();
        return record;
    }

    private static JsonObject MonteCarloRecord(RunConfig config, MetropolisRule rule, MonteCarloResult result, double seconds, double setupSeconds)
    {
        return new JsonObject
        {
            ["rule"] = "mc",
            ["n"] = config.N,
            ["alpha"] = config.Alpha,
            ["copies"] = config.Copies,
            ["beta"] = rule.Beta,
            ["kappa"] = rule.Kappa,
            ["sweeps_run"] = result.SweepsRun,
            ["seconds"] = seconds,
            ["flips_proposed"] = result.Proposed,
            ["flips_proposed_per_sec"] = seconds > 0 ? result.Proposed / seconds : 0,
            ["acceptance_rate"] = result.AcceptanceRate,
            ["energy_per_copy"] = (double)result.Energy / config.Copies,
            ["kernel"] = config.KernelSpec,
            ["schedule"] = config.Lift.Schedule.ToString().ToLowerInvariant(),
            ["granularity"] = config.Lift.Granularity.ToString().ToLowerInvariant(),
            ["setup_seconds"] = setupSeconds,
            ["threads"] = 1,
            ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        };
    }

    private static Func<TrainedStudents> Trainer(RunConfig config, Dataset data, int threads, LaneWidth width)
    {
        var rule = Online(config);
        var options = new TrainingOptions { MaxEpochs = rule.Epochs, Threads = threads, Lanes = width, Stop = rule.Stop };
        var lift = config.BuildLift(threads);
        if (lift.NeedsRouting)
        {
            var routed = new RoutedTrainer(data, lift, rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, options);
            return routed.Run;
        }
        var trainer = new OnlineTrainer(data, lift, rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, options);
        return trainer.Run;
    }

    private static OnlineRuleSpec Online(RunConfig config) => (OnlineRuleSpec)config.Rule;
}
