using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class ExpandedFactor
{
    /// <summary>
    /// Lane width <see cref="MessagesFast"/> uses: 512 (sixteen float lanes), 256 (two eight-lane halves) or 0 (the scalar
    /// oracle); default: the widest the hardware accelerates. Tests set it to compare the paths; results are the same.
    /// </summary>
    internal static int Lanes { get; set; } = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 0;

    /// <summary>
    /// <see cref="Messages"/> on float32 lanes: sixteen inputs at a time (one Vector512, or lanes 0–7 and 8–15 as two
    /// Vector256), the last n mod 16 inputs of a unit and the per-unit work in scalar code. Bit for bit equal to
    /// <see cref="Messages"/> (same element functions, same lane partials and reduction order, same tail).
    /// `mcover bench --rule bp|rbp|fbp --bp-accuracy expand` measures it (ns_per_edge_sweep).
    /// </summary>
    public static void MessagesFast(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<float> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<float> cavity, Span<double> units, Span<float> next)
    {
        if (n >= 16 && Lanes == 512 && Vector512.IsHardwareAccelerated)
            Messages512(hidden, n, routed, old, xi, xiStride, sigma, damping, maxMessage, cavity, units, next);
        else if (n >= 16 && Lanes == 256 && Vector256.IsHardwareAccelerated)
            Messages256(hidden, n, routed, old, xi, xiStride, sigma, damping, maxMessage, cavity, units, next);
        else
            Messages(hidden, n, routed, old, xi, xiStride, sigma, damping, maxMessage, cavity, units, next);
    }

    private static void Messages512(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<float> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<float> cavity, Span<double> units, Span<float> next)
    {
        Units512(hidden, n, routed, old, xi, xiStride, sigma, cavity, units);
        int body = n - n % 16;
        float take = (float)(1 - damping), keep = (float)damping, cap = (float)maxMessage;
        var takes = Vector512.Create(take);
        var keeps = Vector512.Create(keep);
        var caps = Vector512.Create(cap);
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            if (ExactUnitFast(hidden, k, n, x, cavity, old, damping, maxMessage, units, next, wide: true)) continue;
            float g = (float)units[7 * hidden + k], g2 = (float)units[8 * hidden + 1 + k];
            var gs = Vector512.Create(g);
            var g2s = Vector512.Create(g2);
            for (int i = 0; i < body; i += 16)
            {
                var msg = Edge(Vector512.Create(x.Slice(i, 16)), Vector512.Create(cavity.Slice(at + i, 16)), gs, g2s, caps);
                (takes * msg + keeps * Vector512.Create(old.Slice(at + i, 16))).CopyTo(next.Slice(at + i, 16));
            }
            if (body < n) // the last sixteen edges (elementwise, so the overlap with the body rewrites equal bits)
            {
                var msg = Edge(Vector512.Create(x.Slice(n - 16, 16)), Vector512.Create(cavity.Slice(at + n - 16, 16)), gs, g2s, caps);
                (takes * msg + keeps * Vector512.Create(old.Slice(at + n - 16, 16))).CopyTo(next.Slice(at + n - 16, 16));
            }
        }
    }

    /// <summary>The first pass of <see cref="Messages512"/>: every unit's cavity means, field, variance and P(τ = ±1), then the slopes.</summary>
    private static void Units512(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<float> xi, int xiStride,
        int sigma, Span<float> cavity, Span<double> units)
    {
        int body = n - n % 16;
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            var wv = Vector512<float>.Zero;
            var vv = Vector512<float>.Zero;
            for (int i = 0; i < body; i += 16)
            {
                var c = Cavity512(routed, old, at + i);
                c.CopyTo(cavity.Slice(at + i, 16));
                wv += Vector512.Create(x.Slice(i, 16)) * c;
                vv += Vector512<float>.One - c * c;
            }
            if (body < n) Cavity512(routed, old, at + n - 16).CopyTo(cavity.Slice(at + n - 16, 16)); // the tail's means (the overlap rewrites equal bits)
            float w = LaneSum(wv), v = LaneSum(vv);
            TailSums(x, cavity, at, body, n, ref w, ref v);
            UnitField(hidden, k, w, v, units);
        }
        SlopesFast(hidden, sigma, units);
    }

    private static void Messages256(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<float> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<float> cavity, Span<double> units, Span<float> next)
    {
        int body = n - n % 16;
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            Vector256<float> wlo = Vector256<float>.Zero, whi = Vector256<float>.Zero, vlo = Vector256<float>.Zero, vhi = Vector256<float>.Zero;
            for (int i = 0; i < body; i += 16)
            {
                var c0 = Cavity256(routed, old, at + i);
                var c1 = Cavity256(routed, old, at + i + 8);
                c0.CopyTo(cavity.Slice(at + i, 8));
                c1.CopyTo(cavity.Slice(at + i + 8, 8));
                wlo += Vector256.Create(x.Slice(i, 8)) * c0;
                whi += Vector256.Create(x.Slice(i + 8, 8)) * c1;
                vlo += Vector256<float>.One - c0 * c0;
                vhi += Vector256<float>.One - c1 * c1;
            }
            if (body < n) // the tail's means (the overlap rewrites equal bits)
            {
                Cavity256(routed, old, at + n - 16).CopyTo(cavity.Slice(at + n - 16, 8));
                Cavity256(routed, old, at + n - 8).CopyTo(cavity.Slice(at + n - 8, 8));
            }
            float w = LaneSum(wlo, whi), v = LaneSum(vlo, vhi);
            TailSums(x, cavity, at, body, n, ref w, ref v);
            UnitField(hidden, k, w, v, units);
        }
        SlopesFast(hidden, sigma, units);
        float take = (float)(1 - damping), keep = (float)damping, cap = (float)maxMessage;
        var takes = Vector256.Create(take);
        var keeps = Vector256.Create(keep);
        var caps = Vector256.Create(cap);
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            if (ExactUnitFast(hidden, k, n, x, cavity, old, damping, maxMessage, units, next, wide: false)) continue;
            float g = (float)units[7 * hidden + k], g2 = (float)units[8 * hidden + 1 + k];
            var gs = Vector256.Create(g);
            var g2s = Vector256.Create(g2);
            for (int i = 0; i < n; i += 8)
            {
                int j = Math.Min(i, n - 8); // the last eight edges overlap the ones before (elementwise: equal bits rewritten)
                var msg = Edge(Vector256.Create(x.Slice(j, 8)), Vector256.Create(cavity.Slice(at + j, 8)), gs, g2s, caps);
                (takes * msg + keeps * Vector256.Create(old.Slice(at + j, 8))).CopyTo(next.Slice(at + j, 8));
            }
        }
    }

    /// <summary>Sixteen cavity means tanh((float)(H̃ − u)) from <paramref name="at"/> (the scalar casts and tanh lane for lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Cavity512(ReadOnlySpan<double> routed, ReadOnlySpan<float> old, int at)
    {
        var (lo, hi) = Vector512.Widen(Vector512.Create(old.Slice(at, 16)));
        return Tanh(Vector512.Narrow(Vector512.Create(routed.Slice(at, 8)) - lo, Vector512.Create(routed.Slice(at + 8, 8)) - hi));
    }

    /// <summary>Eight cavity means tanh((float)(H̃ − u)) from <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Cavity256(ReadOnlySpan<double> routed, ReadOnlySpan<float> old, int at)
    {
        var (lo, hi) = Vector256.Widen(Vector256.Create(old.Slice(at, 8)));
        return Tanh(Vector256.Narrow(Vector256.Create(routed.Slice(at, 4)) - lo, Vector256.Create(routed.Slice(at + 4, 4)) - hi));
    }
}
