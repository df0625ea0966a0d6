using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// The interleaved delivery in its most common case: word granularity on one register of M ≤ 8 copies (8 lanes, the
/// table's lane permutations), perceptron messages only (CP, and SBPI or CP+R presentations that send nothing else). Copy
/// a's word j takes one counter step by σξ_j where factor copy π⁻¹_j(a) sends; fused, the next pattern's routed fields are
/// counted from the new top plane. The same updates as the general loop of <see cref="InterleavedDelivery{TL, T}"/>, with
/// no per-word branch on the kind of message.
/// </summary>
internal sealed class WordDelivery<TL, T>(InterleavedLayout layout) where TL : ILanes<T> where T : unmanaged
{
    private const int Padded = 8; // one register of 8 copies per plane and word: the plane offsets are constants
    private readonly InterleavedLayout _layout = layout;
    private readonly int _words = layout.Words, _planes = layout.Planes;
    private readonly ulong _top = layout.Top, _last = layout.Last;
    private readonly ulong[] _s = layout.S, _counts = layout.Counts;

    /// <summary>The update of row <paramref name="row"/> by the senders' lane masks <paramref name="sends"/> (and the next pattern's fields, fused).</summary>
    public unsafe void Update<TP>(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, T sends, NextFields next) where TP : IConstant
    {
        int planes = TP.Value is > 0 and <= 10 ? TP.Value : _planes, stride = planes * Padded, last = _words - 1;
        ulong flip = sigma > 0 ? 0UL : ulong.MaxValue, level = _top;
        ref ulong permutations = ref MemoryMarshal.GetReference(table.LanePermutations(row));
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong s0 = ref _s[0];
        if (!next.Fused)
        {
            for (int j = 0; j < last; j++)
                StepWord<TP>(ref Unsafe.Add(ref s0, j * stride), planes, level, sends, Unsafe.Add(ref permutations, j), Unsafe.Add(ref x0, j) ^ flip, ulong.MaxValue);
            StepWord<TP>(ref Unsafe.Add(ref s0, last * stride), planes, level, sends, Unsafe.Add(ref permutations, last), Unsafe.Add(ref x0, last) ^ flip, _last);
            return;
        }
        ref ulong nextPermutations = ref MemoryMarshal.GetReference(next.Permutations);
        ref ulong nextXi = ref MemoryMarshal.GetReference(next.Xi);
        var ahead = _layout.TakeAhead(out int aheadRow) is { } after ? MemoryMarshal.AsBytes(after.LanePermutations(aheadRow)) : default; // rows after next
        T total;
        fixed (byte* aheadRows = ahead)
            total = FusedWords<TP>(ref s0, stride, planes, level, sends, ref permutations, ref x0, flip, ref nextPermutations, ref nextXi, aheadRows);
        TL.Store(ref _counts[0], total);
        _layout.FieldsFromCounts(next.Dots);
    }

    /// <summary>
    /// One counter step of word j of 8 copies: the receivers are the senders' lanes permuted by π⁻¹ (the high nibbles of
    /// <paramref name="permutation"/>), each stepping by σξ (<paramref name="xf"/>) on the synapses.
    /// </summary>
    /// <returns>The new top plane (the copies' weights).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T StepWord<TP>(ref ulong states, int planes, ulong level, T sends, ulong permutation, ulong xf, ulong synapses)
        where TP : IConstant
    {
        T act = TL.Permute(sends, TL.Nibbles(permutation, high: true));
        T active = synapses == ulong.MaxValue ? act : TL.And(act, TL.Broadcast(synapses));
        return BitSlicedCounter.Step<TL, T, TP>(ref states, Padded, planes, level, TL.Not(TL.And(act, TL.Broadcast(xf))), active);
    }

    /// <summary>
    /// The fused pass: each word's counter step, then the next pattern's mismatches w̃ ⊕ ξ into a <see cref="MismatchCounter{TL, T}"/>.
    /// </summary>
    /// <returns>The mismatch count of every lane.</returns>
    private unsafe T FusedWords<TP>(ref ulong s0, int stride, int planes, ulong level, T sends, ref ulong permutations,
        ref ulong x0, ulong flip, ref ulong nextPermutations, ref ulong nextXi, byte* aheadRows) where TP : IConstant
    {
        int last = _words - 1;
        var counter = new MismatchCounter<TL, T>();
        for (int j = 0; j < last; j++)
        {
            if (aheadRows != null && (j & 7) == 0) Sse.Prefetch0(aheadRows + 8 * j);
            T weights = StepWord<TP>(ref Unsafe.Add(ref s0, j * stride), planes, level, sends, Unsafe.Add(ref permutations, j), Unsafe.Add(ref x0, j) ^ flip, ulong.MaxValue);
            counter.Add(RouteWord(weights, Unsafe.Add(ref nextPermutations, j), Unsafe.Add(ref nextXi, j)), j);
        }
        if (aheadRows != null && (last & 7) == 0) Sse.Prefetch0(aheadRows + 8 * last);
        T final = StepWord<TP>(ref Unsafe.Add(ref s0, last * stride), planes, level, sends, Unsafe.Add(ref permutations, last), Unsafe.Add(ref x0, last) ^ flip, _last);
        counter.Add(TL.And(RouteWord(final, Unsafe.Add(ref nextPermutations, last), Unsafe.Add(ref nextXi, last)), TL.Broadcast(_last)), last);
        return counter.Total(_words);
    }

    /// <summary>w̃ ⊕ ξ of the next pattern for word j of 8 factor copies: lane b of the copies' new weights is lane π(b) (the low nibbles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T RouteWord(T weights, ulong permutation, ulong xi)
        => TL.Xor(TL.Permute(weights, TL.Nibbles(permutation, high: false)), TL.Broadcast(xi));
}
