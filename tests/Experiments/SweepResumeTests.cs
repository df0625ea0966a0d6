using System.Diagnostics;
using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>Crash-safe sweeps: task records, resume after kill -9, corrupt records, stale and live claims.</summary>
[TestClass]
public sealed class SweepResumeTests
{
    /// <summary>A small traced sweep of many tasks (32 × ~60 ms): long enough to be killed part-way.</summary>
    internal static readonly string[] Sweep = ["sweep", "--n", "301", "--alpha", "0.6,1.2", "--copies", "3", "--epochs", "1000", "--stop", "budget", "--seeds", "16", "--trace"];

    internal static string[] Args(string dir, int threads, params string[] more)
        => [.. Sweep, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", dir, "--quiet", .. more];

    /// <summary>Every result file of a run with the wall-time column <c>seconds</c> blanked (the only column that may differ).</summary>
    internal static Dictionary<string, string> Results(string dir)
    {
        var files = new Dictionary<string, string>();
        foreach (var name in new[] { "points.csv", "summary.csv", "q_matrix.csv", "trajectory.csv" })
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path)) continue;
            var lines = File.ReadAllLines(path);
            int col = Cli.SplitCsv(lines[0]).IndexOf("seconds");
            files[name] = string.Join("\n", lines.Select((l, k) =>
            {
                if (col < 0) return l;
                var cells = Cli.SplitCsv(l);
                if (k > 0) cells[col] = "";
                return string.Join(",", cells.Select(ResultWriter.Csv));
            }));
        }
        return files;
    }

    internal static void AssertSameResults(string expectedDir, string actualDir)
    {
        var expected = Results(expectedDir);
        var actual = Results(actualDir);
        CollectionAssert.AreEquivalent(expected.Keys.ToList(), actual.Keys.ToList());
        foreach (var (name, text) in expected) Assert.AreEqual(text, actual[name], $"{name} differs");
    }

    [TestMethod]
    public void ARecordRoundTripsEveryFieldOfAPointResultBitForBit()
    {
        // Methods whose parameters differ are a config list (epochs applies to cpr, not to amp).
        var tasks = SweepSpec.FromJson("""[{"n": 63, "alpha": 0.8, "copies": 3, "epochs": 20, "rule": "cpr"}, {"n": 63, "alpha": 0.8, "copies": 3, "rule": "amp"}]""", "test")
            .With(new Dictionary<string, string>(), "1").Expand();
        var online = PointRunner.Run(tasks[0], trace: true);
        var amp = PointRunner.Run(tasks[1]);
        Assert.IsNotEmpty(online.Trajectory);
        Assert.IsFalse(double.IsNaN(amp.EpsPosterior), "amp carries posterior columns");
        foreach (var (r, i) in new[] { (online, 0), (amp, 1) })
        {
            var json = TaskRecord.ToJson(r, i, "abc");
            var (index, back) = TaskRecord.Read(json, tasks, "abc");
            Assert.AreEqual(i, index);
            Assert.AreSame(tasks[i], back.Config);
            Assert.AreEqual(r.EpochsRun, back.EpochsRun);
            Assert.AreEqual(r.SolvedCopies, back.SolvedCopies);
            foreach (var (x, y) in new[] { (r.Seconds, back.Seconds), (r.RoutedTrainError, back.RoutedTrainError), (r.EpochFirstSolved, back.EpochFirstSolved),
                (r.OverlapPosteriorMean, back.OverlapPosteriorMean), (r.EpsPosterior, back.EpsPosterior), (r.ConvergedCopies, back.ConvergedCopies),
                (r.Observables.ConsensusOverlapR, back.Observables.ConsensusOverlapR) })
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(y));
            AssertDeepEqual(r, back, nameof(PointResult)); // every public property, so a field added to PointResult but not to the record fails here
            CollectionAssert.AreEqual(r.Observables.Copies, back.Observables.Copies); // records: value equality, NaN equal to NaN
            CollectionAssert.AreEqual(r.Observables.Q, back.Observables.Q);
            CollectionAssert.AreEqual(r.Trajectory.ToList(), back.Trajectory.ToList());
            Assert.AreEqual(ResultWriter.PointsCsv([r]), ResultWriter.PointsCsv([back]));
            Assert.AreEqual(ResultWriter.QMatrixCsv([r]), ResultWriter.QMatrixCsv([back]));
            Assert.AreEqual(ResultWriter.TrajectoryCsv([r]), ResultWriter.TrajectoryCsv([back]));
            Assert.AreEqual(json, TaskRecord.ToJson(back, i, "abc"), "writing the read record gives the same bytes");
        }
    }

    /// <summary>Compares every public property recursively: doubles bit for bit, sequences element by element.</summary>
    private static void AssertDeepEqual(object? x, object? y, string path, int depth = 0)
    {
        Assert.IsLessThan(8, depth, path);
        switch (x)
        {
            case null: Assert.IsNull(y, path); return;
            case double d: Assert.AreEqual(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)y!), path); return;
            case string or bool or int or long or ulong or Enum or RunConfig: Assert.AreEqual(x, y, path); return;
            case System.Collections.IEnumerable xs:
                var a = xs.Cast<object?>().ToList();
                var b = ((System.Collections.IEnumerable)y!).Cast<object?>().ToList();
                Assert.HasCount(a.Count, b, path);
                for (int i = 0; i < a.Count; i++) AssertDeepEqual(a[i], b[i], $"{path}[{i}]", depth + 1);
                return;
        }
        foreach (var p in x.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            AssertDeepEqual(p.GetValue(x), p.GetValue(y), $"{path}.{p.Name}", depth + 1);
    }

    [TestMethod]
    [DataRow("truncated")]
    [DataRow("bitflip")]
    [DataRow("hash")]
    [DataRow("task")]
    public void ADamagedRecordIsRejectedByTheReader(string damage)
    {
        var tasks = new SweepSpec().With(new Dictionary<string, string> { ["n"] = "63", ["alpha"] = "0.8", ["copies"] = "2", ["epochs"] = "10" }, "2").Expand();
        var json = TaskRecord.ToJson(PointRunner.Run(tasks[0]), 0, "abc");
        var bad = damage switch
        {
            "truncated" => json[..(json.Length / 2)],
            "bitflip" => json.Replace("\"epochs_run\":", "\"epochs_run\":1"), // a changed value: checksum mismatch
            "hash" => TaskRecord.ToJson(PointRunner.Run(tasks[0]), 0, "other"),
            _ => TaskRecord.ToJson(PointRunner.Run(tasks[0]), 1, "abc"), // claims task 1 with task 0's parameters
        };
        Assert.ThrowsExactly<FormatException>(() => TaskRecord.Read(bad, tasks, "abc"));
    }

    [TestMethod]
    public void ASweepKilledWithSigkillResumesAndEqualsAnUninterruptedRun()
    {
        var reference = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover(Args(reference, 2)).Code);
        var dir = Cli.TempDir();
        var mcover = typeof(MCoverPhysics.Experiments.Cli.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { mcover }.Concat(Args(dir, 1))) start.ArgumentList.Add(a);
        using (var child = Process.Start(start)!)
        {
            var tasksDir = Path.Combine(dir, TaskStore.TasksDir);
            var clock = Stopwatch.StartNew();
            while (!child.HasExited && (!Directory.Exists(tasksDir) || Directory.GetFiles(tasksDir, "task-*.json").Length < 3) && clock.Elapsed.TotalSeconds < 60)
                Thread.Sleep(2);
            Assert.IsFalse(child.HasExited, "the child must still be running when it is killed");
            child.Kill(); // SIGKILL: no finally blocks, no flush
            child.WaitForExit();
        }
        int recorded = Directory.GetFiles(Path.Combine(dir, TaskStore.TasksDir), "task-*.json").Length;
        Assert.IsTrue(recorded is >= 3 and < 32, $"killed part-way ({recorded} of 32 recorded)");
        Assert.IsTrue(File.Exists(Path.Combine(dir, ResultWriter.LockFile)), "the killed run left its claim behind");
        Assert.IsFalse(File.Exists(Path.Combine(dir, "points.csv")));

        var (code, _, err) = Cli.Mcover(Args(dir, 2));
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, "was stale; taking over");
        StringAssert.Matches(err, new System.Text.RegularExpressions.Regex(@"resuming: \d+ of 32 tasks done"));
        int resumedFrom = int.Parse(System.Text.RegularExpressions.Regex.Match(err, @"resuming: (\d+) of").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.IsTrue(resumedFrom >= recorded, "every record written before the kill is used");
        AssertSameResults(reference, dir);
        Assert.IsFalse(File.Exists(Path.Combine(dir, ResultWriter.LockFile)), "released");
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(dir, TaskStore.TasksDir), ".*"), "no temp files left");
        Directory.Delete(reference, true);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void CorruptAndTruncatedRecordsAreReportedMovedAsideAndRecomputed()
    {
        string[] sweep = ["sweep", "--n", "101", "--alpha", "0.5,1", "--copies", "3", "--epochs", "40", "--seeds", "3", "--threads", "1", "--quiet"];
        var reference = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover([.. sweep, "--out", reference]).Code);
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover([.. sweep, "--out", dir]).Code);
        foreach (var f in ResultWriter.Files) File.Delete(Path.Combine(dir, f)); // an unfinished sweep: records only
        var tasks = Path.Combine(dir, TaskStore.TasksDir);
        var truncated = Path.Combine(tasks, TaskStore.RecordName(1, "local"));
        File.WriteAllText(truncated, File.ReadAllText(truncated)[..100]);
        var flipped = Path.Combine(tasks, TaskStore.RecordName(4, "local"));
        var text = File.ReadAllText(flipped);
        int at = text.IndexOf("\"eps_g\":0.", StringComparison.Ordinal) + 10;
        File.WriteAllText(flipped, text[..at] + (text[at] == '9' ? '1' : '9') + text[(at + 1)..]); // one digit of ε_g changed
        File.Delete(Path.Combine(tasks, TaskStore.RecordName(5, "local")));

        var (code, _, err) = Cli.Mcover([.. sweep, "--out", dir]);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, "task record task-000001.local.json is rejected: not valid JSON");
        StringAssert.Contains(err, "task record task-000004.local.json is rejected: checksum mismatch");
        StringAssert.Contains(err, "resuming: 3 of 6 tasks done");
        Assert.HasCount(2, Directory.GetFiles(Path.Combine(dir, TaskStore.RejectedDir)));
        AssertSameResults(reference, dir);
        Directory.Delete(reference, true);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void ADirectoryOfAnotherConfigIsRefusedNamingOut()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--seeds", "2", "--out", dir, "--quiet").Code);
        foreach (var f in ResultWriter.Files) File.Delete(Path.Combine(dir, f)); // as if killed before writing the results
        var (code, _, err) = Cli.Mcover("sweep", "--n", "51", "--alpha", "0.7", "--copies", "2", "--epochs", "5", "--seeds", "2", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        StringAssert.StartsWith(err, $"mcover: --out '{dir}' holds a sweep of a different config");
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        var (again, _, err2) = Cli.Mcover("sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--seeds", "2", "--trace", "--out", dir, "--quiet");
        Assert.AreEqual(2, again, "--trace changes what a record holds");
        StringAssert.Contains(err2, "different config");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void AFinishedRunIsStillRefused()
    {
        var dir = Cli.TempDir();
        string[] args = ["sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--seeds", "2", "--out", dir, "--quiet"];
        Assert.AreEqual(0, Cli.Mcover(args).Code);
        var (code, _, err) = Cli.Mcover(args);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "already holds a run (run.json)");
        Directory.Delete(dir, true);
    }

    /// <summary>A run killed while writing its result files (run.json, written last, missing) is resumed and finished, not refused.</summary>
    [TestMethod]
    public void ARunKilledWhileWritingItsResultsIsFinishedOnRerun()
    {
        var dir = Cli.TempDir();
        string[] args = ["sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--seeds", "2", "--out", dir, "--quiet"];
        Assert.AreEqual(0, Cli.Mcover(args).Code);
        var points = File.ReadAllText(Path.Combine(dir, "points.csv"));
        File.Delete(Path.Combine(dir, "run.json"));
        File.WriteAllText(Path.Combine(dir, "summary.csv"), "trunc");
        var (code, _, err) = Cli.Mcover(args);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, "resuming: 2 of 2 tasks done");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "run.json")));
        Assert.AreNotEqual("trunc", File.ReadAllText(Path.Combine(dir, "summary.csv")));
        static string WithoutSeconds(string csv) => string.Join('\n', csv.Split('\n').Select(l => string.Join(',', Cli.SplitCsv(l).Where((_, i) => i != Cli.SplitCsv(csv.Split('\n')[0]).IndexOf("seconds")))));
        Assert.AreEqual(WithoutSeconds(points), WithoutSeconds(File.ReadAllText(Path.Combine(dir, "points.csv"))));
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void AStaleClaimIsTakenOverAndALiveOneRefuses()
    {
        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        dead.WaitForExit();
        File.WriteAllText(Path.Combine(dir, ResultWriter.LockFile), $"{dead.Id} {Environment.MachineName}");
        string[] args = ["sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--out", dir, "--quiet"];
        var (code, _, err) = Cli.Mcover(args);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, $"run.lock of process {dead.Id} (no longer running) was stale");
        Assert.IsEmpty(Directory.GetFiles(dir, "run.lock*"), "the stale claim taken over is removed, and the run's own claim is given up");

        var live = Cli.TempDir();
        Directory.CreateDirectory(live);
        File.WriteAllText(Path.Combine(live, ResultWriter.LockFile), $"{Environment.ProcessId} {Environment.MachineName}");
        var (refused, _, err2) = Cli.Mcover([.. args[..^3], "--out", live, "--quiet"]);
        Assert.AreEqual(2, refused);
        StringAssert.Contains(err2, "is in use by another run (run.lock)");
        File.WriteAllText(Path.Combine(live, ResultWriter.LockFile), $"{dead.Id} another-host");
        Assert.AreEqual(2, Cli.Mcover([.. args[..^3], "--out", live, "--quiet"]).Code, "a fresh claim from another host cannot be checked: it stands");
        File.SetLastWriteTimeUtc(Path.Combine(live, ResultWriter.LockFile), DateTime.UtcNow - ProcessLock.StaleAfter - TimeSpan.FromSeconds(1));
        var (taken, _, err3) = Cli.Mcover([.. args[..^3], "--out", live, "--quiet"]);
        Assert.AreEqual(0, taken, "a claim without heartbeat (a dead node) is taken over");
        StringAssert.Contains(err3, "on another-host was stale (no heartbeat for 3 min)");
        Assert.IsEmpty(Directory.GetFiles(live, "run.lock*"), "no run.lock.stale.* is left behind");
        Directory.Delete(dir, true);
        Directory.Delete(live, true);
    }
}
