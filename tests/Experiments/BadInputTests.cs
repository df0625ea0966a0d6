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
        AssertOneLine(err, "mcover: --kernel 'foo' is not a kernel; expected identity, uniform, ring, band, block, directional");
        Assert.AreEqual(1, err.Split("'foo'").Length - 1, err);
        Assert.IsFalse(Directory.Exists(dir));
    }
}
