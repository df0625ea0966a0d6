using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover bench --rule bp|rbp|fbp</c>: BP sweeps on a storage instance (perceptron or committee), timed over the
/// learning loop (data generation not timed), reported as ns_per_edge_sweep = wall time / (sweeps · edges), edges =
/// M·K·n·P (every edge of every copy; the perceptron M·N·P). First the one-copy line, then (copies &gt; 1) the M-copy line
/// with <c>cost_vs_one_copy</c> = (time per sweep at M) / (M · time per sweep at 1): 1 is linear scaling in copies.
/// </summary>
internal static class BenchMessagePassing
{
    /// <summary>Runs the benchmark for <paramref name="values"/> (flag name → text) and prints its JSON lines.</summary>
    public static int Run(Dictionary<string, string> values, TextWriter stdout)
    {
        var config = RunConfig.FromValues(values);
        MemoryEstimate.Check([config], 1);
        var one = Measure(config with { Copies = 1 });
        stdout.WriteLine(one.ToJsonString());
        if (config.Copies > 1)
        {
            var many = Measure(config);
            many["cost_vs_one_copy"] = (double)many["seconds_per_sweep"]! / (config.Copies * (double)one["seconds_per_sweep"]!);
            stdout.WriteLine(many.ToJsonString());
        }
        return 0;
    }

    private static JsonObject Measure(RunConfig config)
    {
        // Untimed warm-up: two sweeps of the same code on a smaller instance compile the kernels first.
        var tiny = config with { Rule = (MessagePassingRuleSpec)config.Rule with { Iters = 2 }, Data = new Specs.StorageData { Alpha = Math.Min(config.Alpha, 0.1) }, Copies = 1 };
        Learn(tiny, out _);
        var clock = Stopwatch.StartNew();
        var (sweeps, errors) = Learn(config, out double setup);
        double seconds = clock.Elapsed.TotalSeconds - setup;
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
            ["train_error"] = errors,
            ["threads"] = 1,
            ["lanes"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512" : "scalar",
            ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        };
    }

    /// <summary>Runs the config's rule; returns sweeps run and the mean training error; <paramref name="setup"/>: seconds spent generating data.</summary>
    private static (int Sweeps, double Error) Learn(RunConfig config, out double setup)
    {
        var clock = Stopwatch.StartNew();
        if (config.IsCommittee)
        {
            var data = config.Data.CreateCommittee(config.Shape, config.Seed);
            setup = clock.Elapsed.TotalSeconds;
            var r = config.Rule.CommitteeDynamics(config, data).Learn();
            return (r.StepsRun, r.TrainErrorCounts.Average() / config.P);
        }
        var d = config.Data.Create(config.Model, config.Seed);
        setup = clock.Elapsed.TotalSeconds;
        var result = config.Rule.Dynamics(config, d).Learn();
        return (result.StepsRun, result.TrainErrorCounts.Average() / config.P);
    }
}
