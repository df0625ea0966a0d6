using MathNet.Numerics;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>
/// The standard normal pdf φ, CDF Φ and the combinations the perceptron saddle points need (ln Φ, φ/Φ, Φ ln Φ),
/// evaluated without underflow or cancellation deep in the tails.
/// </summary>
/// <remarks>
/// Φ(x) = ½ erfc(−x/√2) keeps full relative precision while it is representable (MathNet's Erfc is relatively accurate
/// in the upper tail). For x &lt; −<see cref="TailStart"/> everything goes through the Mills ratio R(y) = Φ(−y)/φ(y),
/// y = −x, from its Laplace continued fraction, so ln Φ(x) = −x²/2 − ln√(2π) + ln R(−x) and φ(x)/Φ(x) = 1/R(−x)
/// stay finite where Φ itself would underflow (x ≲ −38).
/// </remarks>
public static class NormalFunctions
{
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;
    private const double LogSqrt2Pi = 0.918938533204672741780329736406;

    /// <summary>Beyond this distance into the lower tail the Mills-ratio continued fraction is used.</summary>
    public const double TailStart = 6.0;

    // Terms of the continued fraction: at y ≥ 6 its truncation error is below 1e-16 relative (checked in the tests
    // against ½ erfc(y/√2)/φ(y) where both are accurate).
    private const int ContinuedFractionTerms = 120;

    /// <summary>φ(x) = e^{−x²/2}/√(2π).</summary>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Φ(x) = ½ erfc(−x/√2), relatively accurate in both tails (0 below x ≈ −38.5).</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2.0));

    /// <summary>Mills ratio R(y) = Φ(−y)/φ(y) = (1 − Φ(y))/φ(y); finite for every y ≥ 0 (R ~ 1/y for large y).</summary>
    public static double MillsRatio(double y)
    {
        if (y < TailStart) return Cdf(-y) / Pdf(y);
        // R(y) = 1/(y + 1/(y + 2/(y + 3/(y + …)))), evaluated from the tail backwards.
        double t = y;
        for (int k = ContinuedFractionTerms; k >= 1; k--) t = y + k / t;
        return 1.0 / t;
    }

    /// <summary>ln Φ(x), finite for every finite x.</summary>
    public static double LogCdf(double x)
    {
        if (x < -TailStart) return -0.5 * x * x - LogSqrt2Pi + Math.Log(MillsRatio(-x)); // ln φ(x) + ln R(−x)
        if (x > 1) return LogOnePlus(-Cdf(-x)); // ln(1 − Φ(−x)) without cancellation
        return Math.Log(Cdf(x));
    }

    /// <summary>φ(x)/Φ(x) (the inverse Mills ratio of −x); ~ −x for x → −∞, ~ φ(x) for x → +∞.</summary>
    public static double PdfOverCdf(double x) => x < -TailStart ? 1.0 / MillsRatio(-x) : Pdf(x) / Cdf(x);

    /// <summary>Φ(x) ln Φ(x); tends to 0 in both tails.</summary>
    public static double CdfLogCdf(double x) => x < -TailStart ? Pdf(x) * MillsRatio(-x) * LogCdf(x) : Cdf(x) * LogCdf(x);

    /// <summary>ln(1 + x) to full relative precision for small |x| (Goldberg's trick: the rounding of 1 + x cancels).</summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
