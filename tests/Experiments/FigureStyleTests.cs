using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// The figures read back from their SVG: N series get N distinct (colour, marker) pairs, the legend box covers no data
/// point, theory is refused where it does not apply and named by its branch where it does.
/// </summary>
[TestClass]
public sealed class FigureStyleTests
{
    private static void AssertReadable(SvgFigure svg, int series)
    {
        Assert.HasCount(series, svg.LegendEntries, string.Join("; ", svg.LegendEntries.Select(e => e.Label)));
        var pairs = svg.LegendEntries.Select(e => (e.Colour, e.Marker)).ToList();
        Assert.HasCount(series, pairs.Distinct().ToList(), "every series has its own colour/marker pair: " + string.Join("; ", pairs));
        Assert.IsNotEmpty(svg.DataMarkers);
        Assert.IsNotEmpty(svg.LegendBoxes);
        foreach (var box in svg.LegendBoxes)
            foreach (var (x, y) in svg.DataMarkers)
                Assert.IsFalse(box.Contains(x, y, 4), $"the legend box {box} covers the data point ({x}, {y})");
    }

    [TestMethod]
    public void TheStyleKeepsFortyTwoSeriesDistinct()
    {
        var pairs = Enumerable.Range(0, FigureStyle.DistinctSeries).Select(FigureStyle.Series).ToList();
        Assert.IsGreaterThanOrEqualTo(12, FigureStyle.DistinctSeries);
        Assert.HasCount(pairs.Count, pairs.Distinct().ToList());
        Assert.IsFalse(FigureStyle.Palette.Contains(FigureStyle.Theory), "theory curves have a colour of their own");
    }

    /// <summary>Twelve series of <c>mcover plot</c> (one per κ): twelve colour/marker pairs, and the legend outside the data.</summary>
    [TestMethod]
    public void TwelveSeriesOfPlotGetTwelveDistinctColourMarkerPairsAndTheLegendHidesNoPoint()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "cp", "--n", "21", "--alpha", "0.5,1,1.5", "--copies", "2", "--epochs", "3", "--kappa", "0:0.1:1.1",
            "--seeds", "1", "--threads", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        string png = Path.Combine(dir, "k.png");
        (code, _, err) = Cli.Mcover("plot", dir, "--by", "kappa", "--out", png);
        Assert.AreEqual(0, code, err);
        var svg = new SvgFigure(Path.ChangeExtension(png, ".svg"));
        AssertReadable(svg, 12);
        Assert.AreEqual(3 * 12, svg.DataMarkers.Count, "3 loads × 12 series");
        Directory.Delete(dir, true);
    }

    /// <summary>The comparison figure of a kernel sweep (identity, uniform, ring) in the same style, as PNG and SVG.</summary>
    [TestMethod]
    public void TheComparisonFigureUsesTheSameStyle()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "cp", "--n", "21", "--alpha", "0.5,1", "--copies", "3", "--epochs", "3", "--kernel", "identity,uniform,ring:sigma=1",
            "--seeds", "2", "--threads", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "comparison.png")));
        AssertReadable(new SvgFigure(Path.Combine(dir, "comparison.svg")), 3);
        Directory.Delete(dir, true);
    }

    /// <summary>The RS curve is named by its branch: state evolution from q = 0, which reaches q = 1 only at α_spinodal.</summary>
    [TestMethod]
    public void TheTheoryCurveNamesItsBranchAndTheSpinodal()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "cp", "--n", "51", "--alpha", "1,2", "--copies", "1", "--epochs", "5", "--seeds", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        string png = Path.Combine(dir, "t.png");
        (code, _, err) = Cli.Mcover("plot", dir, "--theory", "gibbs", "--out", png);
        Assert.AreEqual(0, code, err);
        var svg = new SvgFigure(Path.ChangeExtension(png, ".svg"));
        AssertReadable(svg, 2);
        var theory = svg.LegendEntries.Single(e => e.Label.StartsWith("RS theory", StringComparison.Ordinal));
        StringAssert.Contains(theory.Label, "drops to 0 at α_sp = 1.493");
        Assert.AreEqual("none", theory.Marker);
        Directory.Delete(dir, true);
    }

    /// <summary>Theory of the teacher–student perceptron over committee data, and an x that does not vary, are refused in one line.</summary>
    [TestMethod]
    public void TheoryOverCommitteesAndAnXThatDoesNotVaryAreRefused()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("sweep", "--model", "committee", "--hidden", "3", "--rule", "cp", "--n", "33", "--alpha", "0.5,1", "--copies", "1",
            "--epochs", "3", "--seeds", "1", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        string png = Path.Combine(dir, "bad.png");
        foreach (var (args, message) in new (string[], string)[]
        {
            (["--theory", "bayes"], "--theory 'bayes' is the curve of the binary perceptron; the sweep holds --model committee rows"),
            (["--theory", "gibbs"], "--theory 'gibbs' is the curve of the binary perceptron"),
            (["--x", "copies"], "--x 'copies' does not vary"),
        })
        {
            (code, _, err) = Cli.Mcover(["plot", dir, .. args, "--out", png]);
            Assert.AreEqual(2, code, err);
            Assert.Contains(message, err);
            Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
            Assert.IsFalse(File.Exists(png));
        }
        Directory.Delete(dir, true);
    }
}
