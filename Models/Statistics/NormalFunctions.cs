using System.Runtime.Intrinsics;
using MathNet.Numerics;

namespace MCoverPhysics.Models.Statistics;

/// <summary>
/// The standard normal pdf φ, CDF Φ and the tail combinations the theory and message passing need (ln Φ, φ/Φ, Φ ln Φ),
/// evaluated without underflow or cancellation deep in the tails. H(x) = Φ(−x).
/// </summary>
/// <remarks>
/// Two families, kept apart because results depend on their exact bits:
/// <list type="bullet">
/// <item>Accurate (theory, saddle points): Φ(x) = ½ erfc(−x/√2) from MathNet's relatively accurate Erfc; for
/// x &lt; −<see cref="TailStart"/> everything goes through the Mills ratio R(y) = Φ(−y)/φ(y), y = −x, from its Laplace
/// continued fraction, so ln Φ(x) = −x²/2 − ln√(2π) + ln R(−x) and φ(x)/Φ(x) = 1/R(−x) stay finite where Φ itself would
/// underflow (x ≲ −38).</item>
/// <item>Fast (message passing, on every edge): ln erfc(z), z ≥ 0, from the Chebyshev fit erfc(z) = t·exp(−z² + P(t)),
/// t = 1/(1 + z/2), fractional error below 1.2·10⁻⁷ for every z ≥ 0 (Press et al., Numerical Recipes, 2nd ed., §6.2).
/// Working in logs, the −z² term cancels exactly against φ's exponent, so φ/Φ stays finite where Φ underflows.</item>
/// </list>
/// </remarks>
public static class NormalFunctions
{
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;
    private const double LogSqrt2Pi = 0.918938533204672741780329736406;
    private const double InvSqrt2 = 0.70710678118654752440, Ln2 = 0.69314718055994530942;

    /// <summary>Beyond this distance into the lower tail the Mills-ratio continued fraction is used.</summary>
    public const double TailStart = 6.0;

    // Terms of the continued fraction: at y ≥ 6 its truncation error is below 1e-16 relative (checked in the tests
    // against ½ erfc(y/√2)/φ(y) where both are accurate).
    private const int ContinuedFractionTerms = 120;

    /// <summary>φ(x) = e^{−x²/2}/√(2π).</summary>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Φ(x) = ½ erfc(−x/√2), relatively accurate in both tails (0 below x ≈ −38.5).</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2.0));

    /// <summary>
    /// (Φ(x), Φ(−x)) bit for bit as (<see cref="Cdf"/>(x), <see cref="Cdf"/>(−x)) with one MathNet evaluation instead of two:
    /// with z = −x/√2 and a = |z|, MathNet computes erfc(−a) as 2 − erfc(a) for a &gt; ½ and erfc(±a) as 1 ∓ erf(a) for
    /// 0 &lt; a &lt; ½, so those are formed here from the one value; a = 0, a = ½ exactly and non-finite x take the two
    /// plain calls. NormalFunctionsTests checks the bits against <see cref="Cdf"/> across every branch of MathNet's erfc.
    /// </summary>
    public static (double Plus, double Minus) CdfPair(double x)
    {
        double z = -x / Math.Sqrt(2.0), a = Math.Abs(z); // Φ(x) = ½ erfc(z), Φ(−x) = ½ erfc(−z)
        if (a > 0.5 && a < double.PositiveInfinity)
        {
            double e = SpecialFunctions.Erfc(a), f = 2 - e;
            return z > 0 ? (0.5 * e, 0.5 * f) : (0.5 * f, 0.5 * e);
        }
        if (a > 0 && a < 0.5)
        {
            double r = SpecialFunctions.Erf(a), below = 1 - r, above = 1 + r;
            return z > 0 ? (0.5 * below, 0.5 * above) : (0.5 * above, 0.5 * below);
        }
        return (Cdf(x), Cdf(-x));
    }

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
    public static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>ln erfc(z) + z² for z ≥ 0 (the smooth part of ln erfc; fast family).</summary>
    private static double ScaledLogErfc(double z)
    {
        double t = 1 / (1 + 0.5 * z);
        return Math.Log(t) - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    }

    /// <summary>ln Φ(x), fast family (relative error of Φ below 1.2·10⁻⁷).</summary>
    public static double FastLogCdf(double x)
    {
        double z = Math.Abs(x) * InvSqrt2;
        double lower = ScaledLogErfc(z) - z * z - Ln2; // ln Φ(−|x|) = ln(erfc(|x|/√2)/2)
        return x <= 0 ? lower : double.LogP1(-Math.Exp(lower));
    }

    /// <summary>ln Φ(x) on eight lanes (same formula as <see cref="FastLogCdf(double)"/>).</summary>
    public static Vector512<double> FastLogCdf(Vector512<double> x)
    {
        var z = Vector512.Abs(x) * Vector512.Create(InvSqrt2);
        var t = Vector512<double>.One / (Vector512<double>.One + Vector512.Create(0.5) * z);
        var poly = Vector512.Create(0.17087277);
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(-0.82215223));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(1.48851587));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(-1.13520398));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(0.27886807));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(-0.18628806));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(0.09678418));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(0.37409196));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(1.00002368));
        poly = Vector512.FusedMultiplyAdd(poly, t, Vector512.Create(-1.26551223));
        var lower = Vector512.Log(t) + poly - z * z - Vector512.Create(Ln2);
        var upper = Vector512.Log(Vector512<double>.One - Vector512.Exp(lower));
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<double>.Zero), lower, upper);
    }

    /// <summary>φ(x)/Φ(x), fast family (→ −x as x → −∞).</summary>
    public static double FastPdfOverCdf(double x)
    {
        if (x > 0) return Math.Exp(-0.5 * x * x - LogSqrt2Pi - FastLogCdf(x));
        // ln φ(x) − ln Φ(x) = −x²/2 − ln√(2π) − (ScaledLogErfc(z) − z² − ln 2), z² = x²/2: the quadratic terms cancel.
        return Math.Exp(Ln2 - LogSqrt2Pi - ScaledLogErfc(-x * InvSqrt2));
    }
}
