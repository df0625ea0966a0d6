using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The float32 Gaussian tail and logarithm of the polarised units' exact message (<see cref="ExpandedFactor.PolarEdge"/>),
/// each as a scalar twin and lane twins (Vector512, Vector256) with the same IEEE operations in the same order (no FMA,
/// no runtime exp/log), so that every lane equals the scalar function bit for bit on every machine.
/// </summary>
internal static partial class ExpandedFactor
{
    private const float InvSqrt2F = 0.707106781f;

    // Chebyshev fit erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2), fractional error below 1.2·10⁻⁷ (CommitteeFactor.LogCdfLower's fit).
    private const float T0 = -1.26551223f, T1 = 1.00002368f, T2 = 0.37409196f, T3 = 0.09678418f, T4 = -0.18628806f,
        T5 = 0.27886807f, T6 = -1.13520398f, T7 = 1.48851587f, T8 = -0.82215223f, T9 = 0.17087277f;

    // fdlibm's e_logf.c: ln(1 + f) = f − hfsq + s(hfsq + R(s²)), s = f/(2 + f), mantissa reduced into [√2/2, √2); k·ln 2 with the
    // float exp's split (Ln2Hi has 15 significant bits, so k·Ln2Hi is exact for the |k| ≤ 126 of normal floats), not logf's own.
    private const float L1 = 0.66666662693f, L2 = 0.40000972152f, L3 = 0.28498786688f, L4 = 0.24279078841f;
    private const int SqrtHalfBitsF = 0x3F3504F3;
    private const int ExponentMaskF = unchecked((int)0xFF800000);

    /// <summary>Φ(−|z|) = ½ erfc(|z|/√2) = ½·t·e^{P(t) − a²}, a = |z|/√2; the exponent is clamped at −80 (<see cref="Exp(float)"/>),
    /// so below ≈ 10⁻³⁵ the value is an upper bound (callers keep such tails out of their results).</summary>
    public static float Tail(float z)
    {
        float a = MathF.Abs(z) * InvSqrt2F;
        float t = 1 / (1 + 0.5f * a);
        float p = T0 + t * (T1 + t * (T2 + t * (T3 + t * (T4 + t * (T5 + t * (T6 + t * (T7 + t * (T8 + t * T9))))))));
        return 0.5f * t * Exp(p - a * a);
    }

    /// <summary><see cref="Tail(float)"/> on sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tail(Vector512<float> z)
    {
        var a = Vector512.Abs(z) * Vector512.Create(InvSqrt2F);
        var t = Vector512<float>.One / (Vector512<float>.One + Vector512.Create(0.5f) * a);
        var p = Vector512.Create(T9);
        p = Vector512.Create(T8) + t * p;
        p = Vector512.Create(T7) + t * p;
        p = Vector512.Create(T6) + t * p;
        p = Vector512.Create(T5) + t * p;
        p = Vector512.Create(T4) + t * p;
        p = Vector512.Create(T3) + t * p;
        p = Vector512.Create(T2) + t * p;
        p = Vector512.Create(T1) + t * p;
        p = Vector512.Create(T0) + t * p;
        return Vector512.Create(0.5f) * t * Exp(p - a * a);
    }

    /// <summary><see cref="Tail(float)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tail(Vector256<float> z)
    {
        var a = Vector256.Abs(z) * Vector256.Create(InvSqrt2F);
        var t = Vector256<float>.One / (Vector256<float>.One + Vector256.Create(0.5f) * a);
        var p = Vector256.Create(T9);
        p = Vector256.Create(T8) + t * p;
        p = Vector256.Create(T7) + t * p;
        p = Vector256.Create(T6) + t * p;
        p = Vector256.Create(T5) + t * p;
        p = Vector256.Create(T4) + t * p;
        p = Vector256.Create(T3) + t * p;
        p = Vector256.Create(T2) + t * p;
        p = Vector256.Create(T1) + t * p;
        p = Vector256.Create(T0) + t * p;
        return Vector256.Create(0.5f) * t * Exp(p - a * a);
    }

    /// <summary>ln x for positive normal finite floats (fdlibm's e_logf.c reduction and polynomial; within 2.5·10⁻⁷ relative of
    /// ln x, tested);
    /// other inputs give meaningless bits (callers keep them out).</summary>
    public static float Log(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int tmp = bits - SqrtHalfBitsF;
        int k = tmp >> 23;
        float f = BitConverter.Int32BitsToSingle(bits - (tmp & ExponentMaskF)) - 1;
        float s = f / (2 + f);
        float z = s * s, w = z * z;
        float r = z * (L1 + w * L3) + w * (L2 + w * L4);
        float hfsq = 0.5f * f * f;
        float dk = k;
        return s * (hfsq + r) + dk * Ln2Lo - hfsq + f + dk * Ln2Hi;
    }

    /// <summary><see cref="Log(float)"/> on sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var tmp = bits - Vector512.Create(SqrtHalfBitsF);
        var k = Vector512.ShiftRightArithmetic(tmp, 23);
        var f = (bits - (tmp & Vector512.Create(ExponentMaskF))).AsSingle() - Vector512<float>.One;
        var s = f / (Vector512.Create(2f) + f);
        var z = s * s;
        var w = z * z;
        var r = z * (Vector512.Create(L1) + w * Vector512.Create(L3)) + w * (Vector512.Create(L2) + w * Vector512.Create(L4));
        var hfsq = Vector512.Create(0.5f) * f * f;
        var dk = Vector512.ConvertToSingle(k);
        return s * (hfsq + r) + dk * Vector512.Create(Ln2Lo) - hfsq + f + dk * Vector512.Create(Ln2Hi);
    }

    /// <summary><see cref="Log(float)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var tmp = bits - Vector256.Create(SqrtHalfBitsF);
        var k = Vector256.ShiftRightArithmetic(tmp, 23);
        var f = (bits - (tmp & Vector256.Create(ExponentMaskF))).AsSingle() - Vector256<float>.One;
        var s = f / (Vector256.Create(2f) + f);
        var z = s * s;
        var w = z * z;
        var r = z * (Vector256.Create(L1) + w * Vector256.Create(L3)) + w * (Vector256.Create(L2) + w * Vector256.Create(L4));
        var hfsq = Vector256.Create(0.5f) * f * f;
        var dk = Vector256.ConvertToSingle(k);
        return s * (hfsq + r) + dk * Vector256.Create(Ln2Lo) - hfsq + f + dk * Vector256.Create(Ln2Hi);
    }
}
