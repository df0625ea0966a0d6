using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Delivery of routed updates: the message a factor copy computed on its routed model goes back to the source copies.</summary>
internal static class RoutedMessages
{
    /// <summary>
    /// Delivers factor copy b's update of table row <paramref name="row"/>, computed on its routed vector <paramref name="routed"/>,
    /// to the source copies: lanes whose source is copy a are sel_a = ∧_l (plane_l ⊙ bit_l(a)); they are OR-ed into the up and
    /// active masks of target <paramref name="first"/> + a·<paramref name="stride"/> (a lane receives one message, π being a bijection).
    /// </summary>
    /// <remarks>The perceptron uses first = 0, stride = 1 (target = weight copy a); a committee unit k uses first = k, stride = K.</remarks>
    public static void Scatter<TMask>(RoutingTable table, int row, int b, ReadOnlySpan<ulong> xi, ReadOnlySpan<ulong> routed,
        ulong[][] up, ulong[][] active, int first, int stride, TMask mask) where TMask : struct, IUpdateMask
    {
        if (table.WordRouted)
        {
            // Word or unit granularity: the whole word goes to its one source copy (a lane still receives one message).
            var sources = table.WordSources(row, b);
            for (int w = 0; w < table.Words; w++)
            {
                ulong x = xi[w], wr = routed[w], on = mask.Active<Lanes64, ulong>(x, wr);
                int t = first + sources[w] * stride;
                up[t][w] |= mask.Up<Lanes64, ulong>(x, wr) & on;
                active[t][w] |= on;
            }
            return;
        }
        var planes = table.Planes(row, b);
        int j = 0;
        if (Vector512.IsHardwareAccelerated) j = Blocks<Lanes512, Vector512<ulong>, TMask>(table, planes, xi, routed, up, active, first, stride, mask, j);
        if (Vector256.IsHardwareAccelerated) j = Blocks<Lanes256, Vector256<ulong>, TMask>(table, planes, xi, routed, up, active, first, stride, mask, j);
        Blocks<Lanes64, ulong, TMask>(table, planes, xi, routed, up, active, first, stride, mask, j);
    }

    private static int Blocks<TL, T, TMask>(RoutingTable table, ReadOnlySpan<ulong> planes, ReadOnlySpan<ulong> xi, ReadOnlySpan<ulong> routed,
        ulong[][] up, ulong[][] active, int first, int stride, TMask mask, int j)
        where TL : ILanes<T> where T : unmanaged where TMask : struct, IUpdateMask
    {
        int m = table.Copies, words = table.Words, bits = table.Bits, width = TL.Width;
        Span<T> plane = stackalloc T[bits];
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong w0 = ref MemoryMarshal.GetReference(routed);
        ref ulong p0 = ref MemoryMarshal.GetReference(planes);
        for (; j + width <= words; j += width)
        {
            T x = TL.Load(ref Unsafe.Add(ref x0, j)), w = TL.Load(ref Unsafe.Add(ref w0, j));
            T u = mask.Up<TL, T>(x, w), on = mask.Active<TL, T>(x, w);
            for (int l = 0; l < bits; l++) plane[l] = TL.Load(ref Unsafe.Add(ref p0, l * words + j));
            for (int a = 0; a < m; a++)
            {
                T sel = on;
                for (int l = 0; l < bits; l++) sel = ((a >> l) & 1) != 0 ? TL.And(sel, plane[l]) : TL.AndNot(sel, plane[l]);
                ref ulong ua = ref up[first + a * stride][j];
                ref ulong aa = ref active[first + a * stride][j];
                TL.Store(ref ua, TL.Or(TL.Load(ref ua), TL.And(sel, u)));
                TL.Store(ref aa, TL.Or(TL.Load(ref aa), sel));
            }
        }
        return j;
    }
}
