using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

// Counting of the interleaved kernels: per-lane popcounts of mismatch words, widened to 64-bit lanes, and the fields from them.
internal sealed partial class InterleavedKernels<TL, T>
{
    /// <summary>
    /// Per-lane mismatch counts of a sequence of 512-bit words, summed by carry-save adders (Harley &amp; Seal): pairs of words
    /// are compressed into <c>ones</c> with a carry of weight 2, pairs of those carries into <c>twos</c> with a carry of
    /// weight 4, whose byte popcounts accumulate (at most 8 a group of 4 words per byte: widened every 31 groups). One
    /// byte popcount per 4 words instead of one per word: it pays where each word costs more than its count, as in the
    /// update pass that also routes the next pattern (measured); the plain popcount loop of <see cref="Dots"/> was faster
    /// without it.
    /// </summary>
    private struct MismatchCounter
    {
        private T _ones, _twos, _fours, _quads, _held, _heldTwo;
        private int _groups;

        /// <summary>Counts the set bits of every lane of <paramref name="mismatch"/>, word <paramref name="j"/> = 0, 1, 2, … of the sequence.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(T mismatch, int j)
        {
            if ((j & 1) == 0)
            {
                _held = mismatch;
                return;
            }
            T carry = Majority(_ones, _held, mismatch); // ones + held + mismatch = ones' + 2·carry
            _ones = Xor3(_ones, _held, mismatch);
            if ((j & 2) == 0)
            {
                _heldTwo = carry;
                return;
            }
            _fours = AddPopCounts(_fours, Majority(_twos, _heldTwo, carry)); // twos + heldTwo + carry = twos' + 2·(weight-4 carry)
            _twos = Xor3(_twos, _heldTwo, carry);
            if (++_groups == 31)
            {
                _quads = AddWords(_quads, Widen(_fours));
                (_fours, _groups) = (default, 0);
            }
        }

        /// <summary>
        /// The count of every lane after <paramref name="words"/> words: 4·(weight-4 carries) + 2·(twos and an unpaired
        /// carry) + ones and an unpaired word.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly T Total(int words)
        {
            T ones = AddPopCounts(default, _ones), twos = AddPopCounts(default, _twos);
            if ((words & 1) != 0) ones = AddPopCounts(ones, _held);
            if ((words & 2) != 0) twos = AddPopCounts(twos, _heldTwo);
            T four = AddWords(_quads, Widen(_fours)), two = Widen(twos);
            four = AddWords(four, four);
            return AddWords(Widen(ones), AddWords(AddWords(four, four), AddWords(two, two)));
        }
    }

    /// <summary>a ⊕ b ⊕ c on every bit (the sum of a 3:2 compressor), one VPTERNLOGQ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Xor3(T a, T b, T c)
    {
        var r = Avx512F.TernaryLogic(Unsafe.As<T, Vector512<ulong>>(ref a), Unsafe.As<T, Vector512<ulong>>(ref b), Unsafe.As<T, Vector512<ulong>>(ref c), 0x96);
        return Unsafe.As<Vector512<ulong>, T>(ref r);
    }

    /// <summary>majority(a, b, c) on every bit (the carry of a 3:2 compressor), one VPTERNLOGQ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Majority(T a, T b, T c)
    {
        var r = Avx512F.TernaryLogic(Unsafe.As<T, Vector512<ulong>>(ref a), Unsafe.As<T, Vector512<ulong>>(ref b), Unsafe.As<T, Vector512<ulong>>(ref c), 0xE8);
        return Unsafe.As<Vector512<ulong>, T>(ref r);
    }

    /// <summary>dots[c] = N − 2·(mismatches of lane c), from the counts the last pass stored.</summary>
    private void FieldsFromCounts(Span<int> dots)
    {
        for (int c = 0; c < _m; c++) dots[c] = _n - 2 * (int)_counts[c];
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
