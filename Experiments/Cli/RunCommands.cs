using System.CommandLine;
using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Cli;

/// <summary><c>mcover run</c> (one grid point, one seed) and <c>mcover sweep</c> (a grid over seeds).</summary>
internal static class RunCommands
{
    private static Dictionary<Parameter, Option<string?>> ParameterOptions(Command command)
    {
        var options = new Dictionary<Parameter, Option<string?>>();
        foreach (var p in Parameters.All)
        {
            var choices = p.Choices is null ? "" : $" ({string.Join("|", p.Choices)})";
            var option = new Option<string?>("--" + p.Name) { Description = $"{p.Help}{choices} [default: {p.Default}]" };
            command.Options.Add(option);
            options[p] = option;
        }
        return options;
    }

    private static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "worker threads (≥ 1), all cores by default; results never depend on it",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private static Option<string> OutOption() => new("--out") { Description = "output directory without a previous run: points.csv, summary.csv, run.json", Required = true };

    private static Option<bool> QuietOption() => new("--quiet") { Description = "no progress output" };

    private static Option<bool> TraceOption() => new("--trace") { Description = "also write trajectory.csv: training error and diversity 1 − q after every epoch" };

    public static Command Run(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("run", "train M copies at one parameter point and one seed; writes points.csv, summary.csv, run.json");
        var options = ParameterOptions(command);
        var threads = ThreadsOption();
        var @out = OutOption();
        var quiet = QuietOption();
        var trace = TraceOption();
        command.Options.Add(threads);
        command.Options.Add(@out);
        command.Options.Add(quiet);
        command.Options.Add(trace);
        command.SetAction(parse =>
        {
            var values = Given(parse, options);
            foreach (var (name, text) in values)
                if (Parameters.Find(name)!.Expand(text).Count != 1)
                    throw UsageException.Field(name, text, "is a list; mcover run takes one value (use mcover sweep)");
            return Execute("run", new SweepSpec().With(values, null), parse.GetValue(threads), parse.GetValue(@out)!, parse.GetValue(quiet), parse.GetValue(trace), stdout, stderr);
        });
        return command;
    }

    public static Command Sweep(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("sweep",
            "run a parameter grid over seeds: a JSON config (keys = run's flag names + seeds; a list sweeps), flags override it");
        var options = ParameterOptions(command);
        var config = new Option<string?>("--config") { Description = "sweep config file (flat JSON object)" };
        var preset = new Option<string?>("--preset") { Description = $"embedded config: {string.Join(", ", Presets.All.Keys)}" };
        var seeds = new Option<string?>("--seeds") { Description = "seed count (seeds seed, seed+1, …) or a list \"3,7,11\"" };
        var threads = ThreadsOption();
        var @out = OutOption();
        var quiet = QuietOption();
        var trace = TraceOption();
        foreach (var o in new Option[] { config, preset, seeds, threads, @out, quiet, trace }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var configPath = parse.GetValue(config);
            var presetName = parse.GetValue(preset);
            if (configPath is not null && presetName is not null) throw new UsageException("give --config or --preset, not both");
            SweepSpec spec;
            if (presetName is not null) spec = SweepSpec.FromJson(Presets.Get(presetName), $"preset '{presetName}'");
            else if (configPath is not null)
            {
                if (!File.Exists(configPath)) throw UsageException.Field("config", configPath, "does not exist");
                spec = SweepSpec.FromJson(File.ReadAllText(configPath), configPath);
            }
            else spec = new SweepSpec();
            spec.With(Given(parse, options), parse.GetValue(seeds));
            return Execute("sweep", spec, parse.GetValue(threads), parse.GetValue(@out)!, parse.GetValue(quiet), parse.GetValue(trace), stdout, stderr);
        });
        return command;
    }

    private static Dictionary<string, string> Given(ParseResult parse, Dictionary<Parameter, Option<string?>> options)
        => options.Where(kv => parse.GetValue(kv.Value) is not null).ToDictionary(kv => kv.Key.Name, kv => parse.GetValue(kv.Value)!);

    private static int Execute(string command, SweepSpec spec, int threads, string outDir, bool quiet, bool trace, TextWriter stdout, TextWriter stderr)
    {
        if (threads < 1) throw UsageException.Field("threads", threads.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        var tasks = spec.Expand(); // validates every point before anything runs or is written
        if (trace && tasks.FirstOrDefault(t => t.IsMessagePassing || t.IsMonteCarlo) is { } mp)
            throw UsageException.Field("trace", "on", $"records epochs of the online rules; rule {mp.Rule} has {(mp.IsMonteCarlo ? "sweeps" : "iterations")}, not epochs");
        ResultWriter.PrepareDirectory(outDir);
        IReadOnlyList<PointResult> results;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var started = DateTime.UtcNow;
            using (var progress = SweepProgress.For(tasks.Count, quiet))
                results = SweepRunner.Run(tasks, threads, progress, trace);
            ResultWriter.WriteAll(outDir, results, ResultWriter.RunJson(command, spec, tasks, threads, started, clock.Elapsed.TotalSeconds));
            if (MonteCarloReport.Applies(results))
                AtomicFile.WriteAllText(Path.Combine(outDir, MonteCarloReport.File), MonteCarloReport.Markdown(results, $"mcover {command} (config in run.json)"));
            if (MethodReport.Applies(results))
            {
                AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.md"), MethodReport.Markdown(results, "One student, independent copies, couplings and M-cover lifts"));
                MethodReport.Plot(results, Path.Combine(outDir, "comparison.png"));
            }
            else if (ComparisonReport.Applies(results))
            {
                AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.md"), ComparisonReport.Markdown(results, "M-cover lifts against independent copies"));
                ComparisonReport.Plot(results, Path.Combine(outDir, "comparison.png"));
            }
        }
        finally
        {
            ResultWriter.Release(outDir);
        }
        SummaryTable.Write(stdout, results);
        foreach (var r in results.Where(r => r.ConvergedCopies < r.Config.Copies)) // NaN (online rules) compares false
            stderr.WriteLine($"mcover: warning: {r.Config.Rule} did not converge in {r.Config.Iters} iterations for {r.Config.Copies - (int)r.ConvergedCopies} of {r.Config.Copies} copies " +
                $"at alpha={r.Config.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, seed={r.Config.Seed} (column converged)");
        var written = ResultWriter.Files.Where(f => File.Exists(Path.Combine(outDir, f)));
        stdout.WriteLine($"wrote {string.Join(", ", written.Select(f => Path.Combine(outDir, f)))} ({tasks.Count} tasks, {clock.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }
}
