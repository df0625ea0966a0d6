using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Cli;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>mcover connect: retraining a finished run and the Hamming geodesics between its copies.</summary>
[TestClass]
public sealed class ConnectCliTests
{
    /// <summary>mcover connect retrains a finished run and writes one barrier row per adjacent pair of copies, the profiles and a plot.</summary>
    [TestMethod]
    public void ConnectWritesBarriersOfEveryAdjacentPair()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--n", "101", "--alpha", "0.5,1", "--copies", "3", "--epochs", "50", "--coupling", "none,replicated", "--seeds", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        (code, var output, err) = Cli.Mcover("connect", dir, "--orders", "2", "--steps", "5");
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", err, "retrained copies match points.csv: no warning");
        StringAssert.Contains(output, "barrier.csv");
        var barrier = File.ReadAllLines(Path.Combine(dir, "barrier.csv"));
        Assert.AreEqual(1 + 8 * 2, barrier.Length, "8 tasks × 2 adjacent pairs");
        var header = Cli.SplitCsv(barrier[0]);
        foreach (var line in barrier.Skip(1))
        {
            var cells = Cli.SplitCsv(line);
            double train = double.Parse(cells[header.IndexOf("train_barrier")], System.Globalization.CultureInfo.InvariantCulture);
            Assert.IsGreaterThanOrEqualTo(0.0, train);
        }
        Assert.AreEqual(1 + 8 * 2 * 6, File.ReadAllLines(Path.Combine(dir, "path.csv")).Length, "6 points per path");
        Assert.IsGreaterThan(10_000L, new FileInfo(Path.Combine(dir, "barrier.png")).Length);
        (code, _, err) = Cli.Mcover("connect", dir, "--pairs", "some");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--pairs 'some' is not a pair set");
        (code, _, err) = Cli.Mcover("connect", Cli.TempDir());
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "holds no finished run");
    }

    /// <summary>connect on committees: tree units are not interchangeable (aligned = raw); the full machine's pairs are aligned first.</summary>
    [TestMethod]
    public void ConnectAlignsFullyConnectedCommittees()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--hidden", "3", "--arch", "tree,full", "--n", "105", "--alpha", "1", "--copies", "3",
            "--epochs", "30", "--seeds", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        (code, _, err) = Cli.Mcover("connect", dir, "--orders", "1", "--steps", "4");
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "barrier.csv"));
        Assert.HasCount(2 * 2 * 2, rows);
        foreach (var r in rows.Where(r => r["arch"] == "tree"))
        {
            Assert.AreEqual(r["hamming"], r["hamming_aligned"]);
            Assert.AreEqual(r["train_barrier"], r["train_barrier_aligned"]);
        }
        Assert.IsTrue(rows.Where(r => r["arch"] == "full").All(r => double.Parse(r["hamming_aligned"], CultureInfo.InvariantCulture) is > 0 and <= 1));
    }

    /// <summary>connect retrains every rule family: message passing (amp) and Monte Carlo (sa) runs too, without a warning.</summary>
    [TestMethod]
    [DataRow("--rule", "amp", "--n", "101", "--alpha", "1", "--copies", "2")]
    [DataRow("--rule", "sa", "--task", "storage", "--n", "101", "--alpha", "0.2", "--copies", "3", "--sweeps", "100")]
    public void ConnectRetrainsEveryRuleFamily(params string[] args)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["sweep", .. args, "--seeds", "2", "--out", dir, "--quiet"]);
        Assert.AreEqual(0, code, err);
        (code, _, err) = Cli.Mcover("connect", dir, "--orders", "1", "--steps", "3");
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", err, "the retrained copies are the run's");
        Assert.IsNotEmpty(Cli.ReadCsv(Path.Combine(dir, "barrier.csv")));
        Directory.Delete(dir, true);
    }
}
