using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace MCoverPhysics.Analysis.Statistics;

/// <summary>Percentile bootstrap interval of the mean over seeds (Efron &amp; Tibshirani 1993, ch. 13).</summary>
public static class Bootstrap
{
    /// <summary>Resamples used by <see cref="MeanInterval"/> unless told otherwise.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>
    /// The <paramref name="level"/> percentile interval of the mean of the finite values of <paramref name="values"/>:
    /// draw n values with replacement <paramref name="resamples"/> times (MathNet's Xoshiro256** seeded with
    /// <paramref name="seed"/>, so the interval is reproducible), and take the (1 ∓ level)/2 quantiles of the resampled
    /// means (MathNet's R-8 quantile). NaN for fewer than 2 values. Unlike mean ± t·sem it needs no normality and is
    /// asymmetric for skewed data (ε_g near 0, success times).
    /// </summary>
    public static (double Lo, double Hi) MeanInterval(IEnumerable<double> values, int resamples = DefaultResamples, int seed = 1, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), "must be in (0, 1)");
        var x = values.Where(double.IsFinite).ToArray();
        int n = x.Length;
        if (n < 2) return (double.NaN, double.NaN);
        var rng = new Xoshiro256StarStar(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += x[rng.Next(n)];
            means[r] = sum / n;
        }
        Array.Sort(means);
        return (SortedArrayStatistics.QuantileCustom(means, (1 - level) / 2, QuantileDefinition.R8),
                SortedArrayStatistics.QuantileCustom(means, (1 + level) / 2, QuantileDefinition.R8));
    }
}
