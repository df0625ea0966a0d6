using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>A disk that fills during a sweep: one line (what failed, how many tasks are saved, rerun to resume), exit 1;
/// the saved records are whole and a rerun on the same directory resumes to the results of an uninterrupted sweep.</summary>
[TestClass]
public sealed class DiskFullTests
{
    private static string[] Sweep(string dir, int seeds, int threads) =>
        ["sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", dir, "--quiet"];

    private static string WithoutSeconds(string csv)
    {
        var lines = csv.Split('\n');
        int seconds = Cli.SplitCsv(lines[0]).IndexOf("seconds");
        return string.Join('\n', lines.Select(l => string.Join(',', Cli.SplitCsv(l).Where((_, i) => i != seconds))));
    }

    private static string Reference(int seeds)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(Sweep(dir, seeds, 2));
        Assert.AreEqual(0, code, err);
        var points = File.ReadAllText(Path.Combine(dir, "points.csv"));
        Directory.Delete(dir, true);
        return WithoutSeconds(points);
    }

    private static void AssertOneLineFailure(int code, string err, int saved, int total)
    {
        Assert.AreEqual(1, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains("the disk is full", err);
        Assert.Contains($"{saved} of {total} tasks are saved in ", err);
        Assert.Contains("rerun the same command to resume", err);
        Assert.DoesNotContain("   at ", err, "no stack trace");
    }

    /// <summary>ENOSPC injected into the fourth record write (from the background record writer, under parallel workers).</summary>
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void AnInjectedFullDiskIsOneLineAndTheRerunResumes(int threads)
    {
        var dir = Cli.TempDir();
        int writes = 0;
        int code;
        string err;
        using (WriteFailure.Inject(_ => Interlocked.Increment(ref writes) > 3 ? new IOException("No space left on device", 28) : null))
            (code, _, err) = Cli.Mcover(Sweep(dir, 8, threads));
        AssertOneLineFailure(code, err, 3, 8);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "run.json")));
        Assert.IsFalse(File.Exists(Path.Combine(dir, ResultWriter.LockFile)), "the claim is given up");

        (code, _, err) = Cli.Mcover(Sweep(dir, 8, threads));
        Assert.AreEqual(0, code, err);
        Assert.Contains("resuming: 3 of 8 tasks done", err);
        Assert.AreEqual(Reference(8), WithoutSeconds(File.ReadAllText(Path.Combine(dir, "points.csv"))));
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void TheHandlerFindsTheFullDiskInsideWorkersExceptions()
    {
        var enospc = new IOException("No space left on device : '/x/tasks/.task-000003.local.json.1.tmp'", 28);
        Assert.AreSame(enospc, WriteFailure.Find(new AggregateException(new IOException("writing a task record failed", enospc))));
        Assert.IsTrue(WriteFailure.IsDiskFull(enospc));
        Assert.IsTrue(WriteFailure.IsDiskFull(new IOException("There is not enough space on the disk.", unchecked((int)0x80070070))));
        Assert.IsFalse(WriteFailure.IsDiskFull(new IOException("Input/output error", 5)));
        Assert.IsNull(WriteFailure.Find(new AggregateException(new InvalidOperationException())));
    }

    /// <summary>A real 300 KB file system (the reporter's), filled by the task records, then given room.</summary>
    [TestMethod]
    public void ARealFullDiskIsOneLineAndTheRerunResumes()
    {
        using var disk = Tmpfs.TryMount("size=300k", out var why);
        if (disk is null)
        {
            Assert.Inconclusive(why + "; the handler is covered by the injected full disk");
            return;
        }
        const int seeds = 150; // a page per record: more than 300 KB
        var dir = Path.Combine(disk.Dir, "run");
        var (code, _, err) = Cli.Mcover(Sweep(dir, seeds, 2));
        Assert.AreEqual(1, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains("the disk is full", err);
        Assert.Contains($"of {seeds} tasks are saved", err);
        Assert.Contains("rerun the same command to resume", err);
        int saved = Directory.GetFiles(Path.Combine(dir, "tasks"), "task-*.json").Length;
        Assert.IsGreaterThan(0, saved);
        Assert.IsLessThan(seeds, saved);
        Assert.Contains($"{saved} of {seeds} tasks are saved", err);

        disk.Remount("size=8m");
        (code, _, err) = Cli.Mcover(Sweep(dir, seeds, 2));
        Assert.AreEqual(0, code, err);
        Assert.Contains($"resuming: {saved} of {seeds} tasks done", err);
        Assert.AreEqual(Reference(seeds), WithoutSeconds(File.ReadAllText(Path.Combine(dir, "points.csv"))));
    }
}
