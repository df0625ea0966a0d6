using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class ExpandedFactor
{
    /// <summary>
    /// A factor copy that reads and writes its own weight copy (the identity lift): <see cref="MessagesFast"/> from the
    /// copy's fields, then <see cref="MessageDelivery.Deliver"/> of the fresh messages into them, with the same bits. On
    /// Vector512 lanes the delivery is fused into the edge pass (each fresh message goes straight into the field and replaces
    /// the old one, without the trip through <paramref name="next"/>): every step is elementwise and the maximum is exact,
    /// so the order does not matter, and the fields are only read in the first pass. Returns max |δ|.
    /// </summary>
    /// <param name="hidden">K.</param>
    /// <param name="n">Inputs per unit.</param>
    /// <param name="field">The weight copy's total fields H (K·n), read as the routed fields and updated.</param>
    /// <param name="old">The factor copy's messages (K·n), replaced by the fresh ones.</param>
    /// <param name="xi">±1 inputs as floats, unit k at k·<paramref name="xiStride"/>.</param>
    /// <param name="xiStride">Offset between units' inputs (0 for the fully connected machine).</param>
    /// <param name="sigma">Label σ.</param>
    /// <param name="damping">d.</param>
    /// <param name="maxMessage">|u| cap.</param>
    /// <param name="cavity">Work space: K·n floats.</param>
    /// <param name="units">Work space: <see cref="UnitScratchLength"/>(K) doubles.</param>
    /// <param name="next">Work space: K·n floats (the fresh messages where they are not fused).</param>
    public static double MessagesDelivered(int hidden, int n, Span<double> field, Span<float> old, ReadOnlySpan<float> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<float> cavity, Span<double> units, Span<float> next)
    {
        if (!(n >= 16 && Lanes == 512 && Vector512.IsHardwareAccelerated && MessageDelivery.UseLanes))
        {
            MessagesFast(hidden, n, field, old, xi, xiStride, sigma, damping, maxMessage, cavity, units, next);
            return MessageDelivery.Deliver(next, old, field);
        }
        Units512(hidden, n, field, old, xi, xiStride, sigma, cavity, units);
        int body = n - n % 16;
        float take = (float)(1 - damping), keep = (float)damping, cap = (float)maxMessage;
        var (takes, keeps, caps) = (Vector512.Create(take), Vector512.Create(keep), Vector512.Create(cap));
        var largest = Vector512<double>.Zero;
        double exact = 0;
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            if (ExactUnitFast(hidden, k, n, x, cavity, old, damping, maxMessage, units, next, wide: true))
            {
                exact = Math.Max(exact, MessageDelivery.Deliver(next.Slice(at, n), old.Slice(at, n), field.Slice(at, n)));
                continue;
            }
            var (gs, g2s) = (Vector512.Create((float)units[7 * hidden + k]), Vector512.Create((float)units[8 * hidden + 1 + k]));
            var tail = Vector512<float>.Zero; // the last sixteen edges' messages first, from the old messages the body replaces
            if (body < n)
                tail = takes * Edge(Vector512.Create(x.Slice(n - 16, 16)), Vector512.Create(cavity.Slice(at + n - 16, 16)), gs, g2s, caps)
                    + keeps * Vector512.Create(old.Slice(at + n - 16, 16));
            for (int i = 0; i < body; i += 16)
            {
                var was = Vector512.Create(old.Slice(at + i, 16));
                var fresh = takes * Edge(Vector512.Create(x.Slice(i, 16)), Vector512.Create(cavity.Slice(at + i, 16)), gs, g2s, caps) + keeps * was;
                var (fl, fh) = Vector512.Widen(fresh);
                var (ol, oh) = Vector512.Widen(was);
                var (dl, dh) = (fl - ol, fh - oh);
                var h = field.Slice(at + i, 16);
                (Vector512.Create(h[..8]) + dl).CopyTo(h[..8]);
                (Vector512.Create(h.Slice(8, 8)) + dh).CopyTo(h.Slice(8, 8));
                largest = Vector512.Max(largest, Vector512.Max(Vector512.Abs(dl), Vector512.Abs(dh)));
                fresh.CopyTo(old.Slice(at + i, 16));
            }
            if (body < n) // lanes 16 − (n − body) … 15 of the last sixteen are the tail; the others were delivered above and stay
            {
                var from = Vector512.Create((long)(16 - (n - body)));
                var (low, high) = (Vector512.GreaterThanOrEqual(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), from),
                    Vector512.GreaterThanOrEqual(Vector512.Create(8L, 9, 10, 11, 12, 13, 14, 15), from));
                var was = Vector512.Create(old.Slice(at + n - 16, 16));
                var fresh = Vector512.ConditionalSelect(Vector512.Narrow(low, high).AsSingle(), tail, was);
                largest = Vector512.Max(largest, Deliver16(fresh, was, field.Slice(at + n - 16, 16), low, high));
                fresh.CopyTo(old.Slice(at + n - 16, 16));
            }
        }
        for (int j = 0; j < 8; j++) exact = Math.Max(exact, largest.GetElement(j));
        return exact;
    }

    /// <summary>
    /// <see cref="MessageDelivery.Deliver"/> of the last sixteen messages of a unit: δ = (double)fresh − (double)was added to the fields of the
    /// lanes set in <paramref name="low"/> (lanes 0–7) and <paramref name="high"/> (8–15), the others left as they are;
    /// returns |δ| per lane (0 where <paramref name="fresh"/> equals <paramref name="was"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Deliver16(Vector512<float> fresh, Vector512<float> was, Span<double> field, Vector512<long> low, Vector512<long> high)
    {
        var (fl, fh) = Vector512.Widen(fresh);
        var (ol, oh) = Vector512.Widen(was);
        var (dl, dh) = (fl - ol, fh - oh);
        var (hl, hh) = (Vector512.Create(field[..8]), Vector512.Create(field.Slice(8, 8)));
        Vector512.ConditionalSelect(low.AsDouble(), hl + dl, hl).CopyTo(field[..8]);
        Vector512.ConditionalSelect(high.AsDouble(), hh + dh, hh).CopyTo(field.Slice(8, 8));
        return Vector512.Max(Vector512.Abs(dl), Vector512.Abs(dh));
    }
}
