using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The float32 element functions of the expanded factor, each as a scalar twin and lane twins (Vector512, Vector256) that
/// perform the same IEEE operations (+, −, ×, ÷, min/max, comparisons, integer bit moves; no FMA, no runtime exp) in the
/// same order, so that every lane equals the scalar function bit for bit on every machine.
/// </summary>
internal static partial class ExpandedFactor
{
    private const float InvLn2 = 1.44269504f;
    private const float Ln2Hi = 0.693145751953125f;   // 0x3F317200: 9 trailing zero bits, so k·Ln2Hi is exact for |k| < 256
    private const float Ln2Lo = 1.42860682e-06f;      // ln 2 − Ln2Hi
    private const float Shifter = 12582912f;          // 1.5·2²³: x + Shifter rounds x to an integer (ties to even)
    private const float ExpLimit = 80f;               // e^x is computed for |x| ≤ 80 (normal floats)

    // Taylor coefficients of e^r, |r| ≤ ln2/2 (truncation below 10⁻⁸ relative).
    private const float F2 = 1f / 2, F3 = 1f / 6, F4 = 1f / 24, F5 = 1f / 120, F6 = 1f / 720, F7 = 1f / 5040;

    /// <summary>Sum of sixteen lane partials in the fixed order of <see cref="LaneSum(Vector512{float})"/>: lanes j and j + 8, then j and j + 4, j and j + 2, then the two left.</summary>
    public static float LaneSum(ReadOnlySpan<float> l)
    {
        Span<float> q = stackalloc float[8];
        for (int j = 0; j < 8; j++) q[j] = l[j] + l[j + 8];
        float h0 = q[0] + q[4], h1 = q[1] + q[5], h2 = q[2] + q[6], h3 = q[3] + q[7];
        return (h0 + h2) + (h1 + h3);
    }

    /// <summary><see cref="LaneSum(ReadOnlySpan{float})"/> of a vector's lanes.</summary>
    public static float LaneSum(Vector512<float> v) => LaneSum(v.GetLower(), v.GetUpper());

    /// <summary><see cref="LaneSum(ReadOnlySpan{float})"/> of sixteen lanes held as lanes 0–7 (<paramref name="low"/>) and 8–15 (<paramref name="high"/>).</summary>
    public static float LaneSum(Vector256<float> low, Vector256<float> high)
    {
        var q = low + high;
        var h = q.GetLower() + q.GetUpper();
        return (h.GetElement(0) + h.GetElement(2)) + (h.GetElement(1) + h.GetElement(3));
    }

    /// <summary>e^x for |x| ≤ 80 (clamped beyond): x = k ln 2 + r, Taylor polynomial of degree 7 in r, times 2^k.</summary>
    public static float Exp(float x)
    {
        x = x < -ExpLimit ? -ExpLimit : x;
        x = x > ExpLimit ? ExpLimit : x;
        float shifted = x * InvLn2 + Shifter;
        float kd = shifted - Shifter;
        float r = (x - kd * Ln2Hi) - kd * Ln2Lo;
        float p = 1 + r * (1 + r * (F2 + r * (F3 + r * (F4 + r * (F5 + r * (F6 + r * F7))))));
        int k = BitConverter.SingleToInt32Bits(shifted) - BitConverter.SingleToInt32Bits(Shifter);
        return p * BitConverter.Int32BitsToSingle((k + 127) << 23);
    }

    /// <summary><see cref="Exp(float)"/> on sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var limit = Vector512.Create(ExpLimit);
        var shifter = Vector512.Create(Shifter);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, -limit), -limit, x);
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, limit), limit, x);
        var shifted = x * Vector512.Create(InvLn2) + shifter;
        var kd = shifted - shifter;
        var r = (x - kd * Vector512.Create(Ln2Hi)) - kd * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(F7);
        p = Vector512.Create(F6) + r * p;
        p = Vector512.Create(F5) + r * p;
        p = Vector512.Create(F4) + r * p;
        p = Vector512.Create(F3) + r * p;
        p = Vector512.Create(F2) + r * p;
        p = Vector512<float>.One + r * p;
        p = Vector512<float>.One + r * p;
        var k = shifted.AsInt32() - shifter.AsInt32();
        return p * Vector512.ShiftLeft(k + Vector512.Create(127), 23).AsSingle();
    }

    /// <summary><see cref="Exp(float)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var limit = Vector256.Create(ExpLimit);
        var shifter = Vector256.Create(Shifter);
        x = Vector256.ConditionalSelect(Vector256.LessThan(x, -limit), -limit, x);
        x = Vector256.ConditionalSelect(Vector256.GreaterThan(x, limit), limit, x);
        var shifted = x * Vector256.Create(InvLn2) + shifter;
        var kd = shifted - shifter;
        var r = (x - kd * Vector256.Create(Ln2Hi)) - kd * Vector256.Create(Ln2Lo);
        var p = Vector256.Create(F7);
        p = Vector256.Create(F6) + r * p;
        p = Vector256.Create(F5) + r * p;
        p = Vector256.Create(F4) + r * p;
        p = Vector256.Create(F3) + r * p;
        p = Vector256.Create(F2) + r * p;
        p = Vector256<float>.One + r * p;
        p = Vector256<float>.One + r * p;
        var k = shifted.AsInt32() - shifter.AsInt32();
        return p * Vector256.ShiftLeft(k + Vector256.Create(127), 23).AsSingle();
    }

    /// <summary>tanh x = sign(x)·(1 − e)/(1 + e), e = e^{−2|x|} (absolute error below 2·10⁻⁷).</summary>
    public static float Tanh(float x)
    {
        float e = Exp(-2f * MathF.Abs(x));
        float magnitude = (1 - e) / (1 + e);
        return x < 0 ? -magnitude : magnitude;
    }

    /// <summary><see cref="Tanh(float)"/> on sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var e = Exp(Vector512.Create(-2f) * Vector512.Abs(x));
        var magnitude = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -magnitude, magnitude);
    }

    /// <summary><see cref="Tanh(float)"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var e = Exp(Vector256.Create(-2f) * Vector256.Abs(x));
        var magnitude = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -magnitude, magnitude);
    }

    /// <summary>The edge message before damping: clamp(ξ·g − m·g′, ±cap).</summary>
    public static float Edge(float x, float c, float g, float g2, float cap) => MathF.Min(MathF.Max(x * g - c * g2, -cap), cap);

    /// <summary><see cref="Edge(float, float, float, float, float)"/> on sixteen lanes.</summary>
    public static Vector512<float> Edge(Vector512<float> x, Vector512<float> c, Vector512<float> g, Vector512<float> g2, Vector512<float> cap)
        => Vector512.Min(Vector512.Max(x * g - c * g2, -cap), cap);

    /// <summary><see cref="Edge(float, float, float, float, float)"/> on eight lanes.</summary>
    public static Vector256<float> Edge(Vector256<float> x, Vector256<float> c, Vector256<float> g, Vector256<float> g2, Vector256<float> cap)
        => Vector256.Min(Vector256.Max(x * g - c * g2, -cap), cap);
}
