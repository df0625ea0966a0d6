using System.Globalization;
using System.Text.Json;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>mcover kernel SPEC --copies M [--draws D] [--out DIR]</c>: Q, λ₂, the law's statistics, and its files.</summary>
[TestClass]
public sealed class KernelCommandTests
{
    [TestMethod]
    public void PrintsQLambda2AndTheExactAndSampledStatistics()
    {
        var (code, output, err) = Cli.Mcover("kernel", "ring:sigma=1", "--copies", "4", "--draws", "20000", "--seed", "3");
        Assert.AreEqual(0, code, err);
        var q = MixingKernel.Ring(4, 1);
        var lines = output.Split('\n');
        for (int a = 0; a < 4; a++)
            CollectionAssert.AreEqual(Enumerable.Range(0, 4).Select(b => q[a, b]).ToArray(), lines[2 + a].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
        StringAssert.Contains(output, $"lambda2 = {q.Lambda2.ToString("G6", CultureInfo.InvariantCulture)}");
        var exact = PermutationLaw.Exact(q)!;
        StringAssert.Contains(output, $"fixed-point probability P(π(a) = a) = {exact.FixedPoint.ToString("G6", CultureInfo.InvariantCulture)}");
        StringAssert.Contains(output, "sampled (20000 draws, sampler auto: alias, seed 3)");
    }

    [TestMethod]
    public void BeyondTenCopiesTheExactLawIsNotComputed()
    {
        var (code, output, err) = Cli.Mcover("kernel", "block:size=3,sigma=1", "--copies", "12");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "not computed (M = 12 > 10)");
        Assert.DoesNotContain("sampled", output);
    }

    [TestMethod]
    public void WritesQCsvKernelJsonAndAHeatMap()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("kernel", "directional:sigma=1,shift=1,skew=0.5", "--copies", "5", "--draws", "500", "--out", dir);
        Assert.AreEqual(0, code, err);
        var q = MixingKernel.Parse("directional:sigma=1,shift=1,skew=0.5", 5);
        var rows = File.ReadAllLines(Path.Combine(dir, "Q.csv"));
        Assert.HasCount(5, rows);
        for (int a = 0; a < 5; a++)
            CollectionAssert.AreEqual(Enumerable.Range(0, 5).Select(b => q[a, b]).ToArray(), rows[a].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
        var back = MixingKernel.Parse("file:" + Path.Combine(dir, "Q.csv"), 5);
        Assert.AreEqual(q.Lambda2, back.Lambda2, 1e-12, "Q.csv reads back as a file: kernel");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "kernel.json")));
        var root = json.RootElement;
        Assert.AreEqual(q.Spec, root.GetProperty("kernel").GetString());
        Assert.AreEqual(5, root.GetProperty("copies").GetInt32());
        Assert.AreEqual(q.Lambda2, root.GetProperty("lambda2").GetDouble());
        Assert.AreEqual(q.Lambda2Real, root.GetProperty("lambda2_real").GetDouble());
        Assert.AreEqual(PermutationLaw.Exact(q)!.Cycles, root.GetProperty("exact").GetProperty("mean_cycles").GetDouble(), 1e-12);
        Assert.AreEqual(500, root.GetProperty("sampled").GetProperty("draws").GetInt64());
        Assert.AreEqual(q[2, 3], root.GetProperty("q")[2][3].GetDouble());
        var png = File.ReadAllBytes(Path.Combine(dir, "Q.png"));
        Assert.IsTrue(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");

        (code, _, err) = Cli.Mcover("kernel", "uniform", "--copies", "3", "--out", dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "already holds a kernel (Q.csv)");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    [DataRow("spiral", "4", "--kernel 'spiral' is not a kernel")]
    [DataRow("ring:sigma=1", "0", "--copies '0' must be ≥ 1")]
    [DataRow("block:size=3,sigma=1", "4", "--kernel 'block:size=3,sigma=1' M = 4 must be divisible by size = 3")]
    [DataRow("file:/nonexistent/Q.csv", "4", "--kernel 'file:/nonexistent/Q.csv' cannot read /nonexistent/Q.csv: no such file")]
    public void BadInputIsOneLineAndNothingIsWritten(string spec, string copies, string message)
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("kernel", spec, "--copies", copies, "--draws", "10", "--out", dir);
        Assert.AreEqual(2, code);
        Assert.AreEqual("", output);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        StringAssert.Contains(err, message);
        Assert.IsFalse(Directory.Exists(dir));
    }
}
