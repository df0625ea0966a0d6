using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The Gaussian tail functions message passing needs on every edge: ln Φ(x) and φ(x)/Φ(x), with Φ the standard normal
/// distribution function, stable for any x (no underflow of Φ far in the lower tail).
/// </summary>
/// <remarks>
/// ln erfc(z), z ≥ 0, from the Chebyshev fit erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2), fractional error below
/// 1.2·10⁻⁷ for every z ≥ 0 (Press et al., Numerical Recipes, 2nd ed., §6.2). Working in logs, the −z² term cancels
/// exactly against φ's exponent, so φ/Φ stays finite where Φ itself underflows.
/// </remarks>
public static class Gaussian
{
    private const double InvSqrt2 = 0.70710678118654752440, Ln2 = 0.69314718055994530942, LnSqrt2Pi = 0.91893853320467274178;

    /// <summary>ln erfc(z) + z² for z ≥ 0 (the smooth part of ln erfc).</summary>
    private static double ScaledLogErfc(double z)
    {
        double t = 1 / (1 + 0.5 * z);
        return Math.Log(t) - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    }

    /// <summary>ln Φ(x).</summary>
    public static double LogPhi(double x)
    {
        double z = Math.Abs(x) * InvSqrt2;
        double lower = ScaledLogErfc(z) - z * z - Ln2; // ln Φ(−|x|) = ln(erfc(|x|/√2)/2)
        return x <= 0 ? lower : double.LogP1(-Math.Exp(lower));
    }

    /// <summary>ln Φ(x) on eight lanes (same formula as <see cref="LogPhi(double)"/>).</summary>
    public static Vector512<double> LogPhi(Vector512<double> x)
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

    /// <summary>tanh(x) on eight lanes: sign(x)·(1 − e)/(1 + e), e = exp(−2|x|).</summary>
    public static Vector512<double> Tanh(Vector512<double> x)
    {
        var e = Vector512.Exp(Vector512.Create(-2.0) * Vector512.Abs(x));
        var magnitude = (Vector512<double>.One - e) / (Vector512<double>.One + e);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -magnitude, magnitude);
    }

    /// <summary>φ(x)/Φ(x) (the inverse Mills ratio of the lower tail; → −x as x → −∞).</summary>
    public static double PhiRatio(double x)
    {
        if (x > 0) return Math.Exp(-0.5 * x * x - LnSqrt2Pi - LogPhi(x));
        // ln φ(x) − ln Φ(x) = −x²/2 − ln√(2π) − (ScaledLogErfc(z) − z² − ln 2), z² = x²/2: the quadratic terms cancel.
        return Math.Exp(Ln2 - LnSqrt2Pi - ScaledLogErfc(-x * InvSqrt2));
    }
}
