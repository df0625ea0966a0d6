using System.Globalization;
using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>mcover extrapolate</c> and the bootstrap columns of summary.csv.</summary>
[TestClass]
public sealed class ExtrapolateCommandTests
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [TestMethod]
    public void ExtrapolationFitsEachSeriesOfTheSummaryInOneOverN()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--n", "51,101,201", "--alpha", "0.5,1.5", "--copies", "2", "--epochs", "30", "--seeds", "4", "--out", dir, "--quiet").Code);
        var (code, stdout, err) = Cli.Mcover("extrapolate", dir, "--y", "eps_g");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(stdout, "alpha=0.5: eps_g(N → ∞) = ");
        var fits = CsvTable.Read(Path.Combine(dir, "extrapolation-eps_g.csv"));
        CollectionAssert.AreEqual(new[] { "alpha", "y", "sizes", "n_min", "n_max", "eps_g_inf", "eps_g_inf_err", "slope_b", "slope_b_err", "chi2", "dof" }, fits.Header.ToArray());
        Assert.HasCount(2, fits.Rows);
        var summary = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        foreach (var row in fits.Rows)
        {
            var series = summary.Rows.Where(r => r[summary.Column("alpha")] == row[0]).ToList();
            var expected = FiniteSizeExtrapolation.Fit(series.Select(r => D(r[summary.Column("n")])).ToList(),
                series.Select(r => D(r[summary.Column("eps_g_mean")])).ToList(), series.Select(r => D(r[summary.Column("eps_g_sem")])).ToList());
            Assert.AreEqual(expected.Intercept, D(row[fits.Column("eps_g_inf")]), 1e-9);
            Assert.AreEqual(expected.InterceptError, D(row[fits.Column("eps_g_inf_err")]), 1e-9);
            Assert.AreEqual("3", row[fits.Column("sizes")]);
        }
        Assert.AreEqual(0, Cli.Mcover("extrapolate", dir, "--y", "eps_g").Code, "derived file: redone in place");
        var (bad, _, err2) = Cli.Mcover("extrapolate", dir, "--y", "epsg");
        Assert.AreEqual(2, bad);
        StringAssert.StartsWith(err2, "mcover: --y 'epsg' is not an observable; expected one of epochs_run");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void ASweepAtOneSizeHasNothingToExtrapolate()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--n", "51", "--alpha", "0.5", "--copies", "2", "--epochs", "10", "--seeds", "3", "--out", dir, "--quiet").Code);
        var (code, _, err) = Cli.Mcover("extrapolate", dir, "--y", "eps_g");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "needs at least two distinct N");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void SummaryCarriesTheSeededBootstrapIntervalOfEachObservable()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--n", "101", "--alpha", "0.5,1", "--copies", "3", "--epochs", "40", "--seeds", "6", "--out", dir, "--quiet").Code);
        var points = CsvTable.Read(Path.Combine(dir, "points.csv"));
        var summary = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        foreach (var row in summary.Rows)
        {
            var values = points.Rows.Where(r => r[points.Column("alpha")] == row[summary.Column("alpha")]).Select(r => D(r[points.Column("eps_g")])).ToList();
            var (lo, hi) = Bootstrap.MeanInterval(values);
            Assert.AreEqual(lo, D(row[summary.Column("eps_g_boot_lo")]), 1e-9 * Math.Abs(lo));
            Assert.AreEqual(hi, D(row[summary.Column("eps_g_boot_hi")]), 1e-9 * Math.Abs(hi));
            double mean = D(row[summary.Column("eps_g_mean")]);
            Assert.IsTrue(lo <= mean && mean <= hi, "the interval holds the mean");
            Assert.IsLessThan(hi, lo, "seeds differ: a proper interval");
        }
        Directory.Delete(dir, true);
    }
}
