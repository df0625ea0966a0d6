using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using static MCoverPhysics.Dynamics.States.Constants;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Delivery of the interleaved kernels: the rule's messages go to the target copies a register of copies at a time, and
/// with word granularity (M ≤ 8) the next pattern's routed fields are counted in the same pass.
/// </summary>
internal sealed partial class InterleavedKernels<TL, T>
{
    public void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions)
        => Update(table, row, xi, sigma, actions, default);

    /// <summary>
    /// Word granularity, M ≤ 8: the next pattern's routed fields are counted in the update's own pass, word j as soon as
    /// its update is done (the same fields as a separate <see cref="RoutedDots"/> on the updated weights).
    /// </summary>
    public void UpdateThenRoute(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions,
        RoutingTable next, int nextRow, ReadOnlySpan<ulong> nextXi, Span<int> dots)
    {
        bool fused = typeof(T) == typeof(Vector512<ulong>) && _lanes == 8 && table.HasLanePermutations && next.HasLanePermutations
            && next.Interleave == TL.Width && next.Copies == _m;
        if (!fused)
        {
            Update(table, row, xi, sigma, actions, default);
            RoutedDots(next, nextRow, nextXi, dots);
        }
        else if (!Update(table, row, xi, sigma, actions, new NextFields(next.LanePermutations(nextRow), nextXi, dots, true)))
            RoutedDots(next, nextRow, nextXi, dots); // no copy changed: the update pass did not run
    }

    /// <summary>The next pattern's lane permutations, ξ and fields, for an update that routes it in the same pass.</summary>
    private readonly ref struct NextFields(ReadOnlySpan<ulong> permutations, ReadOnlySpan<ulong> xi, Span<int> dots, bool fused)
    {
        public readonly ReadOnlySpan<ulong> Permutations = permutations;
        public readonly ReadOnlySpan<ulong> Xi = xi;
        public readonly Span<int> Dots = dots;
        public readonly bool Fused = fused;
    }

    /// <summary>Returns false when no copy changes (then nothing runs, not even the next pattern's fields).</summary>
    private bool Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions, NextFields next)
    {
        int np = 0, nm = 0, qp = 0, qm = 0;
        bool reinforce = false;
        for (int b = 0; b < _m; b++)
        {
            bool cp = (actions[b] & RuleAction.Perceptron) != 0, mp = !cp && (actions[b] & RuleAction.Metaplastic) != 0;
            if (cp) _perceptron[np++] = b; else _quietPerceptron[qp++] = b;
            if (mp) _metaplastic[nm++] = b; else _quietMetaplastic[qm++] = b;
            _sendsPerceptron[b] = cp ? ulong.MaxValue : 0;
            _sendsMetaplastic[b] = mp ? ulong.MaxValue : 0;
            bool r = (actions[b] & RuleAction.Reinforce) != 0;
            _reinforce[b] = r ? ulong.MaxValue : 0;
            reinforce |= r;
        }
        if (np + nm == 0 && !reinforce) return false;
        // Each target lane receives from exactly one factor copy (π is a bijection), so the receivers of a set of senders are
        // the valid lanes that receive from none of the others: decode whichever list is shorter.
        var perceptron = new Senders(np <= qp ? _perceptron.AsSpan(0, np) : _quietPerceptron.AsSpan(0, qp), np > qp, np > 0);
        var metaplastic = new Senders(nm <= qm ? _metaplastic.AsSpan(0, nm) : _quietMetaplastic.AsSpan(0, qm), nm > qm, nm > 0);
        switch (_bits)
        {
            case 1: Update<Fixed1>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 2: Update<Fixed2>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 3: Update<Fixed3>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 4: Update<Fixed4>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            default: Update<Variable>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
        }
        return true;
    }

    /// <summary>The update for L routing planes fixed at compile time, dispatched on the number of state planes.</summary>
    private void Update<TB>(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, Senders perceptron, Senders metaplastic, bool reinforce, NextFields next)
        where TB : IConstant
    {
        switch (_planes)
        {
            case 1: Update<TB, Fixed1>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 2: Update<TB, Fixed2>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 3: Update<TB, Fixed3>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 4: Update<TB, Fixed4>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 5: Update<TB, Fixed5>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 6: Update<TB, Fixed6>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 7: Update<TB, Fixed7>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 8: Update<TB, Fixed8>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 9: Update<TB, Fixed9>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            case 10: Update<TB, Fixed10>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
            default: Update<TB, Variable>(table, row, xi, sigma, perceptron, metaplastic, reinforce, next); break;
        }
    }

    /// <summary>The factor copies that send one kind of message, or (<see cref="Inverted"/>) those that do not.</summary>
    private readonly ref struct Senders(ReadOnlySpan<int> list, bool inverted, bool any)
    {
        public readonly ReadOnlySpan<int> List = list;
        public readonly bool Inverted = inverted;
        public readonly bool Any = any;
    }

    private unsafe void Update<TB, TP>(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, Senders perceptron, Senders metaplastic, bool reinforce, NextFields next)
        where TB : IConstant where TP : IConstant
    {
        if (typeof(T) == typeof(Vector512<ulong>) && _padded == 8 && !metaplastic.Any && !reinforce)
        {
            // The common cases (one register of M ≤ 8 copies, perceptron messages only), without the general loop's per-word branches.
            if (table.HasLanePermutations) UpdateWords<TP>(table, row, xi, sigma, next);
            else UpdateEdges<TB, TP>(table, row, xi, sigma, perceptron);
            return;
        }
        int width = TL.Width, bits = TB.Value == 0 ? _bits : TB.Value, lanes = _lanes, padded = _padded, planes = _planes, words = _words;
        ulong flip = sigma > 0 ? 0UL : ulong.MaxValue, level = _top;
        bool messages = perceptron.Any || metaplastic.Any;
        // Word granularity, M ≤ 16: copy a receives the whole word from factor copy π⁻¹(a), so the senders' lane masks permuted by π⁻¹ are the active lanes.
        bool lanePermuted = typeof(T) == typeof(Vector512<ulong>) && table.HasLanePermutations;
        ref ulong permutations = ref lanePermuted ? ref MemoryMarshal.GetReference(table.LanePermutations(row)) : ref Unsafe.NullRef<ulong>();
        ref ulong planes0 = ref MemoryMarshal.GetReference(table.InterleavedPlanes(row));
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong s0 = ref _s[0];
        // Fused routing of the next pattern (word granularity: one register of M ≤ 8 copies), byte counts as in Dots.
        bool fused = lanePermuted && next.Fused;
        ref ulong nextPermutations = ref MemoryMarshal.GetReference(next.Permutations);
        ref ulong nextXi = ref MemoryMarshal.GetReference(next.Xi);
        var ahead = fused && _next is { } after ? MemoryMarshal.AsBytes(after.LanePermutations(_nextRow)) : default; // rows after next
        if (fused) _next = null;
        T bytes = TL.Broadcast(0), total = TL.Broadcast(0); // byte counts and their per-lane sums, as in Dots
        int counted = 0;
        fixed (byte* aheadRows = ahead)
        for (int k = 0; k < lanes; k += width)
        {
            // Per lane a of this register: all ones for a < M, and bit l of a as a mask (the codes the planes are compared with).
            T valid = TL.Load(ref _copyValid[k]), c0 = TL.Load(ref _codes[k]);
            T c1 = bits > 1 ? TL.Load(ref _codes[lanes + k]) : c0, c2 = bits > 2 ? TL.Load(ref _codes[2 * lanes + k]) : c0;
            T c3 = bits > 3 ? TL.Load(ref _codes[3 * lanes + k]) : c0, reinforced = TL.Load(ref _reinforce[k]);
            T zero = TL.Broadcast(0);
            // The senders' lane masks of factor copies 0…7 (8…15 for M > 8 are read where they are used).
            var sendsP = lanePermuted ? Vector512.LoadUnsafe(ref _sendsPerceptron[0]) : default;
            var sendsM = lanePermuted ? Vector512.LoadUnsafe(ref _sendsMetaplastic[0]) : default;
            for (int j = 0; j < words; j++)
            {
                T xf = TL.Broadcast(Unsafe.Add(ref x0, j) ^ flip), synapses = TL.Broadcast(_valid[j]); // σξ_i = +1 lanes
                ref ulong states = ref Unsafe.Add(ref s0, j * planes * padded + k);
                T weights = default;
                if (messages)
                {
                    T actP = zero, actM = zero;
                    if (lanePermuted)
                    {
                        Vector512<ulong> p, q = default;
                        if (lanes == 8)
                        {
                            var inverse = Nibbles(Unsafe.Add(ref permutations, j), high: true); // π⁻¹
                            p = Avx512F.PermuteVar8x64(sendsP, inverse);
                            if (metaplastic.Any) q = Avx512F.PermuteVar8x64(sendsM, inverse);
                        }
                        else
                        {
                            var inverse = Nibbles(Unsafe.Add(ref permutations, 2 * j + 1), high: k != 0); // π⁻¹(a) for a = k…k + 7
                            p = Avx512F.PermuteVar8x64x2(sendsP, inverse, Vector512.LoadUnsafe(ref _sendsPerceptron[8]));
                            if (metaplastic.Any) q = Avx512F.PermuteVar8x64x2(sendsM, inverse, Vector512.LoadUnsafe(ref _sendsMetaplastic[8]));
                        }
                        actP = Unsafe.As<Vector512<ulong>, T>(ref p);
                        actM = Unsafe.As<Vector512<ulong>, T>(ref q);
                    }
                    else
                    {
                        ref ulong routing = ref Unsafe.Add(ref planes0, j * bits * lanes);
                        if (perceptron.Any) actP = Receivers<TB>(ref routing, perceptron, valid, c0, c1, c2, c3, k);
                        if (metaplastic.Any) actM = Receivers<TB>(ref routing, metaplastic, valid, c0, c1, c2, c3, k);
                    }
                    // CP: up = σξ, every lane; SBPI metaplastic: up = w, only where w = σξ (w is the target's own weight).
                    T up, active;
                    if (metaplastic.Any)
                    {
                        T top = TL.Load(ref Unsafe.Add(ref states, (planes - 1) * padded));
                        up = TL.Or(TL.And(actP, xf), TL.And(actM, top));
                        active = TL.And(TL.Or(actP, TL.AndNot(actM, TL.Xor(xf, top))), synapses);
                    }
                    else (up, active) = (TL.And(actP, xf), TL.And(actP, synapses));
                    weights = BitSlicedCounter.Step<TL, T, TP>(ref states, padded, planes, level, TL.Not(up), active);
                }
                if (reinforce)
                {
                    T top = messages ? weights : TL.Load(ref Unsafe.Add(ref states, (planes - 1) * padded));
                    weights = BitSlicedCounter.Step<TL, T, TP>(ref states, padded, planes, level, TL.Not(top), TL.And(reinforced, synapses));
                }
                if (fused)
                {
                    // Word j is final for this pattern: route it for the next one (w̃ = lane π(b) of the copies' word).
                    if (aheadRows != null && (j & 7) == 0) Sse.Prefetch0(aheadRows + 8 * j);
                    var routed = Avx512F.PermuteVar8x64(Unsafe.As<T, Vector512<ulong>>(ref weights), Nibbles(Unsafe.Add(ref nextPermutations, j), high: false));
                    T mismatch = TL.Xor(Unsafe.As<Vector512<ulong>, T>(ref routed), TL.Broadcast(Unsafe.Add(ref nextXi, j)));
                    if (j == words - 1) mismatch = TL.And(mismatch, TL.Broadcast(_last));
                    bytes = AddPopCounts(bytes, mismatch);
                    if (++counted == 31) // at most 8 a word per byte: widen before a byte can overflow
                    {
                        total = AddWords(total, Widen(bytes));
                        (bytes, counted) = (TL.Broadcast(0), 0);
                    }
                }
            }
        }
        if (fused)
        {
            TL.Store(ref _counts[0], AddWords(total, Widen(bytes)));
            FieldsFromCounts(next.Dots);
        }
    }

    /// <summary>
    /// <see cref="Update{TB, TP}"/> in its most common case: word granularity on one register of M ≤ 8 copies, perceptron
    /// messages only (CP, and SBPI or CP+R presentations that send nothing else). Copy a's word j takes one counter step
    /// by σξ_j where factor copy π⁻¹_j(a) sends; with <paramref name="next"/> fused, the next pattern's routed fields are
    /// counted from the new top plane (<see cref="FusedWords{TP}"/>). The same updates as the general loop, with no per-word
    /// branch on the kind of message.
    /// </summary>
    private unsafe void UpdateWords<TP>(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, NextFields next) where TP : IConstant
    {
        const int padded = 8; // one register of 8 copies per plane and word: the plane offsets are constants
        int planes = TP.Value is > 0 and <= 10 ? TP.Value : _planes, stride = planes * padded, last = _words - 1;
        ulong flip = sigma > 0 ? 0UL : ulong.MaxValue, level = _top;
        ref ulong permutations = ref MemoryMarshal.GetReference(table.LanePermutations(row));
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong s0 = ref _s[0];
        var sends = Vector512.LoadUnsafe(ref _sendsPerceptron[0]);
        if (!next.Fused)
        {
            for (int j = 0; j < last; j++)
                StepWord<TP>(ref Unsafe.Add(ref s0, j * stride), padded, planes, level, sends, Unsafe.Add(ref permutations, j), Unsafe.Add(ref x0, j) ^ flip, ulong.MaxValue);
            StepWord<TP>(ref Unsafe.Add(ref s0, last * stride), padded, planes, level, sends, Unsafe.Add(ref permutations, last), Unsafe.Add(ref x0, last) ^ flip, _last);
            return;
        }
        ref ulong nextPermutations = ref MemoryMarshal.GetReference(next.Permutations);
        ref ulong nextXi = ref MemoryMarshal.GetReference(next.Xi);
        var ahead = _next is { } after ? MemoryMarshal.AsBytes(after.LanePermutations(_nextRow)) : default; // rows after next
        _next = null;
        T total;
        fixed (byte* aheadRows = ahead)
            total = FusedWords<TP>(ref s0, stride, planes, level, sends, ref permutations, ref x0, flip, ref nextPermutations, ref nextXi, aheadRows);
        TL.Store(ref _counts[0], total);
        FieldsFromCounts(next.Dots);
    }

    /// <summary>
    /// <see cref="Update{TB, TP}"/> for one register of M ≤ 8 copies and perceptron messages only, from the table's L planes
    /// (edge granularity, or word granularity without lane permutations): copy a's synapses step by σξ where
    /// <see cref="Receivers{TB}"/> finds a sender. The same arithmetic as the general loop, with constant plane offsets.
    /// </summary>
    private void UpdateEdges<TB, TP>(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, Senders perceptron)
        where TB : IConstant where TP : IConstant
    {
        const int padded = 8;
        int bits = TB.Value == 0 ? _bits : TB.Value, planes = TP.Value is > 0 and <= 10 ? TP.Value : _planes;
        int stride = planes * padded, last = _words - 1;
        ulong flip = sigma > 0 ? 0UL : ulong.MaxValue, level = _top;
        ref ulong routing = ref MemoryMarshal.GetReference(table.InterleavedPlanes(row));
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong s0 = ref _s[0];
        T valid = TL.Load(ref _copyValid[0]), c0 = TL.Load(ref _codes[0]);
        T c1 = bits > 1 ? TL.Load(ref _codes[padded]) : c0, c2 = bits > 2 ? TL.Load(ref _codes[2 * padded]) : c0;
        for (int j = 0; j <= last; j++)
        {
            T receivers = Receivers<TB>(ref Unsafe.Add(ref routing, j * bits * padded), perceptron, valid, c0, c1, c2, c0, 0);
            T up = TL.And(receivers, TL.Broadcast(Unsafe.Add(ref x0, j) ^ flip));
            T active = j < last ? receivers : TL.And(receivers, TL.Broadcast(_last));
            BitSlicedCounter.Step<TL, T, TP>(ref Unsafe.Add(ref s0, j * stride), padded, planes, level, TL.Not(up), active);
        }
    }

    /// <summary>
    /// One counter step of word j of 8 copies (word granularity): the receivers are the senders' lanes permuted by π⁻¹ (the
    /// high nibbles of <paramref name="permutation"/>), each stepping by σξ (<paramref name="xf"/>) on the synapses.
    /// </summary>
    /// <returns>The new top plane (the copies' weights).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T StepWord<TP>(ref ulong states, int padded, int planes, ulong level, Vector512<ulong> sends, ulong permutation, ulong xf, ulong synapses)
        where TP : IConstant
    {
        var receivers = Avx512F.PermuteVar8x64(sends, Nibbles(permutation, high: true));
        T act = Unsafe.As<Vector512<ulong>, T>(ref receivers);
        T active = synapses == ulong.MaxValue ? act : TL.And(act, TL.Broadcast(synapses));
        return BitSlicedCounter.Step<TL, T, TP>(ref states, padded, planes, level, TL.Not(TL.And(act, TL.Broadcast(xf))), active);
    }

    /// <summary>
    /// The fused pass of <see cref="UpdateWords{TP}"/>: each word's counter step, then the next pattern's mismatches w̃ ⊕ ξ
    /// into a <see cref="MismatchCounter"/>.
    /// </summary>
    /// <returns>The mismatch count of every lane.</returns>
    private unsafe T FusedWords<TP>(ref ulong s0, int stride, int planes, ulong level, Vector512<ulong> sends, ref ulong permutations,
        ref ulong x0, ulong flip, ref ulong nextPermutations, ref ulong nextXi, byte* aheadRows) where TP : IConstant
    {
        int last = _words - 1;
        var counter = new MismatchCounter();
        for (int j = 0; j < last; j++)
        {
            if (aheadRows != null && (j & 7) == 0) Sse.Prefetch0(aheadRows + 8 * j);
            T weights = StepWord<TP>(ref Unsafe.Add(ref s0, j * stride), 8, planes, level, sends, Unsafe.Add(ref permutations, j), Unsafe.Add(ref x0, j) ^ flip, ulong.MaxValue);
            counter.Add(RouteWord(weights, Unsafe.Add(ref nextPermutations, j), Unsafe.Add(ref nextXi, j)), j);
        }
        if (aheadRows != null && (last & 7) == 0) Sse.Prefetch0(aheadRows + 8 * last);
        T final = StepWord<TP>(ref Unsafe.Add(ref s0, last * stride), 8, planes, level, sends, Unsafe.Add(ref permutations, last), Unsafe.Add(ref x0, last) ^ flip, _last);
        counter.Add(TL.And(RouteWord(final, Unsafe.Add(ref nextPermutations, last), Unsafe.Add(ref nextXi, last)), TL.Broadcast(_last)), last);
        return counter.Total(_words);
    }

    /// <summary>w̃ ⊕ ξ of the next pattern for word j of 8 factor copies: lane b of the copies' new weights is lane π(b) (the low nibbles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T RouteWord(T weights, ulong permutation, ulong xi)
    {
        var routed = Avx512F.PermuteVar8x64(Unsafe.As<T, Vector512<ulong>>(ref weights), Nibbles(permutation, high: false));
        return TL.Xor(Unsafe.As<Vector512<ulong>, T>(ref routed), TL.Broadcast(xi));
    }

    /// <summary>
    /// The lanes of register k that receive from the senders: ∨_b ∧_l ¬(plane_{b,l} ⊕ bit_l(a)) over the listed factor copies
    /// b, complemented within the valid lanes when the list holds the non-senders. <paramref name="routing"/> is at plane 0 of
    /// factor copy 0 for the current word (plane l of b at l·lanes + b), c_l the bit-l masks of the targets (planes beyond
    /// 4 read theirs from memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Receivers<TB>(ref ulong routing, Senders senders, T valid, T c0, T c1, T c2, T c3, int k) where TB : IConstant
    {
        int lanes = _lanes, bits = TB.Value == 0 ? _bits : TB.Value;
        T any = TL.Broadcast(0);
        foreach (int b in senders.List)
        {
            ref ulong r = ref Unsafe.Add(ref routing, b);
            T sel = TL.AndEqual(valid, TL.Broadcast(r), c0);
            if (bits > 1) sel = TL.AndEqual(sel, TL.Broadcast(Unsafe.Add(ref r, lanes)), c1);
            if (bits > 2) sel = TL.AndEqual(sel, TL.Broadcast(Unsafe.Add(ref r, 2 * lanes)), c2);
            if (bits > 3) sel = TL.AndEqual(sel, TL.Broadcast(Unsafe.Add(ref r, 3 * lanes)), c3);
            for (int l = 4; l < bits; l++)
                sel = TL.AndEqual(sel, TL.Broadcast(Unsafe.Add(ref r, l * lanes)), TL.Load(ref _codes[l * lanes + k]));
            any = TL.Or(any, sel);
        }
        return senders.Inverted ? TL.AndNot(valid, any) : any;
    }
}
