using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The durable state of a sweep in its output directory: sweep.json (the config, its hash, every resolved task),
/// tasks/ (one <see cref="TaskRecord"/> per finished task, written to a temp file, fsync'd and renamed into place),
/// shards/ (one marker per finished shard). A sweep killed at any moment leaves only whole records; a resumed or
/// sharded sweep reads them back and runs what is missing.
/// </summary>
public sealed class TaskStore
{
    /// <summary>The manifest of the sweep a directory holds.</summary>
    public const string ManifestFile = "sweep.json";
    /// <summary>Folder of the task records.</summary>
    public const string TasksDir = "tasks";
    /// <summary>Folder of records found corrupt, moved aside (never merged).</summary>
    public const string RejectedDir = "tasks/rejected";
    /// <summary>Folder of the shard markers and shard locks.</summary>
    public const string ShardsDir = "shards";

    private TaskStore(string dir, SweepSpec spec, IReadOnlyList<RunConfig> tasks, string hash, bool trace)
        => (Dir, Spec, Tasks, ConfigHash, Trace) = (dir, spec, tasks, hash, trace);

    /// <summary>The output directory.</summary>
    public string Dir { get; }
    /// <summary>The sweep config.</summary>
    public SweepSpec Spec { get; }
    /// <summary>Every (grid point, seed) of the sweep, in output order.</summary>
    public IReadOnlyList<RunConfig> Tasks { get; }
    /// <summary><see cref="SweepSpec.Hash"/> of <see cref="Tasks"/>.</summary>
    public string ConfigHash { get; }
    /// <summary>Whether trajectories are recorded (<c>--trace</c>); part of what a record must agree on.</summary>
    public bool Trace { get; }

    /// <summary>
    /// Opens <paramref name="dir"/> for the sweep <paramref name="spec"/>: writes sweep.json when absent, else checks
    /// that it holds the same tasks (a different config is a usage error naming --out).
    /// </summary>
    public static TaskStore Open(string dir, SweepSpec spec, IReadOnlyList<RunConfig> tasks, bool trace, TextWriter? log = null)
    {
        var store = new TaskStore(dir, spec, tasks, SweepSpec.Hash(tasks), trace);
        ResultWriter.CreateDirectory(Path.Combine(dir, TasksDir));
        var path = Path.Combine(dir, ManifestFile);
        if (File.Exists(path))
        {
            var (hash, onDisk, commit) = ReadManifestHash(path);
            if (hash != store.ConfigHash || onDisk != trace)
                throw UsageException.Field("out", dir, $"holds a sweep of a different config (hash {hash}{(onDisk ? ", --trace" : "")}; this one is {store.ConfigHash}{(trace ? ", --trace" : "")}); choose a new directory");
            if (commit is not null && commit != Provenance.Commit)
                log?.WriteLine($"mcover: warning: the sweep in {dir} was started by mcover commit {commit}, this is {Provenance.Commit}: resumed rows may come from two versions");
            return store;
        }
        try { AtomicFile.WriteAllText(path, store.ManifestJson()); }
        catch (IOException) when (File.Exists(path)) { return Open(dir, spec, tasks, trace, log); } // another shard wrote it first
        return store;
    }

    /// <summary>Opens the sweep recorded in <paramref name="dir"/>'s sweep.json (for <c>mcover merge</c>).</summary>
    public static TaskStore Load(string dir)
    {
        var path = Path.Combine(dir, ManifestFile);
        if (!File.Exists(path)) throw UsageException.Argument("DIR", dir, $"holds no sweep ({ManifestFile} is missing)");
        JsonObject manifest;
        try { manifest = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException(); }
        catch (Exception e) when (e is JsonException or FormatException) { throw UsageException.Argument("DIR", dir, $"has a corrupt {ManifestFile}"); }
        var spec = SweepSpec.FromJson(manifest["config"]!.ToJsonString(), path);
        var tasks = spec.Expand();
        var store = new TaskStore(dir, spec, tasks, SweepSpec.Hash(tasks), manifest["trace"]?.GetValue<bool>() ?? false);
        if (manifest["config_hash"]?.GetValue<string>() != store.ConfigHash)
            throw UsageException.Argument("DIR", dir, $"{ManifestFile} records hash {manifest["config_hash"]}, its config expands to {store.ConfigHash} (another mcover version?)");
        return store;
    }

    private static (string Hash, bool Trace, string? Commit) ReadManifestHash(string path)
    {
        try
        {
            var m = JsonNode.Parse(File.ReadAllText(path))!;
            return (m["config_hash"]!.GetValue<string>(), m["trace"]?.GetValue<bool>() ?? false, m["git_commit"]?.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw UsageException.Field("out", Path.GetDirectoryName(path)!, $"has a corrupt {ManifestFile}; choose a new directory");
        }
    }

    private string ManifestJson() => new JsonObject
    {
        ["package"] = "MCoverPhysics",
        ["version"] = Provenance.Version,
        ["git_commit"] = Provenance.Commit,
        ["config"] = Spec.ToJson(),
        ["config_hash"] = ConfigHash,
        ["trace"] = Trace,
        ["task_count"] = Tasks.Count,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The file name of task <paramref name="index"/>'s record as written by <paramref name="writer"/> ("local" or "shard-I-of-N").</summary>
    public static string RecordName(int index, string writer) => $"task-{index.ToString("D6", CultureInfo.InvariantCulture)}.{writer}.json";

    /// <summary>Durably records task <paramref name="index"/>: temp file, fsync, rename (a reader sees all of it or nothing).</summary>
    public void Write(int index, PointResult result, string writer)
    {
        var path = Path.Combine(Dir, TasksDir, RecordName(index, writer));
        AtomicFile.Write(path, tmp =>
        {
            WriteFailure.Check(tmp);
            using var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(TaskRecord.ToJson(result, index, ConfigHash)));
            stream.Flush(flushToDisk: true);
        }, overwrite: true);
    }

    /// <summary>
    /// A background writer of this store's records: workers hand over finished tasks and go on computing while one
    /// thread serialises, fsyncs and renames (an fsync costs milliseconds, as long as a small task: done on the
    /// workers, it would serialise them). <see cref="RecordQueue.Complete"/> waits until every record is on disk.
    /// </summary>
    public RecordQueue Queue(string writer) => new(this, writer);

    /// <summary>See <see cref="Queue"/>.</summary>
    public sealed class RecordQueue : IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(int Index, PointResult Result)> _pending = new();
        private readonly Thread _thread;
        private Exception? _failure;

        internal RecordQueue(TaskStore store, string writer)
        {
            _thread = new Thread(() =>
            {
                try
                {
                    foreach (var (index, result) in _pending.GetConsumingEnumerable()) store.Write(index, result, writer);
                }
                catch (Exception e)
                {
                    _failure = e;
                    _pending.CompleteAdding();
                }
            }) { IsBackground = true, Name = "mcover task records" };
            _thread.Start();
        }

        /// <summary>Queues task <paramref name="index"/>'s record; throws if writing an earlier record failed (disk full).</summary>
        public void Add(int index, PointResult result)
        {
            if (_failure is not null || !_pending.TryAdd((index, result))) throw new IOException($"writing a task record failed: {_failure?.Message}", _failure);
        }

        /// <summary>Waits until every queued record is written; rethrows a write failure.</summary>
        public void Complete()
        {
            _pending.CompleteAdding();
            _thread.Join();
            if (_failure is not null) throw new IOException($"writing a task record failed: {_failure.Message}", _failure);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (!_pending.IsAddingCompleted) _pending.CompleteAdding();
            _thread.Join();
            _pending.Dispose();
        }
    }

    /// <summary>What <see cref="Scan"/> found: the valid records by task, and the task indices recorded more than once.</summary>
    /// <param name="Results">A valid result per recorded task.</param>
    /// <param name="Duplicates">Tasks with more than one valid record, with their file names.</param>
    public sealed record ScanResult(IReadOnlyDictionary<int, PointResult> Results, IReadOnlyDictionary<int, IReadOnlyList<string>> Duplicates);

    /// <summary>
    /// Reads every record in tasks/. A record that is truncated, corrupt, of another config or of the wrong task is
    /// reported on <paramref name="log"/> and moved to tasks/rejected/ (so that it is recomputed, never merged).
    /// Leftover temp files of a killed writer are removed. With <paramref name="only"/>, the records of other tasks
    /// (other shards, possibly still being written on other hosts) are not touched.
    /// </summary>
    public ScanResult Scan(TextWriter log, Func<int, bool>? only = null)
    {
        var results = new Dictionary<int, PointResult>();
        var files = new Dictionary<int, List<string>>();
        var dir = Path.Combine(Dir, TasksDir);
        foreach (var path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            int named = NamedTask(name.TrimStart('.'));
            if (named < 0 || (only is not null && !only(named))) continue;
            if (name.StartsWith('.'))
            {
                // A writer killed between write and rename leaves a temp file; its PID can be checked on this host only. A local sweep
                // holds DIR's claim, so its dead writer's temp files go at once; a shard may be writing on another node right now,
                // so a shard's temp file goes only once untouched for the claims' stale time.
                if (name.EndsWith(".tmp", StringComparison.Ordinal) && IsStaleTemp(name)
                    && (!name.Contains(".shard-", StringComparison.Ordinal) || DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > ProcessLock.StaleAfter))
                    File.Delete(path);
                continue;
            }
            if (!name.EndsWith(".json", StringComparison.Ordinal)) continue;
            try
            {
                var (index, result) = TaskRecord.Read(File.ReadAllText(path), Tasks, ConfigHash);
                if (index != named)
                    throw new FormatException($"holds task {index}, not the task its name says");
                results[index] = result;
                if (!files.TryGetValue(index, out var list)) files[index] = list = [];
                list.Add(name);
            }
            catch (FormatException e)
            {
                Reject(path, log, e.Message);
            }
        }
        return new ScanResult(results, files.Where(kv => kv.Value.Count > 1).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value));
    }

    private void Reject(string path, TextWriter log, string why)
    {
        var rejected = Path.Combine(Dir, RejectedDir);
        Directory.CreateDirectory(rejected);
        var target = Path.Combine(rejected, $"{Path.GetFileName(path)}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}");
        File.Move(path, target, overwrite: true);
        log.WriteLine($"mcover: warning: task record {Path.GetFileName(path)} is rejected: {why}; moved to {Path.GetRelativePath(Dir, target)}, the task is recomputed");
    }

    /// <summary>The task index in a record's name "task-000012.WRITER.json", or −1.</summary>
    private static int NamedTask(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return name.StartsWith("task-", StringComparison.Ordinal) && dot > 5
            && int.TryParse(name.AsSpan(5, dot - 5), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : -1;
    }

    /// <summary>A temp file ".NAME.PID.tmp" whose writing process is gone.</summary>
    private static bool IsStaleTemp(string name)
    {
        var parts = name.Split('.');
        return parts.Length >= 3 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !ProcessLock.IsAlive(pid);
    }

    /// <summary>Writes the marker of a finished shard: which tasks it ran and where.</summary>
    public void WriteShardMarker(Shard shard, IReadOnlyList<int> indices, double seconds)
    {
        ResultWriter.CreateDirectory(Path.Combine(Dir, ShardsDir));
        var json = new JsonObject
        {
            ["shard"] = shard.ToString(),
            ["config_hash"] = ConfigHash,
            ["tasks"] = new JsonArray(indices.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
            ["host"] = Environment.MachineName,
            ["finished_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["wall_seconds"] = seconds,
            ["version"] = Provenance.Version,
            ["git_commit"] = Provenance.Commit,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.Write(Path.Combine(Dir, ShardsDir, $"{shard.Name}.json"), tmp => File.WriteAllText(tmp, json), overwrite: true);
    }

    /// <summary>The shard counts N of the markers in shards/ (a directory sharded two ways is an error at merge).</summary>
    public IReadOnlyList<int> ShardCounts()
    {
        var dir = Path.Combine(Dir, ShardsDir);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "shard-*-of-*.*")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split("-of-")[^1])
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1)
            .Where(n => n > 0).Distinct().Order().ToList();
    }
}
