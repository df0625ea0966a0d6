using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using static MCoverPhysics.Dynamics.States.Constants;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Delivery of the interleaved kernels: the rule's messages go to the target copies a register of copies at a time. For a
/// register of W target copies, the lanes factor copy b sends to copy a are sel_{b→a} = ∧_l ¬(plane_{b,l} ⊕ bit_l(a)) (the
/// plane broadcast, bit_l(a) a constant per lane); OR-ed over the senders, they give the active lanes of a single counter
/// step that updates W copies. SBPI's metaplastic mask needs the routed weight, and the routed weight a message brings back
/// to copy a is copy a's own. With word granularity on registers of 8 lanes, the receivers are the senders' lane masks
/// permuted by π⁻¹, and the next pattern's fields can be counted in the same pass (M ≤ 8).
/// </summary>
internal sealed class InterleavedDelivery<TL, T> where TL : ILanes<T> where T : unmanaged
{
    private readonly InterleavedLayout _layout;
    private readonly WordDelivery<TL, T> _words8;
    private readonly int _m, _words, _planes, _bits, _lanes, _padded;
    private readonly ulong _top, _last;
    private readonly ulong[] _s, _codes, _copyValid, _valid, _counts;
    private readonly ulong[] _reinforce; // [copy, lanes]: all ones for the copies that reinforce this pattern
    private readonly ulong[] _sendsPerceptron, _sendsMetaplastic; // [factor copy, lanes]: all ones for the senders of each kind
    private readonly int[] _perceptron, _metaplastic, _quietPerceptron, _quietMetaplastic; // senders of each kind, and the other factor copies

    public InterleavedDelivery(InterleavedLayout layout)
    {
        _layout = layout;
        _words8 = new WordDelivery<TL, T>(layout);
        (_m, _words, _planes, _bits, _lanes, _padded) = (layout.M, layout.Words, layout.Planes, layout.Bits, layout.Lanes, layout.Padded);
        (_top, _last) = (layout.Top, layout.Last);
        (_s, _codes, _copyValid, _valid, _counts) = (layout.S, layout.Codes, layout.CopyValid, layout.Valid, layout.Counts);
        _reinforce = new ulong[_lanes];
        _sendsPerceptron = new ulong[_lanes];
        _sendsMetaplastic = new ulong[_lanes];
        _perceptron = new int[_m];
        _metaplastic = new int[_m];
        _quietPerceptron = new int[_m];
        _quietMetaplastic = new int[_m];
    }

    /// <summary>
    /// The update of row <paramref name="row"/> by the rule's <paramref name="actions"/>, and the next pattern's fields where
    /// <paramref name="next"/> is fused. Returns false when no copy changes (then nothing runs, not even the next pattern's fields).
    /// </summary>
    public bool Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions, NextFields next)
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
        if (TL.Width == 8 && _padded == 8 && !metaplastic.Any && !reinforce)
        {
            // The common cases (one register of M ≤ 8 copies, perceptron messages only), without the general loop's per-word branches.
            if (table.HasLanePermutations) _words8.Update<TP>(table, row, xi, sigma, TL.Load(ref _sendsPerceptron[0]), next);
            else UpdateEdges<TB, TP>(table, row, xi, sigma, perceptron);
            return;
        }
        int width = TL.Width, bits = TB.Value == 0 ? _bits : TB.Value, lanes = _lanes, padded = _padded, planes = _planes, words = _words;
        ulong flip = sigma > 0 ? 0UL : ulong.MaxValue, level = _top;
        bool messages = perceptron.Any || metaplastic.Any;
        // Word granularity, M ≤ 16: copy a receives the whole word from factor copy π⁻¹(a), so the senders' lane masks permuted by π⁻¹ are the active lanes.
        bool lanePermuted = TL.Width == 8 && table.HasLanePermutations;
        ref ulong permutations = ref lanePermuted ? ref MemoryMarshal.GetReference(table.LanePermutations(row)) : ref Unsafe.NullRef<ulong>();
        ref ulong planes0 = ref MemoryMarshal.GetReference(table.InterleavedPlanes(row));
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        ref ulong s0 = ref _s[0];
        // Fused routing of the next pattern (word granularity: one register of M ≤ 8 copies), byte counts as in Dots.
        bool fused = lanePermuted && next.Fused;
        ref ulong nextPermutations = ref MemoryMarshal.GetReference(next.Permutations);
        ref ulong nextXi = ref MemoryMarshal.GetReference(next.Xi);
        int aheadRow = 0;
        var ahead = fused && _layout.TakeAhead(out aheadRow) is { } after ? MemoryMarshal.AsBytes(after.LanePermutations(aheadRow)) : default; // rows after next
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
            T sendsP = lanePermuted ? TL.Load(ref _sendsPerceptron[0]) : default;
            T sendsM = lanePermuted ? TL.Load(ref _sendsMetaplastic[0]) : default;
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
                        if (lanes == 8)
                        {
                            T inverse = TL.Nibbles(Unsafe.Add(ref permutations, j), high: true); // π⁻¹
                            actP = TL.Permute(sendsP, inverse);
                            if (metaplastic.Any) actM = TL.Permute(sendsM, inverse);
                        }
                        else
                        {
                            T inverse = TL.Nibbles(Unsafe.Add(ref permutations, 2 * j + 1), high: k != 0); // π⁻¹(a) for a = k…k + 7
                            actP = TL.Permute(sendsP, inverse, TL.Load(ref _sendsPerceptron[8]));
                            if (metaplastic.Any) actM = TL.Permute(sendsM, inverse, TL.Load(ref _sendsMetaplastic[8]));
                        }
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
                    T routed = TL.Permute(weights, TL.Nibbles(Unsafe.Add(ref nextPermutations, j), high: false));
                    T mismatch = TL.Xor(routed, TL.Broadcast(Unsafe.Add(ref nextXi, j)));
                    if (j == words - 1) mismatch = TL.And(mismatch, TL.Broadcast(_last));
                    bytes = TL.AddPopCounts(bytes, mismatch);
                    if (++counted == 31) // at most 8 a word per byte: widen before a byte can overflow
                    {
                        total = TL.Add(total, TL.Widen(bytes));
                        (bytes, counted) = (TL.Broadcast(0), 0);
                    }
                }
            }
        }
        if (fused)
        {
            TL.Store(ref _counts[0], TL.Add(total, TL.Widen(bytes)));
            _layout.FieldsFromCounts(next.Dots);
        }
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
