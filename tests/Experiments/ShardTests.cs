using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>--shard I/N</c> and <c>mcover merge</c>: partition, merge equal to one machine, missing and duplicate tasks.</summary>
[TestClass]
public sealed class ShardTests
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    [DataRow(7)]
    [DataRow(40)]
    public void ShardsAreDisjointCoverEveryTaskAndAreBalanced(int shards)
    {
        var tasks = new SweepSpec().With(new Dictionary<string, string> { ["n"] = "101,301,1001", ["alpha"] = "0.5:0.5:3", ["copies"] = "1,8" }, "3").Expand();
        var costs = tasks.Select(SweepPlan.Cost).ToList();
        var parts = SweepPlan.Partition(costs, shards);
        Assert.HasCount(shards, parts);
        var all = parts.SelectMany(p => p).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, tasks.Count).ToList(), all.Order().ToList(), "each task in exactly one shard");
        foreach (var p in parts) CollectionAssert.AreEqual(p.Order().ToList(), p.ToList(), "increasing order");
        // Greedy LPT: no shard exceeds the mean load by more than its largest task (Graham 1969).
        double mean = costs.Sum() / shards, max = parts.Max(p => p.Sum(i => costs[i]));
        Assert.IsLessThanOrEqualTo(mean + costs.Max() + 1e-9 * mean, max);
        var again = SweepPlan.Partition(costs, shards);
        for (int s = 0; s < shards; s++) CollectionAssert.AreEqual(parts[s].ToList(), again[s].ToList(), "deterministic");
        for (int s = 0; s < shards; s++) CollectionAssert.AreEqual(parts[s].ToList(), SweepPlan.Select(tasks, new Shard(s, shards)).ToList());
    }

    [TestMethod]
    public void EqualCostsAreDealtRoundRobinByIndex()
    {
        var parts = SweepPlan.Partition([1, 1, 1, 1, 1, 1, 1], 3);
        CollectionAssert.AreEqual(new[] { 0, 3, 6 }, parts[0].ToArray());
        CollectionAssert.AreEqual(new[] { 1, 4 }, parts[1].ToArray());
        CollectionAssert.AreEqual(new[] { 2, 5 }, parts[2].ToArray());
    }

    [TestMethod]
    [DataRow("3/3")]
    [DataRow("1")]
    [DataRow("-1/4")]
    [DataRow("1/0")]
    [DataRow("a/b")]
    public void ABadShardIsAUsageErrorNamingShard(string shard)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--n", "51", "--alpha", "0.5", "--shard", shard, "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        StringAssert.StartsWith(err, $"mcover: --shard '{shard}' must be I/N");
        Assert.IsFalse(Directory.Exists(dir), "nothing written");
    }

    private static readonly string[] Sweep = ["sweep", "--n", "101,201", "--alpha", "0.5,1", "--copies", "3", "--epochs", "60", "--seeds", "3", "--trace", "--quiet"];

    [TestMethod]
    public void ShardsRunWithAnyThreadCountMergeToTheSingleMachineRun()
    {
        var single = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover([.. Sweep, "--threads", "1", "--out", single]).Code);
        var dir = Cli.TempDir();
        for (int s = 0; s < 3; s++)
        {
            var (code, stdout, err) = Cli.Mcover([.. Sweep, "--shard", $"{s}/3", "--threads", (s + 1).ToString(CultureInfo.InvariantCulture), "--out", dir]);
            Assert.AreEqual(0, code, err);
            StringAssert.Contains(stdout, $"shard {s}/3:");
            Assert.IsFalse(File.Exists(Path.Combine(dir, "points.csv")), "a shard does not write the merged results");
            Assert.IsTrue(File.Exists(Path.Combine(dir, TaskStore.ShardsDir, $"shard-{s}-of-3.json")), "shard marker");
            Assert.IsFalse(File.Exists(Path.Combine(dir, TaskStore.ShardsDir, $"shard-{s}-of-3.lock")), "claim released");
        }
        var (again, _, err2) = Cli.Mcover([.. Sweep, "--shard", "1/3", "--threads", "2", "--out", dir]);
        Assert.AreEqual(0, again, err2);
        StringAssert.Contains(err2, "resuming:", "a rerun shard finds its tasks done");
        var (merged, _, err3) = Cli.Mcover("merge", dir);
        Assert.AreEqual(0, merged, err3);
        SweepResumeTests.AssertSameResults(single, dir);
        Assert.AreEqual(2, Cli.Mcover("merge", dir).Code, "merged once");
        Directory.Delete(single, true);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void MergeRefusesMissingAndDuplicateTasksAndAMixOfSplits()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover([.. Sweep, "--shard", "0/2", "--threads", "1", "--out", dir]).Code);
        var (code, _, err) = Cli.Mcover("merge", dir);
        Assert.AreEqual(2, code);
        StringAssert.Matches(err, new System.Text.RegularExpressions.Regex(@"^mcover: DIR '.*' misses \d+ of 12 tasks: task \d+ \(shard 1/2\)"));
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);

        var (mixed, _, err2) = Cli.Mcover([.. Sweep, "--shard", "1/3", "--threads", "1", "--out", dir]);
        Assert.AreEqual(2, mixed);
        StringAssert.Contains(err2, "--shard '1/3' splits into 3, but");

        Assert.AreEqual(0, Cli.Mcover([.. Sweep, "--shard", "1/2", "--threads", "1", "--out", dir]).Code);
        var tasks = Path.Combine(dir, TaskStore.TasksDir);
        var one = Directory.GetFiles(tasks, "task-000000.*.json").Single();
        File.Copy(one, Path.Combine(tasks, "task-000000.copied.json"));
        var (dup, _, err3) = Cli.Mcover("merge", dir);
        Assert.AreEqual(2, dup);
        StringAssert.Contains(err3, "records 1 task(s) more than once, e.g. task 0");
        File.Delete(Path.Combine(tasks, "task-000000.copied.json"));
        Assert.AreEqual(0, Cli.Mcover("merge", dir).Code);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void MergeOfADirectoryWithoutASweepNamesIt()
    {
        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        var (code, _, err) = Cli.Mcover("merge", dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "holds no sweep (sweep.json is missing)");
        Directory.Delete(dir, true);
    }

    /// <summary>A plain sweep and shards, or shards of two splits, refuse to write into one directory at the same time.</summary>
    [TestMethod]
    public void ConcurrentWritersOfAnotherKindAreRefused()
    {
        string live = $"{Environment.ProcessId} {Environment.MachineName}"; // this test process: alive
        string[] Sweep(string dir, params string[] extra) => ["sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--seeds", "2", "--out", dir, "--quiet", .. extra];

        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ResultWriter.LockFile), live);
        var (code, _, err) = Cli.Mcover(Sweep(dir, "--shard", "0/2"));
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "is being written by a plain sweep");

        dir = Cli.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, TaskStore.ShardsDir));
        File.WriteAllText(Path.Combine(dir, TaskStore.ShardsDir, "shard-1-of-3.lock"), live);
        (code, _, err) = Cli.Mcover(Sweep(dir, "--shard", "0/2"));
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "shard-1-of-3 of another split is running");
        (code, _, err) = Cli.Mcover(Sweep(dir));
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "a plain sweep cannot share a directory with running shards");
        (code, _, err) = Cli.Mcover(Sweep(dir, "--shard", "0/3"));
        Assert.AreEqual(0, code, $"a shard of the same split runs beside it: {err}");
    }
}
