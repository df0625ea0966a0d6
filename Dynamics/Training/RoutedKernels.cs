using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Which kernels the routed trainer uses; both give identical results (tested), they differ in speed.</summary>
internal enum RoutedLayout
{
    /// <summary>Interleaved where vectors are available and M ≥ 3, copy-major otherwise.</summary>
    Auto,
    /// <summary>Each copy's planes contiguous (the layout of <see cref="HiddenStates"/>): a register holds 512 synapses of one copy.</summary>
    CopyMajor,
    /// <summary>Word j of a plane of all copies contiguous: a register holds one word of 8 (or 4) copies.</summary>
    Interleaved,
}

/// <summary>
/// The routed trainer's per-pattern work: all M routed fields from the current weights, then the delivery of the factor
/// copies' messages to the source copies, then CP+R's reinforcement of weight copy b by factor copy b.
/// </summary>
internal interface IRoutedKernels
{
    /// <summary>Table layout the kernels read: 0 copy-major, w copy-interleaved for registers of w copies.</summary>
    int Interleave { get; }

    /// <summary>dots[b] = w̃^{(μ,b)}·ξ for every factor copy b, routed from the current weights.</summary>
    void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots);

    /// <summary>dots[a] = w^a·ξ for every weight copy a.</summary>
    void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots);

    /// <summary>
    /// Applies the rule's decisions on the routed vectors of the last <see cref="RoutedDots"/>: the supervised messages go to
    /// the source copies (one per edge), then reinforcement acts on weight copy b for every factor copy b that drew it.
    /// </summary>
    void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions);

    /// <summary>
    /// <see cref="Update"/> for this pattern, then <see cref="RoutedDots"/> for the next one (<paramref name="next"/>, row
    /// <paramref name="nextRow"/>, ξ = <paramref name="nextXi"/>) into <paramref name="dots"/>; kernels may fuse the two passes.
    /// </summary>
    void UpdateThenRoute(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions,
        RoutingTable next, int nextRow, ReadOnlySpan<ulong> nextXi, Span<int> dots)
    {
        Update(table, row, xi, sigma, actions);
        RoutedDots(next, nextRow, nextXi, dots);
    }

    /// <summary>Hints that pattern <paramref name="pattern"/>'s routing is needed next (its table rows stream from memory at large N).</summary>
    void Prefetch(PatternRouting routing, int pattern) { }

    /// <summary>Takes the current <see cref="HiddenStates"/> as the working state (a no-op when they are the working storage).</summary>
    void Load();

    /// <summary>Makes the <see cref="HiddenStates"/> current (a no-op when they are the working storage).</summary>
    void Sync();

    /// <summary>Picks the kernels for M copies at the states' lane width.</summary>
    static IRoutedKernels For(HiddenStates states, RoutedLayout layout)
    {
        int m = states.Copies;
        bool interleaved = layout == RoutedLayout.Interleaved
            || (layout == RoutedLayout.Auto && m >= 3 && states.Lanes != LaneWidth.Scalar);
        if (!interleaved) return new CopyMajorKernels(states);
        return states.Lanes switch
        {
            LaneWidth.Vector512 when m > 4 && Avx512BW.IsSupported => new InterleavedKernels<Lanes512, Vector512<ulong>>(states),
            LaneWidth.Vector512 or LaneWidth.Vector256 when Avx2.IsSupported => new InterleavedKernels<Lanes256, Vector256<ulong>>(states),
            _ => new InterleavedKernels<Lanes64, ulong>(states),
        };
    }
}

/// <summary>Routing and delivery on the copy-major <see cref="HiddenStates"/> (multiplexer trees, <see cref="RoutedMessages.Deliver"/>).</summary>
internal sealed class CopyMajorKernels(HiddenStates states) : IRoutedKernels
{
    private readonly ulong[] _routed = new ulong[states.Copies * states.Words]; // factor copy b's routed vector at b·Words
    private readonly int[] _senders = new int[states.Copies];
    private readonly RuleAction[] _kinds = new RuleAction[states.Copies];

    public int Interleave => 0;

    public void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots)
    {
        int w = states.Words;
        var storage = states.WeightStorage(out int first, out int stride);
        table.RouteAll(row, storage, first, stride, _routed, w);
        for (int b = 0; b < states.Copies; b++) dots[b] = PackedSpins.Dot(_routed.AsSpan(b * w, w), xi, states.N);
    }

    public void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots)
    {
        for (int a = 0; a < states.Copies; a++) dots[a] = PackedSpins.Dot(states.Weights(a), xi, states.N);
    }

    public void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions)
    {
        int m = states.Copies, senders = 0;
        for (int b = 0; b < m; b++)
        {
            if ((actions[b] & RuleAction.Perceptron) != 0) (_senders[senders], _kinds[senders++]) = (b, RuleAction.Perceptron);
            else if ((actions[b] & RuleAction.Metaplastic) != 0) (_senders[senders], _kinds[senders++]) = (b, RuleAction.Metaplastic);
        }
        RoutedMessages.Deliver(states, table, row, xi, sigma, _senders.AsSpan(0, senders), _kinds, _routed, states.Words, 0, 1);
        for (int b = 0; b < m; b++)
            if ((actions[b] & RuleAction.Reinforce) != 0) states.Apply(b, xi, new ReinforceMask());
    }

    public void Load() { }

    public void Sync() { }
}

/// <summary>
/// Routing and delivery on a copy-interleaved copy of the states: plane p, word j of copies a = 0..M−1 (padded to whole
/// registers) are adjacent, so one register holds word j of W copies and every operation serves W copies at once.
/// </summary>
/// <remarks>
/// Per pattern and word j, for each register of W factor copies: the routed word is a multiplexer tree whose leaves are
/// the copies' words broadcast to all lanes, driven by the factor copies' L planes (M − 1 selects); the routed stabilities
/// are lane-wise popcounts (nibble lookup) of w̃ ⊕ ξ. Delivery: for each register of W target copies, the lanes factor copy
/// b sends to copy a are sel_{b→a} = ∧_l ¬(plane_{b,l} ⊕ bit_l(a)) (the plane broadcast, bit_l(a) a constant per lane);
/// OR-ed over the senders, they give the active lanes of a single counter step that updates W copies. SBPI's
/// metaplastic mask needs the routed weight, and the routed weight a message brings back to copy a is copy a's own.
/// The <see cref="HiddenStates"/> are brought up to date by <see cref="Sync"/>.
/// </remarks>
internal sealed class InterleavedKernels<TL, T> : IRoutedKernels where TL : ILanes<T> where T : unmanaged
{
    private readonly HiddenStates _states;
    private readonly int _m, _n, _words, _planes, _bits;
    private readonly int _lanes;  // M rounded up to whole registers: the factor/target copies a register loop covers
    private readonly int _padded; // copies per (word, plane) of the states: ≥ _lanes and ≥ 2^L, so every multiplexer leaf exists
    private readonly ulong _top, _last;
    private readonly ulong[] _s;         // [word][plane][copy, padded]
    private readonly ulong[] _codes;     // [l][copy, lanes]: all ones where bit l of a is set
    private readonly ulong[] _copyValid; // [copy, lanes]: all ones for a < M
    private readonly ulong[] _reinforce; // [copy, lanes]: all ones for the copies that reinforce this pattern
    private readonly ulong[] _sendsPerceptron, _sendsMetaplastic; // [factor copy, lanes]: all ones for the senders of each kind
    private readonly ulong[] _valid;     // per word: lanes that hold a synapse
    private readonly ulong[] _counts;
    private readonly int[] _perceptron, _metaplastic, _quietPerceptron, _quietMetaplastic; // senders of each kind, and the other factor copies
    private RoutingTable? _next; // rows to prefetch during the next RoutedDots (set by Prefetch, used once)
    private int _nextRow;

    public InterleavedKernels(HiddenStates states)
    {
        int width = TL.Width;
        _states = states;
        _m = states.Copies;
        _n = states.N;
        _words = states.Words;
        _planes = states.Planes;
        _bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(_m)));
        _lanes = (_m + width - 1) / width * width;
        _padded = Math.Max(_lanes, 1 << _bits);
        _top = states.MaxLevel;
        _last = PackedSpins.LastWordMask(_n);
        _s = new ulong[_words * _planes * _padded];
        _codes = new ulong[_bits * _lanes];
        _copyValid = new ulong[_lanes];
        _reinforce = new ulong[_lanes];
        _sendsPerceptron = new ulong[_lanes];
        _sendsMetaplastic = new ulong[_lanes];
        _counts = new ulong[_lanes];
        _valid = new ulong[_words];
        _perceptron = new int[_m];
        _metaplastic = new int[_m];
        _quietPerceptron = new int[_m];
        _quietMetaplastic = new int[_m];
        for (int a = 0; a < _m; a++)
        {
            _copyValid[a] = ulong.MaxValue;
            for (int l = 0; l < _bits; l++) _codes[l * _lanes + a] = ((a >> l) & 1) != 0 ? ulong.MaxValue : 0;
        }
        for (int j = 0; j < _words; j++) _valid[j] = states.ValidLanes(j);
    }

    public int Interleave => TL.Width;

    /// <summary>Remembers the next pattern's rows: <see cref="RoutedDots"/> prefetches them word by word while it routes the current one.</summary>
    public void Prefetch(PatternRouting routing, int pattern)
    {
        if (routing.IsHashed || !Sse.IsSupported) return;
        (_next, _nextRow) = routing.For(pattern);
    }

    public void Load()
    {
        for (int a = 0; a < _m; a++)
            for (int p = 0; p < _planes; p++)
            {
                var plane = _states.Plane(a, p);
                for (int j = 0; j < _words; j++) _s[(j * _planes + p) * _padded + a] = plane[j];
            }
    }

    public void Sync()
    {
        for (int a = 0; a < _m; a++)
            for (int p = 0; p < _planes; p++)
            {
                var plane = _states.Plane(a, p);
                for (int j = 0; j < _words; j++) plane[j] = _s[(j * _planes + p) * _padded + a];
            }
    }

    public unsafe void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots)
    {
        if (table.Interleave != TL.Width || table.Copies != _m) throw new ArgumentException("routing table not interleaved for these kernels", nameof(table));
        bool lanePermuted = typeof(T) == typeof(Vector512<ulong>) && table.HasLanePermutations;
        // The next pattern's rows stream from memory at large N (P·N·M·L bits do not fit in cache): prefetch them a word at a time.
        var next = _next is { } t ? MemoryMarshal.AsBytes(lanePermuted ? t.LanePermutations(_nextRow) : t.InterleavedPlanes(_nextRow)) : default;
        _next = null;
        int bytesPerWord = next.Length / _words, stride = _planes * _padded;
        ref ulong top = ref _s[(_planes - 1) * _padded];
        fixed (byte* ahead = next)
        {
            // The routed words go straight into the popcounts, word by word.
            if (lanePermuted)
            {
                Dots(new PermutedWords(ref top, stride, ref MemoryMarshal.GetReference(table.LanePermutations(row)), ahead), xi, dots);
                return;
            }
            ref ulong planes = ref MemoryMarshal.GetReference(table.InterleavedPlanes(row));
            switch (_bits)
            {
                case 1: Dots(new MuxedWords<Fixed1>(ref top, stride, ref planes, _bits, _lanes, ahead, bytesPerWord), xi, dots); break;
                case 2: Dots(new MuxedWords<Fixed2>(ref top, stride, ref planes, _bits, _lanes, ahead, bytesPerWord), xi, dots); break;
                case 3: Dots(new MuxedWords<Fixed3>(ref top, stride, ref planes, _bits, _lanes, ahead, bytesPerWord), xi, dots); break;
                case 4: Dots(new MuxedWords<Fixed4>(ref top, stride, ref planes, _bits, _lanes, ahead, bytesPerWord), xi, dots); break;
                default: Dots(new MuxedWords<Variable>(ref top, stride, ref planes, _bits, _lanes, ahead, bytesPerWord), xi, dots); break;
            }
        }
    }

    /// <summary>Register k (lanes k…k+W−1) of word j of the vectors whose fields <see cref="Dots"/> counts.</summary>
    private interface IWords
    {
        T Register(int j, int k);
    }

    /// <summary>The copies' own weights (the top plane of the states).</summary>
    private readonly ref struct OwnWords(ref ulong top, int stride) : IWords
    {
        private readonly ref ulong _top = ref top;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Register(int j, int k) => TL.Load(ref Unsafe.Add(ref _top, j * stride + k));
    }

    /// <summary>Word granularity, M ≤ 8: the routed word of lane b is lane π(b) of the copies' register (one VPERMQ).</summary>
    private readonly unsafe ref struct PermutedWords(ref ulong top, int stride, ref ulong permutations, byte* ahead) : IWords
    {
        private readonly ref ulong _top = ref top;
        private readonly ref ulong _permutations = ref permutations;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Register(int j, int k)
        {
            if (ahead != null && (j & 7) == 0) Sse.Prefetch0(ahead + 8 * j); // 8 bytes a word: a cache line per 8 words
            var routed = Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref Unsafe.Add(ref _top, j * stride)), Forward(Unsafe.Add(ref _permutations, j)));
            return Unsafe.As<Vector512<ulong>, T>(ref routed);
        }
    }

    /// <summary>
    /// Edge granularity: the multiplexer tree over the copies' words (broadcast to every lane) driven by the factor copies'
    /// L planes of the table row (plane l of factor copy b at (j·L + l)·lanes + b).
    /// </summary>
    private readonly unsafe ref struct MuxedWords<TB>(ref ulong top, int stride, ref ulong planes, int bits, int lanes, byte* ahead, int bytesPerWord) : IWords
        where TB : IConstant
    {
        private readonly ref ulong _top = ref top;
        private readonly ref ulong _planes = ref planes;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Register(int j, int k)
        {
            int l = TB.Value == 0 ? bits : TB.Value;
            if (ahead != null && k == 0)
                for (int at = j * bytesPerWord; at < (j + 1) * bytesPerWord; at += 64) Sse.Prefetch0(ahead + at);
            ref ulong top = ref Unsafe.Add(ref _top, j * stride);
            ref ulong p = ref Unsafe.Add(ref _planes, j * l * lanes + k);
            return l switch
            {
                1 => Mux2(ref p, ref top),
                2 => Mux4(ref p, lanes, ref top),
                3 => Mux8(ref p, lanes, ref top),
                4 => TL.Select(TL.Load(ref Unsafe.Add(ref p, 3 * lanes)), Mux8(ref p, lanes, ref Unsafe.Add(ref top, 8)), Mux8(ref p, lanes, ref top)),
                _ => MuxTree(ref p, lanes, ref top, l),
            };
        }
    }

    // A word's lane permutations (RoutingTable.LanePermutations): nibble b of the low half is π(b), nibble a of the high half
    // π⁻¹(a). Shifting the word broadcast to lane t by 4t (or 32 + 4t) puts lane t's index in its low bits, and VPERMQ reads
    // only the low 3 bits of each index.
    private static readonly Vector512<ulong> ForwardShifts = Vector512.Create(0UL, 4, 8, 12, 16, 20, 24, 28);
    private static readonly Vector512<ulong> InverseShifts = Vector512.Create(32UL, 36, 40, 44, 48, 52, 56, 60);

    /// <summary>VPERMQ control of π: lane b reads lane π(b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Forward(ulong packed) => Avx512F.ShiftRightLogicalVariable(Vector512.Create(packed), ForwardShifts);

    /// <summary>VPERMQ control of π⁻¹: lane a reads lane π⁻¹(a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Inverse(ulong packed) => Avx512F.ShiftRightLogicalVariable(Vector512.Create(packed), InverseShifts);

    // Multiplexer trees over the copies' words (broadcast to every lane), driven by the factor copies' planes: level l picks
    // between subtrees that differ in bit l of the source copy. Unrolled for M ≤ 16; leaves ≥ M are padding and never picked.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Leaf(ref ulong top, int a) => TL.Broadcast(Unsafe.Add(ref top, a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mux2(ref ulong p, ref ulong top) => TL.Select(TL.Load(ref p), Leaf(ref top, 1), Leaf(ref top, 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mux4(ref ulong p, int stride, ref ulong top)
    {
        T p0 = TL.Load(ref p);
        return TL.Select(TL.Load(ref Unsafe.Add(ref p, stride)),
            TL.Select(p0, Leaf(ref top, 3), Leaf(ref top, 2)), TL.Select(p0, Leaf(ref top, 1), Leaf(ref top, 0)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mux8(ref ulong p, int stride, ref ulong top)
    {
        T p0 = TL.Load(ref p), p1 = TL.Load(ref Unsafe.Add(ref p, stride));
        T low = TL.Select(p1, TL.Select(p0, Leaf(ref top, 3), Leaf(ref top, 2)), TL.Select(p0, Leaf(ref top, 1), Leaf(ref top, 0)));
        T high = TL.Select(p1, TL.Select(p0, Leaf(ref top, 7), Leaf(ref top, 6)), TL.Select(p0, Leaf(ref top, 5), Leaf(ref top, 4)));
        return TL.Select(TL.Load(ref Unsafe.Add(ref p, 2 * stride)), high, low);
    }

    /// <summary>Any M: the tree level by level (2^L leaves, the padding ones never picked).</summary>
    private static T MuxTree(ref ulong p, int stride, ref ulong top, int bits)
    {
        int leaves = 1 << bits;
        Span<T> levelBuffer = stackalloc T[leaves / 2];
        ref T level = ref MemoryMarshal.GetReference(levelBuffer);
        T plane = TL.Load(ref p);
        for (int a = 0; a < leaves; a += 2) Unsafe.Add(ref level, a / 2) = TL.Select(plane, Leaf(ref top, a + 1), Leaf(ref top, a));
        for (int l = 1, count = leaves / 2; l < bits; l++, count /= 2)
        {
            plane = TL.Load(ref Unsafe.Add(ref p, l * stride));
            for (int a = 0; a < count; a += 2)
                Unsafe.Add(ref level, a / 2) = TL.Select(plane, Unsafe.Add(ref level, a + 1), Unsafe.Add(ref level, a));
        }
        return level;
    }

    public void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots) => Dots(new OwnWords(ref _s[(_planes - 1) * _padded], _planes * _padded), xi, dots);

    /// <summary>dots[c] = N − 2·popcount(v_c ⊕ ξ) for the M lanes c of the words v_j the source yields.</summary>
    private void Dots<TW>(TW v, ReadOnlySpan<ulong> xi, Span<int> dots) where TW : IWords, allows ref struct
    {
        int width = TL.Width, words = _words;
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        for (int k = 0; k < _lanes; k += width)
        {
            // The last word (masked to the N synapses) opens the count; byte counts add up to 8 per word, so 31 words
            // fit in a byte before they are widened.
            T total = Widen(AddPopCounts(TL.Broadcast(0), TL.And(TL.Xor(v.Register(words - 1, k), TL.Broadcast(Unsafe.Add(ref x0, words - 1))), TL.Broadcast(_last))));
            for (int j0 = 0; j0 < words - 1; j0 += 31)
            {
                T bytes = TL.Broadcast(0);
                for (int j = j0, end = Math.Min(words - 1, j0 + 31); j < end; j++)
                    bytes = AddPopCounts(bytes, TL.Xor(v.Register(j, k), TL.Broadcast(Unsafe.Add(ref x0, j))));
                total = AddWords(total, Widen(bytes));
            }
            TL.Store(ref _counts[k], total);
        }
        for (int c = 0; c < _m; c++) dots[c] = _n - 2 * (int)_counts[c];
    }

    public void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions)
        => Update(table, row, xi, sigma, actions, default);

    /// <summary>
    /// Word granularity, M ≤ 8: the next pattern's routed fields are counted in the update's own pass, word j as soon as
    /// its update is done (the same fields as a separate <see cref="RoutedDots"/> on the updated weights).
    /// </summary>
    public void UpdateThenRoute(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions,
        RoutingTable next, int nextRow, ReadOnlySpan<ulong> nextXi, Span<int> dots)
    {
        bool fused = typeof(T) == typeof(Vector512<ulong>) && table.HasLanePermutations && next.HasLanePermutations
            && next.Interleave == TL.Width && next.Copies == _m;
        if (!fused) Update(table, row, xi, sigma, actions, default);
        if (!fused || !Update(table, row, xi, sigma, actions, new NextFields(next.LanePermutations(nextRow), nextXi, dots, true)))
            RoutedDots(next, nextRow, nextXi, dots); // nothing fused: not word-routed, or no copy changed
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
        int width = TL.Width, bits = TB.Value == 0 ? _bits : TB.Value, lanes = _lanes, padded = _padded, planes = _planes, words = _words;
        ulong flip = sigma > 0 ? 0UL : ulong.MaxValue, level = _top;
        bool messages = perceptron.Any || metaplastic.Any;
        // Word granularity, M ≤ 8: copy a receives the whole word from factor copy π⁻¹(a), so the senders' lane masks permuted by π⁻¹ are the active lanes.
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
        Vector512<byte> bytes = default;
        Vector512<ulong> total = default;
        int counted = 0;
        fixed (byte* aheadRows = ahead)
        for (int k = 0; k < lanes; k += width)
        {
            // Per lane a of this register: all ones for a < M, and bit l of a as a mask (the codes the planes are compared with).
            T valid = TL.Load(ref _copyValid[k]), c0 = TL.Load(ref _codes[k]);
            T c1 = bits > 1 ? TL.Load(ref _codes[lanes + k]) : c0, c2 = bits > 2 ? TL.Load(ref _codes[2 * lanes + k]) : c0;
            T c3 = bits > 3 ? TL.Load(ref _codes[3 * lanes + k]) : c0, reinforced = TL.Load(ref _reinforce[k]);
            T zero = TL.Broadcast(0);
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
                        var inverse = Inverse(Unsafe.Add(ref permutations, j));
                        var p = Avx512F.PermuteVar8x64(sendsP, inverse);
                        actP = Unsafe.As<Vector512<ulong>, T>(ref p);
                        if (metaplastic.Any)
                        {
                            var q = Avx512F.PermuteVar8x64(sendsM, inverse);
                            actM = Unsafe.As<Vector512<ulong>, T>(ref q);
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
                    var routed = Avx512F.PermuteVar8x64(Unsafe.As<T, Vector512<ulong>>(ref weights), Forward(Unsafe.Add(ref nextPermutations, j)));
                    var mismatch = routed ^ Vector512.Create(Unsafe.Add(ref nextXi, j));
                    if (j == words - 1) mismatch &= Vector512.Create(_last);
                    bytes += PackedSpins.BytePopCounts(mismatch.AsByte());
                    if (++counted == 31) // at most 8 a word per byte: widen before a byte can overflow
                    {
                        total += Avx512BW.SumAbsoluteDifferences(bytes, Vector512<byte>.Zero).AsUInt64();
                        (bytes, counted) = (default, 0);
                    }
                }
            }
        }
        if (fused)
        {
            total += Avx512BW.SumAbsoluteDifferences(bytes, Vector512<byte>.Zero).AsUInt64();
            total.StoreUnsafe(ref _counts[0]);
            for (int c = 0; c < _m; c++) next.Dots[c] = _n - 2 * (int)_counts[c];
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

    /// <summary>Adds the popcounts of x to per-byte (vector) or per-word (scalar) counters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T AddPopCounts(T counts, T x)
    {
        if (typeof(T) == typeof(Vector512<ulong>))
        {
            var r = (Unsafe.As<T, Vector512<ulong>>(ref counts).AsByte() + PackedSpins.BytePopCounts(Unsafe.As<T, Vector512<ulong>>(ref x).AsByte())).AsUInt64();
            return Unsafe.As<Vector512<ulong>, T>(ref r);
        }
        if (typeof(T) == typeof(Vector256<ulong>))
        {
            var r = (Unsafe.As<T, Vector256<ulong>>(ref counts).AsByte() + PackedSpins.BytePopCounts(Unsafe.As<T, Vector256<ulong>>(ref x).AsByte())).AsUInt64();
            return Unsafe.As<Vector256<ulong>, T>(ref r);
        }
        ulong s = Unsafe.As<T, ulong>(ref counts) + (ulong)BitOperations.PopCount(Unsafe.As<T, ulong>(ref x));
        return Unsafe.As<ulong, T>(ref s);
    }

    /// <summary>Per-byte counters summed into their 64-bit lane (VPSADBW); scalar counters are already words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Widen(T counts)
    {
        if (typeof(T) == typeof(Vector512<ulong>))
        {
            var r = Avx512BW.SumAbsoluteDifferences(Unsafe.As<T, Vector512<ulong>>(ref counts).AsByte(), Vector512<byte>.Zero).AsUInt64();
            return Unsafe.As<Vector512<ulong>, T>(ref r);
        }
        if (typeof(T) == typeof(Vector256<ulong>))
        {
            var r = Avx2.SumAbsoluteDifferences(Unsafe.As<T, Vector256<ulong>>(ref counts).AsByte(), Vector256<byte>.Zero).AsUInt64();
            return Unsafe.As<Vector256<ulong>, T>(ref r);
        }
        return counts;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T AddWords(T a, T b)
    {
        if (typeof(T) == typeof(Vector512<ulong>))
        {
            var r = Unsafe.As<T, Vector512<ulong>>(ref a) + Unsafe.As<T, Vector512<ulong>>(ref b);
            return Unsafe.As<Vector512<ulong>, T>(ref r);
        }
        if (typeof(T) == typeof(Vector256<ulong>))
        {
            var r = Unsafe.As<T, Vector256<ulong>>(ref a) + Unsafe.As<T, Vector256<ulong>>(ref b);
            return Unsafe.As<Vector256<ulong>, T>(ref r);
        }
        ulong s = Unsafe.As<T, ulong>(ref a) + Unsafe.As<T, ulong>(ref b);
        return Unsafe.As<ulong, T>(ref s);
    }
}

