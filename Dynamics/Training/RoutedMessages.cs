using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Delivery of routed updates: the message a factor copy computed on its routed model goes back to the source copies.</summary>
internal static class RoutedMessages
{
    /// <summary>
    /// Delivers the updates of the factor copies <paramref name="senders"/> of table row <paramref name="row"/> and applies
    /// them, register by register: for each target copy a, up_a = ∨_b (sel_{b→a} ∧ U_b) and act_a = ∨_b (sel_{b→a} ∧ A_b),
    /// where sel_{b→a} (the lanes that factor copy b reads from copy a) is decoded from b's L planes by a tree of 2(2^L − 1)
    /// ANDs, and U_b, A_b are the rule's masks on b's routed vector; then the saturating counter step of copy a. No mask arrays
    /// are cleared or stored, and each register of the hidden states is read and written once per presentation.
    /// </summary>
    /// <param name="states">Hidden states; target a is slab <paramref name="first"/> + a·<paramref name="stride"/>.</param>
    /// <param name="table">Routing table holding the row.</param>
    /// <param name="row">Row of the table.</param>
    /// <param name="xi">Pattern words the factor copies saw.</param>
    /// <param name="sigma">Label σ = ±1 the factor copies were judged against.</param>
    /// <param name="senders">Factor copies that send an update.</param>
    /// <param name="kinds">Per sender: <see cref="RuleAction.Perceptron"/> or <see cref="RuleAction.Metaplastic"/>.</param>
    /// <param name="routed">Routed vectors: factor copy b's at b·<paramref name="routedStride"/>.</param>
    /// <param name="routedStride">Words between routed vectors.</param>
    /// <param name="first">Slab of copy 0's target.</param>
    /// <param name="stride">Slabs between consecutive copies' targets.</param>
    /// <remarks>Checked, lane for lane, against a coordinate-by-coordinate restatement of the lifted rule (RoutedKernelsTests).
    /// The perceptron uses first = 0, stride = 1 (target = weight copy a); a committee's unit k uses first = k, stride = K.</remarks>
    public static void Deliver(HiddenStates states, RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma,
        ReadOnlySpan<int> senders, ReadOnlySpan<RuleAction> kinds, ReadOnlySpan<ulong> routed, int routedStride, int first, int stride)
    {
        if (senders.Length == 0) return;
        if (kinds.Length < senders.Length || xi.Length < table.Words || routed.Length < (table.Copies - 1) * routedStride + table.Words)
            throw new ArgumentException("buffers shorter than the table");
        int j = 0;
        if (states.Lanes == LaneWidth.Vector512) j = DeliverBlocks<Lanes512, Vector512<ulong>>(states, table, row, xi, sigma, senders, kinds, routed, routedStride, first, stride, j);
        if (states.Lanes is LaneWidth.Vector512 or LaneWidth.Vector256) j = DeliverBlocks<Lanes256, Vector256<ulong>>(states, table, row, xi, sigma, senders, kinds, routed, routedStride, first, stride, j);
        DeliverBlocks<Lanes64, ulong>(states, table, row, xi, sigma, senders, kinds, routed, routedStride, first, stride, j);
    }

    private static int DeliverBlocks<TL, T>(HiddenStates states, RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma,
        ReadOnlySpan<int> senders, ReadOnlySpan<RuleAction> kinds, ReadOnlySpan<ulong> routed, int routedStride, int first, int stride, int j)
        where TL : ILanes<T> where T : unmanaged
    {
        int m = table.Copies, bits = table.Bits, words = table.Words, width = TL.Width, lanes = 1 << bits;
        Span<T> upBuffer = stackalloc T[m], actBuffer = stackalloc T[m], decBuffer = stackalloc T[lanes];
        ref T up = ref MemoryMarshal.GetReference(upBuffer);
        ref T act = ref MemoryMarshal.GetReference(actBuffer);
        ref T dec = ref MemoryMarshal.GetReference(decBuffer);
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong r0 = ref MemoryMarshal.GetReference(routed);
        var perceptron = new PerceptronMask(sigma);
        var metaplastic = new MetaplasticMask(sigma);
        for (; j + width <= words; j += width)
        {
            T x = TL.Load(ref Unsafe.Add(ref x0, j)), none = TL.Broadcast(0);
            for (int a = 0; a < m; a++) { Unsafe.Add(ref up, a) = none; Unsafe.Add(ref act, a) = none; }
            for (int s = 0; s < senders.Length; s++)
            {
                int b = senders[s];
                T w = TL.Load(ref Unsafe.Add(ref r0, b * routedStride + j));
                bool cp = kinds[s] == RuleAction.Perceptron;
                T u = cp ? perceptron.Up<TL, T>(x, w) : metaplastic.Up<TL, T>(x, w);
                // Decode: dec[a] = A_b ∧ [π(b) = a], one plane (one bit of a) at a time.
                dec = cp ? perceptron.Active<TL, T>(x, w) : metaplastic.Active<TL, T>(x, w);
                ref ulong planes = ref Unsafe.Add(ref MemoryMarshal.GetReference(table.Planes(row, b)), j);
                for (int l = 0, half = 1; l < bits; l++, half <<= 1)
                {
                    T plane = TL.Load(ref Unsafe.Add(ref planes, l * words));
                    for (int a = 0; a < half; a++)
                    {
                        T d = Unsafe.Add(ref dec, a);
                        Unsafe.Add(ref dec, a + half) = TL.And(d, plane);
                        Unsafe.Add(ref dec, a) = TL.AndNot(d, plane);
                    }
                }
                for (int a = 0; a < m; a++)
                {
                    T d = Unsafe.Add(ref dec, a);
                    Unsafe.Add(ref act, a) = TL.Or(Unsafe.Add(ref act, a), d);
                    Unsafe.Add(ref up, a) = TL.Or(Unsafe.Add(ref up, a), TL.And(d, u));
                }
            }
            for (int a = 0; a < m; a++) states.StepRegister<TL, T>(first + a * stride, j, Unsafe.Add(ref up, a), Unsafe.Add(ref act, a));
        }
        return j;
    }
}
