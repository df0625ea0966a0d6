using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class ExpandedFactor
{
    /// <summary>Below this unit variance V_k the expansion parameter 1/√V_k is not small (a polarised unit): the unit's
    /// edges take the exact message instead (relative error of the expansion ≈ 1/V_k).</summary>
    public const double MinExpandVariance = 25;

    /// <summary>Smallest mixture A = q₊Φ(z) + q₋Φ(−z) the float message takes; an edge with a smaller A (deep tails, where the
    /// float tail is clamped) takes the double message <see cref="ExactEdge"/> instead.</summary>
    internal const float PolarFloor = 1e-25f;

    /// <summary>
    /// The exact message of an edge of a polarised unit in float32: u = ½ ln[A(z₊)/A(z₋)], z± = (ω̄ ± ξ)/√(V − 1 + m²),
    /// ω̄ = ω − ξm, A(z) = q₊Φ(z) + q₋Φ(−z) with q± = P(τ = ±1)/max P (the two ln max P cancel in the difference), one
    /// <see cref="Tail(float)"/> per z and one <see cref="Log(float)"/> per edge. Returns the two mixtures; the caller takes
    /// ½ ln(a₊/a₋) where both are at least <see cref="PolarFloor"/>.
    /// </summary>
    public static (float Plus, float Minus) PolarEdge(float c, float x, float v, float w, float qp, float qm, float floor)
    {
        float inv = 1 / MathF.Sqrt(MathF.Max(v - (1 - c * c), floor));
        float wc = w - x * c;
        float za = (wc + x) * inv, zb = (wc - x) * inv;
        float ea = Tail(za), eb = Tail(zb);
        float ra = 1 - ea, rb = 1 - eb; // Φ(|z|)
        float a = qp * (za <= 0 ? ea : ra) + qm * (za <= 0 ? ra : ea);
        float b = qp * (zb <= 0 ? eb : rb) + qm * (zb <= 0 ? rb : eb);
        return (a, b);
    }

    /// <summary>The double exact message (<see cref="CommitteeFactor.EdgeMessage"/>), damped: the fallback of an edge whose float mixture is below <see cref="PolarFloor"/>.</summary>
    private static float ExactEdge(double c, double x, double v, double w, double qp, double qm, double lp, double lm, double damping,
        double maxMessage, float old)
        => (float)((1 - damping) * CommitteeFactor.EdgeMessage(c, x, v, w, qp, qm, lp, lm, maxMessage) + damping * old);

    /// <summary>
    /// A polarised unit (V_k &lt; <see cref="MinExpandVariance"/>): its edges get the exact message ½[L(ω̄ + ξ) − L(ω̄ − ξ)]
    /// with the edge's own cavity field and variance (<see cref="PolarEdge"/>, float32, clipped, then damped in float as the
    /// expanded edges; <see cref="ExactEdge"/> where the mixture underflows). Scalar code: the oracle of
    /// <see cref="ExactUnitFast"/>. Returns false (nothing written) for a soft unit.
    /// </summary>
    private static bool ExactUnit(int hidden, int k, int n, ReadOnlySpan<float> x, ReadOnlySpan<float> cavity, ReadOnlySpan<float> old,
        double damping, double maxMessage, ReadOnlySpan<double> units, Span<float> next)
    {
        if (units[hidden + k] >= MinExpandVariance) return false;
        var p = Polar.Of(hidden, k, damping, maxMessage, units);
        int at = k * n;
        for (int i = 0; i < n; i++)
        {
            var (a, b) = PolarEdge(cavity[at + i], x[i], p.V, p.W, p.Qp, p.Qm, p.Floor);
            next[at + i] = a >= PolarFloor && b >= PolarFloor
                ? p.Take * MathF.Min(MathF.Max(0.5f * Log(a / b), -p.Cap), p.Cap) + p.Keep * old[at + i]
                : ExactEdge(cavity[at + i], x[i], units[hidden + k], units[k], p.QpD, p.QmD, p.Lp, p.Lm, damping, maxMessage, old[at + i]);
        }
        return true;
    }

    /// <summary>
    /// <see cref="ExactUnit"/> on float lanes: sixteen edges at a time on Vector512 (<paramref name="wide"/>) or as two
    /// Vector256 halves, the n mod 16 tail as the last sixteen edges (overlapping, elementwise: equal bits rewritten); lanes
    /// whose mixture underflows are patched with the scalar <see cref="ExactEdge"/>. Units under sixteen inputs and hosts
    /// without the lanes run the scalar code. Bit for bit <see cref="ExactUnit"/>.
    /// </summary>
    private static bool ExactUnitFast(int hidden, int k, int n, ReadOnlySpan<float> x, ReadOnlySpan<float> cavity, ReadOnlySpan<float> old,
        double damping, double maxMessage, ReadOnlySpan<double> units, Span<float> next, bool wide)
    {
        if (units[hidden + k] >= MinExpandVariance) return false;
        wide &= Vector512.IsHardwareAccelerated;
        if (n < 16 || !(wide || Vector256.IsHardwareAccelerated)) return ExactUnit(hidden, k, n, x, cavity, old, damping, maxMessage, units, next);
        var p = Polar.Of(hidden, k, damping, maxMessage, units);
        int at = k * n;
        Span<float> a = stackalloc float[16], b = stackalloc float[16];
        for (int i = 0; i < n; i += 16)
        {
            int j = Math.Min(i, n - 16);
            var out16 = next.Slice(at + j, 16);
            if (wide)
            {
                if (PolarEdges(x.Slice(j, 16), cavity.Slice(at + j, 16), old.Slice(at + j, 16), p, a, b, out16)) continue;
            }
            else
            {
                bool low = PolarEdges8(x.Slice(j, 8), cavity.Slice(at + j, 8), old.Slice(at + j, 8), p, a, b, out16[..8]);
                bool high = PolarEdges8(x.Slice(j + 8, 8), cavity.Slice(at + j + 8, 8), old.Slice(at + j + 8, 8), p, a[8..], b[8..], out16[8..]);
                if (low && high) continue;
                if (low) Kept(a[..8], b[..8]); // a half without underflow wrote no mixtures
                if (high) Kept(a[8..], b[8..]);
            }
            for (int l = 0; l < 16; l++) // lanes whose mixture underflowed: the double message, as in the scalar code
                if (!(a[l] >= PolarFloor && b[l] >= PolarFloor))
                    out16[l] = ExactEdge(cavity[at + j + l], x[j + l], units[hidden + k], units[k], p.QpD, p.QmD, p.Lp, p.Lm, damping, maxMessage, old[at + j + l]);
        }
        return true;
    }

    /// <summary>Marks lanes as computed in float (mixtures 1, above <see cref="PolarFloor"/>).</summary>
    private static void Kept(Span<float> a, Span<float> b)
    {
        a.Fill(1);
        b.Fill(1);
    }

    /// <summary>Sixteen edges of <see cref="ExactUnit"/>'s float message on Vector512; false when a mixture of a lane is under <see cref="PolarFloor"/>
    /// (or NaN), with the mixtures in <paramref name="a"/>, <paramref name="b"/> for the caller's lane patch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PolarEdges(ReadOnlySpan<float> xs, ReadOnlySpan<float> cs, ReadOnlySpan<float> olds, in Polar p, Span<float> a,
        Span<float> b, Span<float> next)
    {
        var (x, c, one) = (Vector512.Create(xs), Vector512.Create(cs), Vector512<float>.One);
        var inv = one / Vector512.Sqrt(Vector512.Max(Vector512.Create(p.V) - (one - c * c), Vector512.Create(p.Floor)));
        var wc = Vector512.Create(p.W) - x * c;
        var (za, zb) = ((wc + x) * inv, (wc - x) * inv);
        var (ea, eb) = (Tail(za), Tail(zb));
        var (qp, qm) = (Vector512.Create(p.Qp), Vector512.Create(p.Qm));
        var na = Vector512.LessThanOrEqual(za, Vector512<float>.Zero);
        var nb = Vector512.LessThanOrEqual(zb, Vector512<float>.Zero);
        var (ra, rb) = (one - ea, one - eb);
        var ma = qp * Vector512.ConditionalSelect(na, ea, ra) + qm * Vector512.ConditionalSelect(na, ra, ea);
        var mb = qp * Vector512.ConditionalSelect(nb, eb, rb) + qm * Vector512.ConditionalSelect(nb, rb, eb);
        var cap = Vector512.Create(p.Cap);
        var msg = Vector512.Min(Vector512.Max(Vector512.Create(0.5f) * Log(ma / mb), -cap), cap);
        (Vector512.Create(p.Take) * msg + Vector512.Create(p.Keep) * Vector512.Create(olds)).CopyTo(next);
        var floor = Vector512.Create(PolarFloor);
        if (Vector512.GreaterThanOrEqualAll(ma, floor) && Vector512.GreaterThanOrEqualAll(mb, floor)) return true;
        ma.CopyTo(a);
        mb.CopyTo(b);
        return false;
    }

    /// <summary>Eight edges of <see cref="ExactUnit"/>'s float message on Vector256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PolarEdges8(ReadOnlySpan<float> xs, ReadOnlySpan<float> cs, ReadOnlySpan<float> olds, in Polar p, Span<float> a,
        Span<float> b, Span<float> next)
    {
        var (x, c, one) = (Vector256.Create(xs), Vector256.Create(cs), Vector256<float>.One);
        var inv = one / Vector256.Sqrt(Vector256.Max(Vector256.Create(p.V) - (one - c * c), Vector256.Create(p.Floor)));
        var wc = Vector256.Create(p.W) - x * c;
        var (za, zb) = ((wc + x) * inv, (wc - x) * inv);
        var (ea, eb) = (Tail(za), Tail(zb));
        var (qp, qm) = (Vector256.Create(p.Qp), Vector256.Create(p.Qm));
        var na = Vector256.LessThanOrEqual(za, Vector256<float>.Zero);
        var nb = Vector256.LessThanOrEqual(zb, Vector256<float>.Zero);
        var (ra, rb) = (one - ea, one - eb);
        var ma = qp * Vector256.ConditionalSelect(na, ea, ra) + qm * Vector256.ConditionalSelect(na, ra, ea);
        var mb = qp * Vector256.ConditionalSelect(nb, eb, rb) + qm * Vector256.ConditionalSelect(nb, rb, eb);
        var cap = Vector256.Create(p.Cap);
        var msg = Vector256.Min(Vector256.Max(Vector256.Create(0.5f) * Log(ma / mb), -cap), cap);
        (Vector256.Create(p.Take) * msg + Vector256.Create(p.Keep) * Vector256.Create(olds)).CopyTo(next);
        var floor = Vector256.Create(PolarFloor);
        if (Vector256.GreaterThanOrEqualAll(ma, floor) && Vector256.GreaterThanOrEqualAll(mb, floor)) return true;
        ma.CopyTo(a);
        mb.CopyTo(b);
        return false;
    }
}
