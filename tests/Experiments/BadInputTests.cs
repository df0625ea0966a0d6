using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>Bad input end to end: one line naming the field (or the positional DIR) once, exit code 2, nothing written.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static void AssertOneLine(string err, string expected)
    {
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains(expected, err);
    }

    [TestMethod]
    public void AnUnknownKernelIsQuotedOnce()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--kernel", "foo", "--n", "101", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        AssertOneLine(err, "mcover: --kernel 'foo' is not a kernel; expected identity, uniform, ring, band, block, directional, directional-amp, file");
        Assert.AreEqual(1, err.Split("'foo'").Length - 1, err);
        Assert.IsFalse(Directory.Exists(dir));
    }

    [TestMethod]
    [DataRow("plot", "--x", "alpha", "--y", "eps_g", "--out", "fig.png")]
    [DataRow("connect")]
    [DataRow("extrapolate", "--y", "eps_g")]
    public void ThePositionalDirIsNamedDir(string command, params string[] rest)
    {
        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        var (code, _, err) = Cli.Mcover([command, dir, .. rest]);
        Assert.AreEqual(2, code);
        AssertOneLine(err, $"mcover: DIR '{dir}' ");
        Assert.DoesNotContain("--DIR", err);
        Assert.DoesNotContain("--out", err);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void MergeNamesItsDirNotOut()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--out", dir, "--quiet").Code);
        var (code, _, err) = Cli.Mcover("merge", dir);
        Assert.AreEqual(2, code);
        AssertOneLine(err, $"mcover: DIR '{dir}' already holds merged results (run.json)");

        File.Delete(Path.Combine(dir, "run.json"));
        File.WriteAllText(Path.Combine(dir, ResultWriter.LockFile), $"{Environment.ProcessId} {Environment.MachineName}");
        (code, _, err) = Cli.Mcover("merge", dir);
        Assert.AreEqual(2, code);
        AssertOneLine(err, $"mcover: DIR '{dir}' is in use by another run (run.lock)");
        Directory.Delete(dir, true);

        var file = Path.GetTempFileName();
        (code, _, err) = Cli.Mcover("merge", file);
        Assert.AreEqual(2, code);
        AssertOneLine(err, $"mcover: DIR '{file}' is a file, not a directory");
        File.Delete(file);
    }

    [TestMethod]
    [DataRow("{\"alpha\": [1,\n  2", "line 2, column 4: ")]
    [DataRow("{\"alpha\": [1, 2], ", "line 1, column 19: ")]
    [DataRow("{\n  \"rule\": \"cp\",\n  \"alpha\": tru\n}", "line 3, column 15: ")]
    [DataRow("{\"kernel\": \"ring:σ\", \"n\": }", "line 1, column 27: ")]
    public void ATruncatedConfigGivesLineAndColumn(string json, string where)
    {
        var dir = Cli.TempDir();
        var config = Path.GetTempFileName();
        File.WriteAllText(config, json);
        var (code, _, err) = Cli.Mcover("sweep", "--config", config, "--out", dir);
        Assert.AreEqual(2, code);
        AssertOneLine(err, $"mcover: config {config}: {where}");
        Assert.DoesNotContain("LineNumber", err);
        Assert.DoesNotContain("Path: $", err);
        Assert.IsFalse(Directory.Exists(dir));
        File.Delete(config);
    }

    [TestMethod]
    [DataRow("run", "--alpha", "0.5:0.25", "--alpha '0.5:0.25' is not a number nor a range start:step:stop")]
    [DataRow("sweep", "--alpha", "0.5:0.25:1:2", "--alpha '0.5:0.25:1:2' is not a number nor a range start:step:stop")]
    [DataRow("sweep", "--n", "101:202", "--n '101:202' is not an integer nor a range start:step:stop")]
    [DataRow("sweep", "--kappa", "0,0.5:1", "--kappa '0.5:1' is not a number nor a range start:step:stop")]
    public void AMalformedRangeIsNamedAsARange(string command, string flag, string value, string expected)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(command, flag, value, "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        AssertOneLine(err, expected);
        Assert.IsFalse(Directory.Exists(dir));
    }
}
