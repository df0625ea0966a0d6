using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The element functions of the committee factor, each as a scalar twin and an eight-lane twin that perform the same IEEE
/// operations (+, −, ×, ÷, √, min/max, comparisons, integer bit moves; no FMA, no runtime exp/log) in the same order, so
/// that every lane equals the scalar function bit for bit on every machine. The scalar twins are what
/// <see cref="Messages"/> calls; <see cref="MessagesFast"/> calls the lane twins.
/// </summary>
internal static partial class CommitteeFactor
{
    private const double InvLn2 = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm: 32 trailing zero bits, so k·Ln2Hi is exact
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Shifter = 6755399441055744.0;       // 1.5·2⁵²: x + Shifter rounds x to an integer (ties to even)
    private const double ExpLow = -745.2, ExpHigh = 709.8;    // exp is 0 below, ∞ above
    private const double InvSqrt2 = 0.70710678118654752440, Ln2 = 0.69314718055994530942;
    private const ulong SqrtHalfBits = 0x3FE6A09E00000000;    // ≈ √2/2: mantissas are reduced into [√2/2, √2)
    private const double MinNormal = 2.2250738585072014e-308;

    // Taylor coefficients of e^r, |r| ≤ ln2/2 (truncation below 2·10⁻¹⁶ relative).
    private const double E2 = 1.0 / 2, E3 = 1.0 / 6, E4 = 1.0 / 24, E5 = 1.0 / 120, E6 = 1.0 / 720, E7 = 1.0 / 5040,
        E8 = 1.0 / 40320, E9 = 1.0 / 362880, E10 = 1.0 / 3628800, E11 = 1.0 / 39916800, E12 = 1.0 / 479001600;

    // fdlibm's e_log.c: ln(1 + f) = f − hfsq + s(hfsq + R(s²)), s = f/(2 + f).
    private const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
        Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;

    /// <summary>Sum of eight lane partials in the fixed order ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)).</summary>
    public static double LaneSum(ReadOnlySpan<double> l) => ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));

    /// <summary><see cref="LaneSum(ReadOnlySpan{double})"/> of a vector's lanes (upper half onto lower, twice, then the two left).</summary>
    public static double LaneSum(Vector512<double> v)
    {
        var q = v.GetLower() + v.GetUpper();  // l0+l4, l1+l5, l2+l6, l3+l7
        var h = q.GetLower() + q.GetUpper();  // (l0+l4)+(l2+l6), (l1+l5)+(l3+l7)
        return h.GetElement(0) + h.GetElement(1);
    }

    /// <summary>e^x: x = k ln 2 + r, Taylor polynomial of degree 12 in r, times 2^⌊k/2⌋·2^(k−⌊k/2⌋) (subnormal results round once).</summary>
    public static double Exp(double x)
    {
        x = x < ExpLow ? ExpLow : x;
        x = x > ExpHigh ? ExpHigh : x;
        double shifted = x * InvLn2 + Shifter;
        double kd = shifted - Shifter;
        double r = (x - kd * Ln2Hi) - kd * Ln2Lo;
        double p = 1 + r * (1 + r * (E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8 + r * (E9 + r * (E10 + r * (E11 + r * E12)))))))))));
        long k = BitConverter.DoubleToInt64Bits(shifted) - BitConverter.DoubleToInt64Bits(Shifter);
        long k1 = k >> 1, k2 = k - k1;
        return p * BitConverter.Int64BitsToDouble((k1 + 1023) << 52) * BitConverter.Int64BitsToDouble((k2 + 1023) << 52);
    }

    /// <summary><see cref="Exp(double)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        var low = Vector512.Create(ExpLow);
        var high = Vector512.Create(ExpHigh);
        var shifter = Vector512.Create(Shifter);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, low), low, x);
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, high), high, x);
        var shifted = x * Vector512.Create(InvLn2) + shifter;
        var kd = shifted - shifter;
        var r = (x - kd * Vector512.Create(Ln2Hi)) - kd * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(E12);
        p = Vector512.Create(E11) + r * p;
        p = Vector512.Create(E10) + r * p;
        p = Vector512.Create(E9) + r * p;
        p = Vector512.Create(E8) + r * p;
        p = Vector512.Create(E7) + r * p;
        p = Vector512.Create(E6) + r * p;
        p = Vector512.Create(E5) + r * p;
        p = Vector512.Create(E4) + r * p;
        p = Vector512.Create(E3) + r * p;
        p = Vector512.Create(E2) + r * p;
        p = Vector512<double>.One + r * p;
        p = Vector512<double>.One + r * p;
        var k = shifted.AsInt64() - shifter.AsInt64();
        var k1 = Vector512.ShiftRightArithmetic(k, 1);
        var k2 = k - k1;
        var bias = Vector512.Create(1023L);
        return p * Vector512.ShiftLeft(k1 + bias, 52).AsDouble() * Vector512.ShiftLeft(k2 + bias, 52).AsDouble();
    }

    /// <summary>ln x for normal positive finite x (fdlibm's reduction and polynomial); any other x goes to <see cref="Math.Log(double)"/>.</summary>
    public static double Log(double x)
    {
        if (!(x >= MinNormal && x < double.PositiveInfinity)) return Math.Log(x);
        long bits = BitConverter.DoubleToInt64Bits(x);
        long tmp = bits - (long)SqrtHalfBits;
        long k = tmp >> 52;
        double f = BitConverter.Int64BitsToDouble(bits - (tmp & unchecked((long)0xFFF0000000000000))) - 1;
        double s = f / (2 + f);
        double z = s * s, w = z * z;
        double r = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7))) + w * (Lg2 + w * (Lg4 + w * Lg6));
        double hfsq = 0.5 * f * f;
        double dk = k;
        return s * (hfsq + r) + dk * Ln2Lo - hfsq + f + dk * Ln2Hi;
    }

    /// <summary><see cref="Log(double)"/> on eight lanes (lanes outside the normal range are patched one by one with <see cref="Math.Log(double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        var bits = x.AsInt64();
        var tmp = bits - Vector512.Create((long)SqrtHalfBits);
        var k = Vector512.ShiftRightArithmetic(tmp, 52);
        var f = (bits - (tmp & Vector512.Create(unchecked((long)0xFFF0000000000000)))).AsDouble() - Vector512<double>.One;
        var s = f / (Vector512.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var r = z * (Vector512.Create(Lg1) + w * (Vector512.Create(Lg3) + w * (Vector512.Create(Lg5) + w * Vector512.Create(Lg7))))
            + w * (Vector512.Create(Lg2) + w * (Vector512.Create(Lg4) + w * Vector512.Create(Lg6)));
        var hfsq = Vector512.Create(0.5) * f * f;
        var dk = Vector512.ConvertToDouble(k);
        var result = s * (hfsq + r) + dk * Vector512.Create(Ln2Lo) - hfsq + f + dk * Vector512.Create(Ln2Hi);
        var normal = Vector512.GreaterThanOrEqual(x, Vector512.Create(MinNormal)) & Vector512.LessThan(x, Vector512.Create(double.PositiveInfinity));
        if (Vector512.EqualsAll(normal.AsInt64(), Vector512<long>.AllBitsSet)) return result;
        for (int j = 0; j < 8; j++)
            if (normal.AsInt64().GetElement(j) == 0) result = result.WithElement(j, Math.Log(x.GetElement(j)));
        return result;
    }

    /// <summary>tanh x = sign(x)·(1 − e)/(1 + e), e = exp(−2|x|).</summary>
    public static double Tanh(double x)
    {
        double e = Exp(-2.0 * Math.Abs(x));
        double magnitude = (1 - e) / (1 + e);
        return x < 0 ? -magnitude : magnitude;
    }

    /// <summary><see cref="Tanh(double)"/> on eight lanes.</summary>
    public static Vector512<double> Tanh(Vector512<double> x)
    {
        var e = Exp(Vector512.Create(-2.0) * Vector512.Abs(x));
        var magnitude = (Vector512<double>.One - e) / (Vector512<double>.One + e);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -magnitude, magnitude);
    }

    /// <summary>
    /// ln Φ(−|x|) = ln(erfc(z)/2), z = |x|/√2, from the Chebyshev fit erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2) (the fast
    /// family of <see cref="Models.Statistics.NormalFunctions"/>).
    /// </summary>
    public static double LogCdfLower(double x)
    {
        double z = Math.Abs(x) * InvSqrt2;
        double t = 1 / (1 + 0.5 * z);
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        return Log(t) + poly - z * z - Ln2;
    }

    /// <summary><see cref="LogCdfLower(double)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogCdfLower(Vector512<double> x)
    {
        var z = Vector512.Abs(x) * Vector512.Create(InvSqrt2);
        var t = Vector512<double>.One / (Vector512<double>.One + Vector512.Create(0.5) * z);
        var poly = Vector512.Create(0.17087277);
        poly = Vector512.Create(-0.82215223) + t * poly;
        poly = Vector512.Create(1.48851587) + t * poly;
        poly = Vector512.Create(-1.13520398) + t * poly;
        poly = Vector512.Create(0.27886807) + t * poly;
        poly = Vector512.Create(-0.18628806) + t * poly;
        poly = Vector512.Create(0.09678418) + t * poly;
        poly = Vector512.Create(0.37409196) + t * poly;
        poly = Vector512.Create(1.00002368) + t * poly;
        poly = Vector512.Create(-1.26551223) + t * poly;
        return Log(t) + poly - z * z - Vector512.Create(Ln2);
    }

    /// <summary>Smallest A = q₊Φ(z) + q₋Φ(−z) taken in the linear domain; below it (deep tails) the log-domain <see cref="Mix(double, double, double)"/>.</summary>
    internal const double LinearFloor = 1e-280;

    /// <summary>
    /// ln[P(+)Φ(z) + P(−)Φ(−z)] in the linear domain, q± = P(±)/max P (<paramref name="qp"/>, <paramref name="qm"/>): one tail
    /// e = Φ(−|z|), A = q₊Φ(z) + q₋Φ(−z) with Φ(|z|) = 1 − e (non-negative terms, no cancellation), ln A + max ln P; where A
    /// underflows below <see cref="LinearFloor"/>, the log-domain <see cref="Mix(double, double, double)"/>.
    /// </summary>
    public static double LogMix(double qp, double qm, double logPlus, double logMinus, double z)
    {
        double e = Exp(LogCdfLower(z));
        double rest = 1 - e;
        bool negative = z <= 0;
        double a = qp * (negative ? e : rest) + qm * (negative ? rest : e);
        double top = Math.Max(logPlus, logMinus);
        return a < LinearFloor ? Mix(logPlus, logMinus, z) : top + Log(a);
    }

    /// <summary><see cref="LogMix(double, double, double, double, double)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogMix(Vector512<double> qp, Vector512<double> qm, Vector512<double> logPlus, Vector512<double> logMinus, Vector512<double> z)
    {
        var e = Exp(LogCdfLower(z));
        var rest = Vector512<double>.One - e;
        var negative = Vector512.LessThanOrEqual(z, Vector512<double>.Zero);
        var a = qp * Vector512.ConditionalSelect(negative, e, rest) + qm * Vector512.ConditionalSelect(negative, rest, e);
        var top = Vector512.Max(logPlus, logMinus);
        var floor = Vector512.Create(LinearFloor);
        if (!Vector512.LessThanAny(a, floor)) return top + Log(a);
        // lanes with a ≥ floor: top + ln a as above; the others from the log domain
        return Vector512.ConditionalSelect(Vector512.LessThan(a, floor), Mix(logPlus, logMinus, z), top + Log(Vector512.Max(a, floor)));
    }

    /// <summary>ln[P(+)Φ(z) + P(−)Φ(−z)] from the logs (one tail evaluation gives ln Φ(z) and ln Φ(−z)).</summary>
    public static double Mix(double logPlus, double logMinus, double z)
    {
        double lower = LogCdfLower(z);      // ln Φ(−|z|)
        double upper = Log(1 - Exp(lower)); // ln Φ(|z|)
        bool negative = z <= 0;
        double a = logPlus + (negative ? lower : upper), b = logMinus + (negative ? upper : lower);
        double high = Math.Max(a, b);
        return high + Log(1 + Exp(Math.Min(a, b) - high));
    }

    /// <summary><see cref="Mix(double, double, double)"/> on eight lanes.</summary>
    public static Vector512<double> Mix(Vector512<double> logPlus, Vector512<double> logMinus, Vector512<double> z)
    {
        var lower = LogCdfLower(z);
        var upper = Log(Vector512<double>.One - Exp(lower));
        var negative = Vector512.LessThanOrEqual(z, Vector512<double>.Zero);
        var a = logPlus + Vector512.ConditionalSelect(negative, lower, upper);
        var b = logMinus + Vector512.ConditionalSelect(negative, upper, lower);
        var high = Vector512.Max(a, b);
        return high + Log(Vector512<double>.One + Exp(Vector512.Min(a, b) - high));
    }
}
