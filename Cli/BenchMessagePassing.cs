using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover bench --rule bp|rbp|fbp</c>: BP sweeps on a storage instance (perceptron or committee), timed over the
/// learning loop (data generation not timed), reported as ns_per_edge_sweep = wall time / (sweeps · edges), edges =
/// M·K·n·P (every edge of every copy; the perceptron M·N·P), and cpu_ns_per_edge_sweep the same with the process CPU time of all threads (a loaded machine inflates wall time, not CPU time). First the one-copy line, then (copies &gt; 1) the M-copy line
/// with <c>cost_vs_one_copy</c> = (time per sweep at M) / (M · time per sweep at 1): 1 is linear scaling in copies.
/// </summary>
internal static class BenchMessagePassing
{
    /// <summary>
    /// Runs the benchmark for <paramref name="values"/> (flag name → text) on <paramref name="threads"/> threads and prints
    /// its JSON lines. With the exact edge message (the default) each line also carries the large-N expansion's time of the
    /// same workload (<c>ns_per_edge_sweep_expand</c>, <c>cost_vs_one_copy_expand</c>), measured right after it.
    /// </summary>
    public static int Run(Dictionary<string, string> values, int threads, TextWriter stdout)
    {
        var config = RunConfig.FromValues(values);
        MemoryEstimate.Check([config], threads);
        var rule = (MessagePassingRuleSpec)config.Rule;
        bool beside = rule.Accuracy == BpAccuracy.Exact;
        var fast = config with { Rule = rule with { Accuracy = BpAccuracy.Expand } };
        var one = Measure(config with { Copies = 1 }, threads);
        var oneFast = beside ? Measure(fast with { Copies = 1 }, threads) : null;
        if (oneFast is not null) Beside(one, oneFast);
        stdout.WriteLine(one.ToJsonString());
        if (config.Copies > 1)
        {
            var many = Measure(config, threads);
            many["cost_vs_one_copy"] = (double)many["seconds_per_sweep"]! / (config.Copies * (double)one["seconds_per_sweep"]!);
            if (oneFast is not null)
            {
                var manyFast = Measure(fast, threads);
                Beside(many, manyFast);
                many["cost_vs_one_copy_expand"] = (double)manyFast["seconds_per_sweep"]! / (config.Copies * (double)oneFast["seconds_per_sweep"]!);
            }
            stdout.WriteLine(many.ToJsonString());
        }
        return 0;
    }

    /// <summary>The expansion's times beside the exact line.</summary>
    private static void Beside(JsonObject exact, JsonObject expand)
    {
        exact["ns_per_edge_sweep_expand"] = (double)expand["ns_per_edge_sweep"]!;
        exact["cpu_ns_per_edge_sweep_expand"] = (double)expand["cpu_ns_per_edge_sweep"]!;
    }

    private static JsonObject Measure(RunConfig config, int threads)
    {
        // Untimed warm-up: two sweeps of the same code on a smaller instance compile the kernels first.
        var tiny = config with { Rule = (MessagePassingRuleSpec)config.Rule with { Iters = 2 }, Data = new Specs.StorageData { Alpha = Math.Min(config.Alpha, 0.1) }, Copies = 1 };
        Learn(tiny, threads, out _, out _);
        var (sweeps, errors) = Learn(config, threads, out double seconds, out double cpuSeconds);
        double edges = (double)config.Copies * config.HiddenUnits * config.UnitInputs * config.P;
        return new JsonObject
        {
            ["rule"] = config.Rule.Name,
            ["model"] = config.Model.Name,
            ["hidden"] = config.HiddenUnits,
            ["arch"] = config.IsCommittee ? config.ValueOf(Parameters.Arch) : "",
            ["n"] = config.N,
            ["alpha"] = config.Alpha,
            ["copies"] = config.Copies,
            ["kernel"] = config.KernelSpec,
            ["sweeps_run"] = sweeps,
            ["seconds"] = seconds,
            ["seconds_per_sweep"] = sweeps > 0 ? seconds / sweeps : 0,
            ["edges_per_sweep"] = edges,
            ["ns_per_edge_sweep"] = sweeps > 0 ? seconds * 1e9 / (sweeps * edges) : 0,
            ["cpu_ns_per_edge_sweep"] = sweeps > 0 ? cpuSeconds * 1e9 / (sweeps * edges) : 0,
            ["train_error"] = errors,
            ["bp_accuracy"] = ((MessagePassingRuleSpec)config.Rule).Accuracy == BpAccuracy.Expand ? "expand" : "exact",
            ["threads"] = threads,
            ["lanes"] = KernelLanes.Describe(((MessagePassingRuleSpec)config.Rule).Accuracy, ((MessagePassingRuleSpec)config.Rule).RunsCommitteeEngine(config)),
            ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        };
    }

    /// <summary>Runs the config's rule; returns sweeps run and the mean training error; <paramref name="seconds"/> and
    /// <paramref name="cpuSeconds"/>: wall and process CPU time (all threads) of the learning loop, data generation not counted.</summary>
    private static (int Sweeps, double Error) Learn(RunConfig config, int threads, out double seconds, out double cpuSeconds)
    {
        Dynamics.Learning.ILearningDynamics dynamics = config.IsCommittee
            ? config.Rule.CommitteeDynamics(config, config.Data.CreateCommittee(config.Shape, config.Seed), threads)
            : config.Rule.Dynamics(config, config.Data.Create(config.Model, config.Seed), threads);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var r = dynamics.Learn();
        seconds = clock.Elapsed.TotalSeconds;
        cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (r.StepsRun, r.TrainErrorCounts.Average() / config.P);
    }
}
