using MCoverPhysics.Experiments.Cli;

namespace MCoverPhysics.Tests.Experiments;

[TestClass]
public sealed class PlotCommandTests
{
    private static (int Width, int Height) PngSize(byte[] png)
    {
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray(), "a PNG");
        return ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    /// <summary>AMP points and the RS theory on one figure: PNG of the right size, not blank, and an SVG holding both series.</summary>
    [TestMethod]
    public void PlotsSimulationPointsWithTheTheoryCurve()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "amp", "--n", "301", "--alpha", "0.5,1,2", "--copies", "1", "--seeds", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        string png = Path.Combine(dir, "fig", "eps.png");
        (code, var output, err) = Cli.Mcover("plot", dir, "--x", "alpha", "--y", "eps_g_posterior", "--theory", "bayes", "--out", png);
        Assert.AreEqual(0, code, err);
        Assert.Contains("eps.svg", output);
        var bytes = File.ReadAllBytes(png);
        Assert.AreEqual((1000, 650), PngSize(bytes));
        Assert.IsGreaterThan(20_000, bytes.Length, "a drawn figure, not a blank canvas");
        var svg = File.ReadAllText(Path.ChangeExtension(png, ".svg"));
        Assert.Contains("RS theory ε_Bayes", svg);
        Assert.Contains("load α = P/N", svg);

        // Redrawing replaces the figure in place.
        (code, _, err) = Cli.Mcover("plot", dir, "--y", "overlap_posterior_mean", "--theory", "bayes", "--out", png);
        Assert.AreEqual(0, code, err);
        Assert.Contains("RS theory q(α)", File.ReadAllText(Path.ChangeExtension(png, ".svg")));
    }

    [TestMethod]
    [DataRow("--y", "eps", "--y 'eps' is not an observable")]
    [DataRow("--x", "alfa", "--x 'alfa' is not a column")]
    [DataRow("--theory", "annealed", "--theory 'annealed' is not a theory curve")]
    [DataRow("--by", "rule,colour", "'colour' is not a column")]
    [DataRow("--x", "kernel", "--y 'eps_g' has no finite values against --x kernel")]
    [DataRow("--theory", "bayes", "--theory 'bayes' is the teacher–student curve")]
    public void BadPlotInputFailsWithOneLineAndWritesNothing(string flag, string value, string message)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "cp", "--task", "storage", "--n", "101", "--alpha", "0.5,1", "--copies", "2", "--seeds", "2", "--epochs", "5", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        string png = Path.Combine(dir, "bad.png");
        (code, _, err) = Cli.Mcover("plot", dir, flag, value, "--out", png);
        Assert.AreEqual(2, code);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.IsFalse(File.Exists(png));
        (code, _, err) = Cli.Mcover("plot", Path.Combine(dir, "missing"), "--out", png);
        Assert.AreEqual(2, code);
        Assert.Contains("holds no summary.csv", err);
        (code, _, err) = Cli.Mcover("plot", dir, "--y", "train_error", "--out", Path.Combine(dir, "summary.csv", "x.png"));
        Assert.AreEqual(2, code, "a file in the way of the folder: one line, no crash");
        Assert.Contains("cannot be written", err);
        Directory.CreateDirectory(Path.Combine(dir, "d.png"));
        (code, _, err) = Cli.Mcover("plot", dir, "--y", "train_error", "--out", Path.Combine(dir, "d.png"));
        Assert.AreEqual(2, code);
        Assert.Contains("is a directory", err);
    }
}
