using MathNet.Numerics.Distributions;

namespace MCoverPhysics.Analysis.Statistics;

/// <summary>A success probability estimated from k successes in n trials, with its Wilson score interval.</summary>
/// <param name="Successes">k.</param>
/// <param name="Trials">n.</param>
/// <param name="Lo">Lower end of the interval.</param>
/// <param name="Hi">Upper end of the interval.</param>
public sealed record Proportion(int Successes, int Trials, double Lo, double Hi)
{
    /// <summary>k/n (NaN for n = 0).</summary>
    public double Estimate => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>
    /// Wilson score interval (Wilson 1927): (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z the normal quantile
    /// (MathNet). Unlike p̂ ± z·sem it stays inside [0, 1] and is not empty at k = 0 or k = n.
    /// </summary>
    public static Proportion Wilson(int successes, int trials, double level = 0.95)
    {
        if (trials < 0 || successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), "need 0 ≤ k ≤ n");
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), "must be in (0, 1)");
        if (trials == 0) return new Proportion(0, 0, double.NaN, double.NaN);
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2), n = trials, p = successes / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // At k = 0 (k = n) the lower (upper) end is 0 (1) exactly; rounding would leave ±1e-17.
        return new Proportion(successes, trials, successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }
}
