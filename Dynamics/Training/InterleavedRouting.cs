using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.States;
using static MCoverPhysics.Dynamics.States.Constants;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// The fields of the interleaved kernels: for each register of W factor copies, the routed word is a multiplexer tree
/// whose leaves are the copies' words broadcast to all lanes, driven by the factor copies' L planes (M − 1 selects), or,
/// with word granularity and M ≤ 16 on registers of 8 lanes, one lane permutation; the fields are lane-wise popcounts
/// (nibble lookup) of w̃ ⊕ ξ.
/// </summary>
internal sealed class InterleavedRouting<TL, T>(InterleavedLayout layout) where TL : ILanes<T> where T : unmanaged
{
    private readonly InterleavedLayout _layout = layout;
    private readonly int _m = layout.M, _words = layout.Words, _planes = layout.Planes, _bits = layout.Bits, _lanes = layout.Lanes, _padded = layout.Padded;
    private readonly ulong _last = layout.Last;
    private readonly ulong[] _s = layout.S, _counts = layout.Counts;

    /// <summary>dots[b] = w̃^{(μ,b)}·ξ for every factor copy b of row <paramref name="row"/>, prefetching the rows of <see cref="InterleavedLayout.Ahead"/>.</summary>
    public unsafe void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots)
    {
        if (table.Interleave != TL.Width || table.Copies != _m) throw new ArgumentException("routing table not interleaved for these kernels", nameof(table));
        bool lanePermuted = TL.Width == 8 && table.HasLanePermutations;
        // The next pattern's rows stream from memory at large N (P·N·M·L bits do not fit in cache): prefetch them a word at a time.
        var next = _layout.TakeAhead(out int nextRow) is { } t ? MemoryMarshal.AsBytes(lanePermuted ? t.LanePermutations(nextRow) : t.InterleavedPlanes(nextRow)) : default;
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
                case 1: Dots(new MuxedWords<Fixed1>(ref top, stride, ref planes, _bits, _m, _lanes, ahead, bytesPerWord), xi, dots); break;
                case 2: Dots(new MuxedWords<Fixed2>(ref top, stride, ref planes, _bits, _m, _lanes, ahead, bytesPerWord), xi, dots); break;
                case 3: Dots(new MuxedWords<Fixed3>(ref top, stride, ref planes, _bits, _m, _lanes, ahead, bytesPerWord), xi, dots); break;
                case 4: Dots(new MuxedWords<Fixed4>(ref top, stride, ref planes, _bits, _m, _lanes, ahead, bytesPerWord), xi, dots); break;
                default: Dots(new MuxedWords<Variable>(ref top, stride, ref planes, _bits, _m, _lanes, ahead, bytesPerWord), xi, dots); break;
            }
        }
    }

    /// <summary>dots[a] = w^a·ξ for every weight copy a.</summary>
    public void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots) => Dots(new OwnWords(ref _s[(_planes - 1) * _padded], _planes * _padded), xi, dots);

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
    /// Word granularity, M ≤ 16, registers of 8 lanes: the routed word of lane b is lane π(b) of the copies' register (one
    /// VPERMQ), or of the copies' two registers for M &gt; 8 (one VPERMT2Q per register of factor copies, 16 bytes of table a
    /// word). A word's lane permutations (RoutingTable.LanePermutations) are 4-bit lane indices, π in the low nibbles.
    /// </summary>
    private readonly unsafe ref struct PermutedWords(ref ulong top, int stride, ref ulong permutations, bool wide, byte* ahead) : IWords
    {
        private readonly ref ulong _top = ref top;
        private readonly ref ulong _permutations = ref permutations;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Register(int j, int k)
        {
            ref ulong copies = ref Unsafe.Add(ref _top, j * stride);
            if (!wide)
            {
                if (ahead != null && (j & 7) == 0) Sse.Prefetch0(ahead + 8 * j); // 8 bytes a word: a cache line per 8 words
                return TL.Permute(TL.Load(ref copies), TL.Nibbles(Unsafe.Add(ref _permutations, j), high: false));
            }
            if (ahead != null && k == 0 && (j & 3) == 0) Sse.Prefetch0(ahead + 16 * j);
            T indices = TL.Nibbles(Unsafe.Add(ref _permutations, 2 * j), high: k != 0); // π(b) for b = k…k + 7, in 0…15
            return TL.Permute(TL.Load(ref copies), indices, TL.Load(ref Unsafe.Add(ref copies, TL.Width)));
        }
    }

    /// <summary>
    /// Edge granularity: the multiplexer tree over the copies' words (broadcast to every lane) driven by the factor copies'
    /// L planes of the table row (plane l of factor copy b at (j·L + l)·lanes + b).
    /// </summary>
    private readonly unsafe ref struct MuxedWords<TB>(ref ulong top, int stride, ref ulong planes, int bits, int copies, int lanes, byte* ahead, int bytesPerWord) : IWords
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
                _ => MuxTree(ref p, lanes, ref top, copies, l),
            };
        }
    }

    /// <summary>The copies' words of one word index, each broadcast to every lane: the leaves of the routing trees.</summary>
    private readonly ref struct BroadcastLeaves(ref ulong top) : ILeaves<T>
    {
        private readonly ref ulong _top = ref top;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Leaf(int index) => TL.Broadcast(Unsafe.Add(ref _top, index));
    }

    // Multiplexer trees over the copies' words (broadcast to every lane), driven by the factor copies' planes: level l picks
    // between subtrees that differ in bit l of the source copy. Unrolled for M ≤ 16 (the leaves ≥ M are padding and never
    // picked), in registers; beyond, Multiplexer.Reduce level by level.
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

    /// <summary>M &gt; 16: the shared tree (<see cref="Multiplexer"/>) over the M copies' broadcast words.</summary>
    private static T MuxTree(ref ulong p, int stride, ref ulong top, int copies, int bits)
    {
        Span<T> levelBuffer = stackalloc T[(copies + 1) / 2];
        ref T level = ref MemoryMarshal.GetReference(levelBuffer);
        Multiplexer.Reduce<TL, T, BroadcastLeaves>(new BroadcastLeaves(ref top), ref level, copies, 1, ref p, stride, bits);
        return level;
    }

    /// <summary>dots[c] = N − 2·popcount(v_c ⊕ ξ) for the M lanes c of the words v_j the source yields.</summary>
    private void Dots<TW>(TW v, ReadOnlySpan<ulong> xi, Span<int> dots) where TW : IWords, allows ref struct
    {
        int width = TL.Width, words = _words;
        ref ulong x0 = ref MemoryMarshal.GetReference(xi);
        for (int k = 0; k < _lanes; k += width)
        {
            // The last word (masked to the N synapses) opens the count; byte counts add up to 8 per word, so 31 words
            // fit in a byte before they are widened.
            T total = TL.Widen(TL.AddPopCounts(TL.Broadcast(0), TL.And(TL.Xor(v.Register(words - 1, k), TL.Broadcast(Unsafe.Add(ref x0, words - 1))), TL.Broadcast(_last))));
            for (int j0 = 0; j0 < words - 1; j0 += 31)
            {
                T bytes = TL.Broadcast(0);
                for (int j = j0, end = Math.Min(words - 1, j0 + 31); j < end; j++)
                    bytes = TL.AddPopCounts(bytes, TL.Xor(v.Register(j, k), TL.Broadcast(Unsafe.Add(ref x0, j))));
                total = TL.Add(total, TL.Widen(bytes));
            }
            TL.Store(ref _counts[k], total);
        }
        _layout.FieldsFromCounts(dots);
    }
}
