namespace MCoverPhysics.Tests.Experiments;

/// <summary>Output directories that cannot be written: a usage error up front (exit 2), nothing half-written.</summary>
[TestClass]
public sealed class OutputDirectoryTests
{
    private static readonly string[] Small = ["--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "5", "--quiet"];

    [TestMethod]
    public void AnOutUnderAFileIsAUsageError()
    {
        var file = Path.GetTempFileName();
        var (code, _, err) = Cli.Mcover(["run", .. Small, "--out", Path.Combine(file, "sub")]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains($"--out '{Path.Combine(file, "sub")}' cannot be created", err);
        File.Delete(file);
    }

    /// <summary>An existing directory on a read-only file system (root writes through mode 0555, not through a read-only mount).</summary>
    [TestMethod]
    [DataRow("run")]
    [DataRow("sweep")]
    [DataRow("merge")]
    public void AnExistingReadOnlyOutIsAUsageError(string command)
    {
        using var ro = Tmpfs.TryMount("ro,size=64k", out var why);
        if (ro is null)
        {
            Assert.Inconclusive(why);
            return;
        }
        var (code, _, err) = command == "merge" ? Cli.Mcover("merge", ro.Dir) : Cli.Mcover([command, .. Small, "--out", ro.Dir]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains($"{(command == "merge" ? "DIR" : "--out")} '{ro.Dir}' is not writable: ", err);
        Assert.IsEmpty(Directory.GetFileSystemEntries(ro.Dir));
    }
}
