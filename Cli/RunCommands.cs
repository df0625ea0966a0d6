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
            var option = p.Alias is null ? new Option<string?>("--" + p.Name) : new Option<string?>("--" + p.Name, "--" + p.Alias);
            option.Description = $"{p.Help}{choices} [default: {p.Default}]";
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

    private static Option<bool> TraceOption() => new("--trace") { Description = "also write trajectory.csv: training error and diversity 1 − q after every step (the column epoch: the epoch; amp/rbp: the iteration; mc/sa/pt: the sweep)" };

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
            "run a parameter grid over seeds: a JSON config (keys = run's flag names + seeds; a list sweeps), flags override it. " +
            "Every finished task is recorded in --out/tasks/ as it finishes; rerunning the same sweep into the same --out resumes it");
        var options = ParameterOptions(command);
        var config = new Option<string?>("--config") { Description = "sweep config file (flat JSON object)" };
        var preset = new Option<string?>("--preset") { Description = $"embedded config: {string.Join(", ", Presets.All.Keys)}" };
        var seeds = new Option<string?>("--seeds") { Description = "seed count (seeds seed, seed+1, …) or a list \"3,7,11\"" };
        var shard = new Option<string?>("--shard")
        {
            Description = "I/N: run only part I (0 … N−1) of a cost-balanced partition of the tasks into N, recording them in --out " +
                "(shared by all parts); `mcover merge DIR` writes the results once all parts are done",
        };
        var threads = ThreadsOption();
        var @out = OutOption();
        var quiet = QuietOption();
        var trace = TraceOption();
        foreach (var o in new Option[] { config, preset, seeds, shard, threads, @out, quiet, trace }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var spec = ReadSpec(parse.GetValue(config), parse.GetValue(preset));
            spec.With(Given(parse, options), parse.GetValue(seeds));
            var part = parse.GetValue(shard) is { } text ? Shard.Parse(text) : (Shard?)null;
            return Execute("sweep", spec, parse.GetValue(threads), parse.GetValue(@out)!, parse.GetValue(quiet), parse.GetValue(trace), stdout, stderr, part);
        });
        return command;
    }

    /// <summary>The sweep of <c>--config FILE</c> or <c>--preset NAME</c> (neither: every parameter at its default).</summary>
    internal static SweepSpec ReadSpec(string? configPath, string? presetName)
    {
        if (configPath is not null && presetName is not null) throw new UsageException("give --config or --preset, not both");
        if (presetName is not null) return SweepSpec.FromJson(Presets.Get(presetName), $"preset '{presetName}'");
        if (configPath is null) return new SweepSpec();
        if (!File.Exists(configPath)) throw UsageException.Field("config", configPath, "does not exist");
        return SweepSpec.FromJson(File.ReadAllText(configPath), configPath);
    }

    public static Command Merge(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("merge",
            "merge the task records of a sharded sweep (mcover sweep --shard I/N, mcover slurm) in DIR into points.csv, summary.csv, " +
            "q_matrix.csv, run.json: the files a single-machine sweep writes. Refuses (exit 2) when tasks are missing or recorded twice");
        var dir = new Argument<string>("DIR") { Description = "the --out directory shared by the shards" };
        command.Arguments.Add(dir);
        command.SetAction(parse => MergeShards(parse.GetValue(dir)!, stdout, stderr));
        return command;
    }

    private static Dictionary<string, string> Given(ParseResult parse, Dictionary<Parameter, Option<string?>> options)
        => options.Where(kv => parse.GetValue(kv.Value) is not null).ToDictionary(kv => kv.Key.Name, kv => parse.GetValue(kv.Value)!);

    /// <summary>Runs the sweep; a write that fails once it runs (a full disk) is one line and exit 1: the records saved resume.</summary>
    private static int Execute(string command, SweepSpec spec, int threads, string outDir, bool quiet, bool trace, TextWriter stdout, TextWriter stderr, Shard? shard = null)
    {
        int total = 0;
        try
        {
            return RunTasks(command, spec, threads, outDir, quiet, trace, stdout, stderr, shard, n => total = n);
        }
        catch (Exception e) when (e is not UsageException && WriteFailure.Find(e) is { } io)
        {
            stderr.WriteLine(WriteFailure.Line(io, outDir, total));
            return 1;
        }
    }

    private static int RunTasks(string command, SweepSpec spec, int threads, string outDir, bool quiet, bool trace, TextWriter stdout, TextWriter stderr, Shard? shard,
        Action<int> expanded)
    {
        if (threads < 1) throw UsageException.Field("threads", threads.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        var tasks = spec.Expand(); // validates every point before anything runs or is written
        expanded(tasks.Count);
        MemoryEstimate.Check(tasks, threads, trace); // before the directory exists: a run that cannot fit leaves nothing
        ResultWriter.CheckFresh(outDir, [ResultWriter.FinishedMarker], "a run");
        ResultWriter.CreateDirectory(outDir);
        ResultWriter.CheckWritable(outDir);
        var started = DateTime.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // One claim per writer: the directory for a whole sweep, shards/shard-I-of-N.lock for a shard (shards share DIR).
        string lockPath = shard is { } s0 ? Path.Combine(outDir, TaskStore.ShardsDir, $"{s0.Name}.lock") : Path.Combine(outDir, ResultWriter.LockFile);
        if (shard is not null) ResultWriter.CreateDirectory(Path.Combine(outDir, TaskStore.ShardsDir));
        IReadOnlyList<PointResult> results;
        using (ProcessLock.Acquire(lockPath, "--out", outDir, stderr))
        {
            RefuseOtherWriters(outDir, shard, lockPath);
            var store = TaskStore.Open(outDir, spec, tasks, trace, stderr);
            IReadOnlyList<int> mine = Enumerable.Range(0, tasks.Count).ToList();
            if (shard is { } s)
            {
                if (store.ShardCounts().FirstOrDefault(n => n != s.Count) is > 0 and var other)
                    throw UsageException.Field("shard", s.ToString(), $"splits into {s.Count}, but {outDir} already holds shards of a split into {other}; use --shard I/{other} or a new --out");
                mine = SweepPlan.Select(tasks, s);
            }
            var set = mine.ToHashSet();
            var scan = store.Scan(stderr, set.Contains);
            if (scan.Duplicates.Count > 0) throw Duplicates("--out", outDir, store, scan);
            var todo = mine.Where(i => !scan.Results.ContainsKey(i)).ToList();
            string what = shard is { } s1 ? $"shard {s1} ({mine.Count} of {tasks.Count} tasks)" : $"{tasks.Count} tasks";
            if (scan.Results.Count > 0) stderr.WriteLine($"mcover: resuming: {scan.Results.Count} of {mine.Count} tasks done ({what}, config {store.ConfigHash}); running the {todo.Count} missing");
            string writer = shard?.Name ?? "local";
            IReadOnlyList<PointResult> fresh;
            using (var records = store.Queue(writer))
            {
                using (var progress = SweepProgress.For(todo.Select(i => tasks[i]).ToList(), quiet, $"{command}: {todo.Count} tasks of {what}"))
                    fresh = SweepRunner.RunSome(tasks, todo, threads, progress, trace, records.Add);
                records.Complete();
            }
            if (shard is { } s2)
            {
                store.WriteShardMarker(s2, mine, clock.Elapsed.TotalSeconds);
                stdout.WriteLine($"shard {s2}: {todo.Count} tasks run, {scan.Results.Count} were done ({mine.Count} of {tasks.Count} tasks, " +
                    $"{clock.Elapsed.TotalSeconds:F1} s); records in {Path.Combine(outDir, TaskStore.TasksDir)}; when every shard is done: mcover merge {outDir}");
                return 0;
            }
            var all = new PointResult[tasks.Count];
            foreach (var (i, r) in scan.Results) all[i] = r;
            for (int k = 0; k < todo.Count; k++) all[todo[k]] = fresh[k];
            results = all;
            WriteResults(outDir, ResultWriter.RunJson(command, spec, tasks, threads, started, clock.Elapsed.TotalSeconds), results);
        }
        Report(outDir, results, tasks.Count, clock.Elapsed.TotalSeconds, stdout, stderr);
        return 0;
    }

    /// <summary>
    /// A plain sweep and shards, or shards of two splits, would compute the same tasks twice into one DIR: each writer,
    /// holding its own claim, refuses while a claim of the other kind is live.
    /// </summary>
    private static void RefuseOtherWriters(string outDir, Shard? shard, string ownLock)
    {
        string plain = Path.Combine(outDir, ResultWriter.LockFile), shards = Path.Combine(outDir, TaskStore.ShardsDir);
        if (shard is not null && ProcessLock.IsHeld(plain))
            throw UsageException.Field("out", outDir, $"is being written by a plain sweep ({ResultWriter.LockFile}); shards and a plain sweep cannot share a directory at once");
        if (!Directory.Exists(shards)) return;
        foreach (var other in Directory.EnumerateFiles(shards, "shard-*-of-*.lock"))
        {
            if (Path.GetFullPath(other) == Path.GetFullPath(ownLock) || !ProcessLock.IsHeld(other)) continue;
            string name = Path.GetFileNameWithoutExtension(other);
            if (shard is null)
                throw UsageException.Field("out", outDir, $"is being written by {name}; a plain sweep cannot share a directory with running shards");
            if (!name.EndsWith($"-of-{shard.Value.Count}", StringComparison.Ordinal))
                throw UsageException.Field("shard", shard.Value.ToString(), $"splits into {shard.Value.Count}, but {name} of another split is running in {outDir}; use one split per directory");
        }
    }

    private static int MergeShards(string dir, TextWriter stdout, TextWriter stderr)
    {
        ResultWriter.CheckFresh(dir, [ResultWriter.FinishedMarker], "merged results", "DIR");
        if (!Directory.Exists(dir)) throw UsageException.Argument("DIR", dir, "does not exist");
        ResultWriter.CheckWritable(dir, "DIR");
        var started = DateTime.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lockPath = Path.Combine(dir, ResultWriter.LockFile);
        IReadOnlyList<PointResult> results;
        using (ProcessLock.Acquire(lockPath, "DIR", dir, stderr))
        {
            var store = TaskStore.Load(dir);
            var counts = store.ShardCounts();
            if (counts.Count > 1) throw UsageException.Argument("DIR", dir, $"holds shards of splits into {string.Join(" and ", counts)}; merge needs one split");
            var scan = store.Scan(stderr);
            if (scan.Duplicates.Count > 0) throw Duplicates("DIR", dir, store, scan);
            var missing = Enumerable.Range(0, store.Tasks.Count).Where(i => !scan.Results.ContainsKey(i)).ToList();
            if (missing.Count > 0)
            {
                var owner = counts.Count == 1 ? OwnerOf(store.Tasks, counts[0]) : null;
                var listed = missing.Take(5).Select(i => owner is null ? $"task {i}" : $"task {i} (shard {owner[i]}/{counts[0]})");
                throw UsageException.Argument("DIR", dir, $"misses {missing.Count} of {store.Tasks.Count} tasks: {string.Join(", ", listed)}{(missing.Count > 5 ? ", …" : "")}; " +
                    "rerun those shards (mcover sweep --shard I/N resumes) and merge again");
            }
            results = Enumerable.Range(0, store.Tasks.Count).Select(i => scan.Results[i]).ToList();
            WriteResults(dir, ResultWriter.RunJson("merge", store.Spec, store.Tasks, 1, started, clock.Elapsed.TotalSeconds), results);
        }
        Report(dir, results, results.Count, clock.Elapsed.TotalSeconds, stdout, stderr);
        return 0;
    }

    /// <summary>The shard (of <paramref name="count"/>) that runs each task.</summary>
    private static int[] OwnerOf(IReadOnlyList<RunConfig> tasks, int count)
    {
        var owner = new int[tasks.Count];
        var parts = SweepPlan.Partition(tasks.Select(SweepPlan.Cost).ToList(), count);
        for (int s = 0; s < parts.Count; s++)
            foreach (int i in parts[s]) owner[i] = s;
        return owner;
    }

    private static UsageException Duplicates(string name, string dir, TaskStore store, TaskStore.ScanResult scan)
    {
        var (i, files) = scan.Duplicates.OrderBy(kv => kv.Key).First();
        var point = string.Join(" ", store.Tasks[i].ToValues().Where(kv => kv.Key is "rule" or "n" or "alpha" or "copies" or "kernel" or "seed").Select(kv => $"{kv.Key}={kv.Value}"));
        return UsageException.Named(name, dir, $"records {scan.Duplicates.Count} task(s) more than once, e.g. task {i} ({point}) in {string.Join(" and ", files)}; " +
            "shards of different splits or copied records? remove the extra records");
    }

    private static void WriteResults(string outDir, string runJson, IReadOnlyList<PointResult> results) => ResultWriter.WriteAll(outDir, results, runJson, () =>
    {
        if (MonteCarloReport.Applies(results))
            AtomicFile.WriteAllText(Path.Combine(outDir, MonteCarloReport.File), MonteCarloReport.Markdown(results, "mcover sweep (config in run.json)"), overwrite: true);
        if (CommitteeMpReport.Applies(results))
            AtomicFile.WriteAllText(Path.Combine(outDir, CommitteeMpReport.File), CommitteeMpReport.Markdown(results, "mcover sweep (config in run.json)"), overwrite: true);
        if (CommitteeAmpReport.Applies(results))
            AtomicFile.WriteAllText(Path.Combine(outDir, CommitteeAmpReport.File), CommitteeAmpReport.Markdown(results, "mcover sweep (config in run.json)"), overwrite: true);
        if (MethodReport.Applies(results))
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.md"), MethodReport.Markdown(results, "One student, independent copies, couplings and M-cover lifts"), overwrite: true);
            MethodReport.Plot(results, Path.Combine(outDir, "comparison.png"));
        }
        else if (ComparisonReport.Applies(results))
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.md"), ComparisonReport.Markdown(results, "M-cover lifts against independent copies"), overwrite: true);
            ComparisonReport.Plot(results, Path.Combine(outDir, "comparison.png"));
        }
    });

    private static void Report(string outDir, IReadOnlyList<PointResult> results, int taskCount, double seconds, TextWriter stdout, TextWriter stderr)
    {
        SummaryTable.Write(stdout, results);
        foreach (var r in results.Where(r => r.ConvergedCopies < r.Config.Copies)) // NaN (online rules) compares false
            stderr.WriteLine($"mcover: warning: {r.Config.Rule.Name} did not converge in {r.Config.Rule.BudgetText} for {r.Config.Copies - (int)r.ConvergedCopies} of {r.Config.Copies} copies " +
                $"at alpha={r.Config.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, seed={r.Config.Seed} (column converged)");
        var written = ResultWriter.Files.Where(f => File.Exists(Path.Combine(outDir, f)));
        stdout.WriteLine($"wrote {string.Join(", ", written.Select(f => Path.Combine(outDir, f)))} ({taskCount} tasks, {seconds:F1} s)");
    }
}
