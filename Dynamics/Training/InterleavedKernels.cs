using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.States;
using static MCoverPhysics.Dynamics.States.Constants;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

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
internal sealed partial class InterleavedKernels<TL, T> : IRoutedKernels where TL : ILanes<T> where T : unmanaged
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
                Dots(new PermutedWords(ref top, stride, ref MemoryMarshal.GetReference(table.LanePermutations(row)), _lanes == 16, ahead), xi, dots);
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

    /// <summary>
    /// Word granularity, M ≤ 16: the routed word of lane b is lane π(b) of the copies' register (one VPERMQ), or of the
    /// copies' two registers for M &gt; 8 (one VPERMT2Q per register of factor copies, 16 bytes of table a word).
    /// </summary>
    private readonly unsafe ref struct PermutedWords(ref ulong top, int stride, ref ulong permutations, bool wide, byte* ahead) : IWords
    {
        private readonly ref ulong _top = ref top;
        private readonly ref ulong _permutations = ref permutations;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Register(int j, int k)
        {
            ref ulong copies = ref Unsafe.Add(ref _top, j * stride);
            Vector512<ulong> routed;
            if (!wide)
            {
                if (ahead != null && (j & 7) == 0) Sse.Prefetch0(ahead + 8 * j); // 8 bytes a word: a cache line per 8 words
                routed = Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref copies), Nibbles(Unsafe.Add(ref _permutations, j), high: false));
            }
            else
            {
                if (ahead != null && k == 0 && (j & 3) == 0) Sse.Prefetch0(ahead + 16 * j);
                var indices = Nibbles(Unsafe.Add(ref _permutations, 2 * j), high: k != 0); // π(b) for b = k…k + 7, in 0…15
                routed = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref copies), indices, Vector512.LoadUnsafe(ref Unsafe.Add(ref copies, 8)));
            }
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

    // A word's lane permutations (RoutingTable.LanePermutations) are 4-bit lane indices: M ≤ 8, π in the low half of one
    // word and π⁻¹ in the high half; M ≤ 16, π and π⁻¹ in a word each. Shifting the word broadcast to lane t by 4t (or
    // 32 + 4t) puts nibble t (or 8 + t) in its low bits; VPERMQ reads the low 3 bits of each index, VPERMT2Q the low 4 (bit 3
    // picks the register).
    private static readonly Vector512<ulong> LowShifts = Vector512.Create(0UL, 4, 8, 12, 16, 20, 24, 28);
    private static readonly Vector512<ulong> HighShifts = Vector512.Create(32UL, 36, 40, 44, 48, 52, 56, 60);

    /// <summary>The permutation control of lanes 0…7 from nibbles 0…7 of <paramref name="packed"/>, or from nibbles 8…15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Nibbles(ulong packed, bool high) => Avx512F.ShiftRightLogicalVariable(Vector512.Create(packed), high ? HighShifts : LowShifts);

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
        FieldsFromCounts(dots);
    }
}
