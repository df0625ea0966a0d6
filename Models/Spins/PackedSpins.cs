using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MCoverPhysics.Models.Spins;

/// <summary>
/// Bit-packed ±1 vectors: one bit per spin, 64 spins per <see cref="ulong"/>, bit = 1 ⇔ spin = +1.
/// Padding bits (positions ≥ N in the last word) are always zero, so XOR-based kernels need no masking.
/// </summary>
/// <remarks>docs/physics/rules.md#bit-packing.</remarks>
public static class PackedSpins
{
    /// <summary>Number of 64-bit words that hold <paramref name="n"/> spins.</summary>
    public static int WordCount(int n) => (n + 63) >> 6;

    /// <summary>Mask of the valid bits of the last word (all ones when 64 divides N).</summary>
    public static ulong LastWordMask(int n) => (n & 63) == 0 ? ulong.MaxValue : (1UL << (n & 63)) - 1;

    /// <summary>
    /// Dot product of two ±1 vectors of length <paramref name="n"/>.
    /// </summary>
    /// <remarks>
    /// a·b = N − 2·popcount(a ⊕ b); the last word is masked, so padding bits never count.
    /// Scalar POPCNT, unrolled by four: .NET 10 exposes no vector popcount (AVX-512 VPOPCNTDQ),
    /// and at N ≲ 10^4 the loop is a few dozen instructions (see `mcover bench`).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int n)
    {
        int words = WordCount(n);
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rb = ref MemoryMarshal.GetReference(b);
        if (a.Length < words || b.Length < words) ThrowShort();
        int c0 = 0, c1 = 0, c2 = 0, c3 = 0, j = 0;
        for (; j + 4 < words; j += 4)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref ra, j) ^ Unsafe.Add(ref rb, j));
            c1 += BitOperations.PopCount(Unsafe.Add(ref ra, j + 1) ^ Unsafe.Add(ref rb, j + 1));
            c2 += BitOperations.PopCount(Unsafe.Add(ref ra, j + 2) ^ Unsafe.Add(ref rb, j + 2));
            c3 += BitOperations.PopCount(Unsafe.Add(ref ra, j + 3) ^ Unsafe.Add(ref rb, j + 3));
        }
        for (; j < words - 1; j++) c0 += BitOperations.PopCount(Unsafe.Add(ref ra, j) ^ Unsafe.Add(ref rb, j));
        // The last word is masked so that garbage in a caller's padding can never count (one AND per dot).
        if (j == words - 1) c0 += BitOperations.PopCount((Unsafe.Add(ref ra, j) ^ Unsafe.Add(ref rb, j)) & LastWordMask(n));
        return n - 2 * (c0 + c1 + c2 + c3);
    }

    /// <summary>Normalised overlap a·b/N.</summary>
    public static double Overlap(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int n) => (double)Dot(a, b, n) / n;

    /// <summary>Spin i of a packed vector, as ±1.</summary>
    public static int Get(ReadOnlySpan<ulong> v, int i) => ((v[i >> 6] >> (i & 63)) & 1) != 0 ? 1 : -1;

    /// <summary>Sets spin i of a packed vector to sign(<paramref name="spin"/>) (spin must be ±1).</summary>
    public static void Set(Span<ulong> v, int i, int spin)
    {
        ulong bit = 1UL << (i & 63);
        if (spin > 0) v[i >> 6] |= bit; else v[i >> 6] &= ~bit;
    }

    /// <summary>Packs a ±1 array into words; entries must be +1 or −1.</summary>
    public static ulong[] Pack(ReadOnlySpan<sbyte> spins)
    {
        var v = new ulong[WordCount(spins.Length)];
        for (int i = 0; i < spins.Length; i++)
        {
            if (spins[i] != 1 && spins[i] != -1) throw new ArgumentException($"spin {i} is {spins[i]}, expected ±1", nameof(spins));
            if (spins[i] > 0) v[i >> 6] |= 1UL << (i & 63);
        }
        return v;
    }

    /// <summary>Unpacks the first <paramref name="n"/> spins into a ±1 array.</summary>
    public static sbyte[] Unpack(ReadOnlySpan<ulong> v, int n)
    {
        var s = new sbyte[n];
        for (int i = 0; i < n; i++) s[i] = (sbyte)Get(v, i);
        return s;
    }

    /// <summary>True when every padding bit of <paramref name="v"/> is zero (the invariant all kernels rely on).</summary>
    public static bool PaddingIsClear(ReadOnlySpan<ulong> v, int n)
    {
        int words = WordCount(n);
        if (words == 0) return true;
        if ((v[words - 1] & ~LastWordMask(n)) != 0) return false;
        for (int j = words; j < v.Length; j++) if (v[j] != 0) return false;
        return true;
    }

    /// <summary>The majority vote sign(Σ_a w^a) of several packed vectors; ties (even count) go to +1.</summary>
    public static void Majority(ReadOnlySpan<ulong> stacked, int copies, int n, Span<ulong> result)
    {
        int words = WordCount(n);
        for (int i = 0; i < n; i++)
        {
            int sum = 0;
            for (int a = 0; a < copies; a++) sum += Get(stacked.Slice(a * words, words), i);
            Set(result, i, sum >= 0 ? 1 : -1);
        }
    }

    private static void ThrowShort() => throw new ArgumentException("packed vector shorter than N requires");
}
