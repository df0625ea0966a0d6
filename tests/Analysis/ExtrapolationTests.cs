using MathNet.Numerics.LinearRegression;
using MCoverPhysics.Analysis.Statistics;

namespace MCoverPhysics.Tests.Analysis;

/// <summary>Finite-size extrapolation in 1/N and the bootstrap interval.</summary>
[TestClass]
public sealed class ExtrapolationTests
{
    [TestMethod]
    public void ExactOneOverNDataGiveTheKnownInterceptWithZeroChiSquare()
    {
        double[] n = [101, 201, 401, 801, 1601];
        var y = n.Select(x => 0.25 + 3.0 / x).ToArray();
        var fit = FiniteSizeExtrapolation.Fit(n, y, [0.01, 0.01, 0.02, 0.02, 0.03]);
        Assert.AreEqual(0.25, fit.Intercept, 1e-12);
        Assert.AreEqual(3.0, fit.Slope, 1e-9);
        Assert.AreEqual(0, fit.ChiSquare, 1e-20);
        Assert.AreEqual(3, fit.DegreesOfFreedom);
    }

    [TestMethod]
    public void TheFitEqualsMathNetsWeightedRegressionAndItsErrorIsTheScatterOfRepeatedFits()
    {
        double[] n = [51, 101, 201, 401, 801];
        double[] sem = [0.02, 0.015, 0.01, 0.008, 0.005];
        var rng = new Random(7);
        var intercepts = new List<double>();
        FiniteSizeExtrapolation? fit = null;
        for (int rep = 0; rep < 4000; rep++)
        {
            var y = n.Select((x, i) => 0.1 + 2.0 / x + sem[i] * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)).ToArray();
            fit = FiniteSizeExtrapolation.Fit(n, y, sem);
            intercepts.Add(fit.Intercept);
            if (rep < 3)
            {
                // MathNet: minimise Σ w (y − Xβ)² with X = [1, 1/N], W = diag(1/σ²).
                var beta = WeightedRegression.Weighted(n.Select(x => new[] { 1.0, 1 / x }).ToArray(), y, sem.Select(s => 1 / (s * s)).ToArray());
                Assert.AreEqual(beta[0], fit.Intercept, 1e-10);
                Assert.AreEqual(beta[1], fit.Slope, 1e-7);
            }
        }
        double mean = intercepts.Average(), sd = Math.Sqrt(intercepts.Sum(a => (a - mean) * (a - mean)) / (intercepts.Count - 1));
        Assert.AreEqual(0.1, mean, 4 * sd / Math.Sqrt(intercepts.Count), "unbiased");
        Assert.AreEqual(fit!.InterceptError, sd, 0.05 * sd, "the stated error is the spread of y_∞ over noise realisations");
    }

    [TestMethod]
    public void TooFewSizesOrAZeroErrorAreRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => FiniteSizeExtrapolation.Fit([101, 101], [0.1, 0.2], [0.01, 0.01]));
        Assert.ThrowsExactly<ArgumentException>(() => FiniteSizeExtrapolation.Fit([101, 201], [0.1, 0.2], [0.01, 0]));
    }

    [TestMethod]
    public void TheBootstrapIntervalIsSeededCoversTheMeanAndMatchesTheTIntervalForNormalData()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 200).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, 1.5, 2)).ToArray();
        var (lo, hi) = Bootstrap.MeanInterval(x, seed: 5);
        Assert.AreEqual((lo, hi), Bootstrap.MeanInterval(x, seed: 5), "reproducible");
        var t = SeedSummary.Of(x);
        Assert.IsTrue(lo < t.Mean && t.Mean < hi);
        Assert.AreEqual(t.CiHi - t.CiLo, hi - lo, 0.1 * (t.CiHi - t.CiLo), "for normal data the percentile and t intervals agree");
        Assert.AreEqual((double.NaN, double.NaN), Bootstrap.MeanInterval([1.0]));
        var constant = Bootstrap.MeanInterval([0.3, 0.3, 0.3]);
        Assert.AreEqual((0.3, 0.3), constant, "no spread, no interval");
    }
}
