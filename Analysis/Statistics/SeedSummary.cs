using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace MCoverPhysics.Analysis.Statistics;

/// <summary>Mean over seeds with its standard error and a 95% Student-t interval.</summary>
/// <param name="Count">Number of finite values summarised.</param>
/// <param name="Mean">Sample mean.</param>
/// <param name="Sem">Standard error s/√n (NaN for n &lt; 2).</param>
/// <param name="CiLo">Lower end of the 95% interval mean − t_{0.975,n−1}·sem.</param>
/// <param name="CiHi">Upper end of the 95% interval.</param>
public sealed record SeedSummary(int Count, double Mean, double Sem, double CiLo, double CiHi)
{
    /// <summary>
    /// Summarises the finite values (NaN entries, e.g. q for M = 1, are left out and not counted).
    /// Uses MathNet.Numerics.Statistics for the moments and MathNet's Student-t quantile for the interval.
    /// </summary>
    public static SeedSummary Of(IEnumerable<double> values)
    {
        var x = values.Where(double.IsFinite).ToArray();
        int n = x.Length;
        if (n == 0) return new SeedSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = x.Mean();
        if (n == 1) return new SeedSummary(1, mean, double.NaN, double.NaN, double.NaN);
        double sem = x.StandardDeviation() / Math.Sqrt(n);
        double t = StudentT.InvCDF(0, 1, n - 1, 0.975);
        return new SeedSummary(n, mean, sem, mean - t * sem, mean + t * sem);
    }
}
