using System.Globalization;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>--trace for every rule family: one trajectory row per step (epoch, iteration or sweep), ending on the final result.</summary>
[TestClass]
public sealed class TraceCliTests
{
    /// <summary>points.csv without its seconds column.</summary>
    private static string Points(string dir)
    {
        var rows = File.ReadAllLines(Path.Combine(dir, "points.csv"));
        int seconds = Array.IndexOf(rows[0].Split(','), "seconds");
        return string.Join("\n", rows.Select(r => string.Join(",", Cli.SplitCsv(r).Where((_, i) => i != seconds))));
    }

    [TestMethod]
    [DataRow("--rule amp --n 101 --alpha 1.5 --copies 3 --iters 200")]
    [DataRow("--rule rbp --n 101 --alpha 0.5 --copies 2 --iters 100")]
    [DataRow("--rule rbp --n 101 --alpha 0.5 --copies 3 --iters 15 --kernel uniform")]
    [DataRow("--rule mc --task storage --n 101 --alpha 0.3 --copies 2 --sweeps 30")]
    [DataRow("--rule sa --task storage --n 101 --alpha 0.3 --copies 3 --sweeps 200 --kernel ring:sigma=1")]
    [DataRow("--rule pt --task storage --n 101 --alpha 0.3 --copies 4 --sweeps 40")]
    [DataRow("--rule hebb --n 101 --alpha 1 --copies 3")]
    public void TraceRecordsEveryStepOfEveryFamilyWithoutChangingResults(string args)
    {
        var plain = Cli.TempDir();
        var traced = Cli.TempDir();
        string[] run = ["run", .. args.Split(' '), "--seed", "2", "--quiet"];
        var (code, _, err) = Cli.Mcover([.. run, "--out", plain]);
        Assert.AreEqual(0, code, err);
        (code, _, err) = Cli.Mcover([.. run, "--trace", "--out", traced]);
        Assert.AreEqual(0, code, err);
        Assert.AreEqual(Points(plain), Points(traced), "tracing changes no result");
        var point = Cli.ReadCsv(Path.Combine(traced, "points.csv")).Single();
        var trajectory = Cli.ReadCsv(Path.Combine(traced, "trajectory.csv"));
        int steps = int.Parse(point["epochs_run"], CultureInfo.InvariantCulture);
        Assert.IsGreaterThan(0, steps);
        CollectionAssert.AreEqual(Enumerable.Range(1, steps).Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray(),
            trajectory.Select(r => r["epoch"]).ToArray(), "one row per step");
        Assert.AreEqual(point["train_error"], trajectory[^1]["train_error"], "the last step's error is the final error");
        Directory.Delete(plain, true);
        Directory.Delete(traced, true);
    }
}
