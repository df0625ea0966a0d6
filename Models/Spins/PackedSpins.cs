using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// .NET 10 exposes no x86 vector popcount (VPOPCNTQ), so whole 512/256-bit blocks use the nibble lookup of
    /// Muła, Kurz, Lemire (Comput. J. 2018): two VPSHUFB per block and VPSADBW to sum bytes; the rest is scalar
    /// POPCNT (<see cref="DotScalar"/>, also the test oracle). `mcover bench` measures the gain.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int n)
    {
        int words = WordCount(n);
        if (a.Length < words || b.Length < words) ThrowShort();
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rb = ref MemoryMarshal.GetReference(b);
        ulong last = LastWordMask(n);
        int j = 0, count = 0;
        if (Avx512BW.IsSupported) count += PopCountXor512(ref ra, ref rb, words, last, ref j);
        if (Avx2.IsSupported) count += PopCountXor256(ref ra, ref rb, words, last, ref j);
        for (; j < words; j++)
            count += BitOperations.PopCount((Unsafe.Add(ref ra, j) ^ Unsafe.Add(ref rb, j)) & (j == words - 1 ? last : ulong.MaxValue));
        return n - 2 * count;
    }

    /// <summary>The scalar reference: POPCNT word by word, last word masked.</summary>
    public static int DotScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int n)
    {
        int words = WordCount(n), count = 0;
        for (int j = 0; j < words - 1; j++) count += BitOperations.PopCount(a[j] ^ b[j]);
        count += BitOperations.PopCount((a[words - 1] ^ b[words - 1]) & LastWordMask(n));
        return n - 2 * count;
    }

    /// <summary>Popcount of every byte (nibble lookup: two VPSHUFB; Muła, Kurz, Lemire 2018).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> BytePopCounts(Vector512<byte> x)
    {
        var lut = Vector512.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var low = Vector512.Create((byte)0x0F);
        return Avx512BW.Shuffle(lut, x & low) + Avx512BW.Shuffle(lut, Avx512BW.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
    }

    /// <summary>Popcount of every byte (nibble lookup: two VPSHUFB).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> BytePopCounts(Vector256<byte> x)
    {
        var lut = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var low = Vector256.Create((byte)0x0F);
        return Avx2.Shuffle(lut, x & low) + Avx2.Shuffle(lut, Avx2.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PopCountXor512(ref ulong a, ref ulong b, int words, ulong last, ref int j)
    {
        var acc = Vector512<ulong>.Zero;
        while (j + 8 <= words)
        {
            // Byte counts add up to 8 per block, so 31 blocks fit in a byte before one VPSADBW widens them.
            var bytes = Vector512<byte>.Zero;
            for (int blocks = 0; blocks < 31 && j + 8 <= words; blocks++, j += 8)
            {
                var xw = Vector512.LoadUnsafe(ref a, (nuint)j) ^ Vector512.LoadUnsafe(ref b, (nuint)j);
                if (j + 8 == words) xw = xw.WithElement(7, xw.GetElement(7) & last);
                bytes += BytePopCounts(xw.AsByte());
            }
            acc += Avx512BW.SumAbsoluteDifferences(bytes, Vector512<byte>.Zero).AsUInt64();
        }
        return (int)Vector512.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PopCountXor256(ref ulong a, ref ulong b, int words, ulong last, ref int j)
    {
        var acc = Vector256<ulong>.Zero;
        while (j + 4 <= words)
        {
            var bytes = Vector256<byte>.Zero;
            for (int blocks = 0; blocks < 31 && j + 4 <= words; blocks++, j += 4)
            {
                var xw = Vector256.LoadUnsafe(ref a, (nuint)j) ^ Vector256.LoadUnsafe(ref b, (nuint)j);
                if (j + 4 == words) xw = xw.WithElement(3, xw.GetElement(3) & last);
                bytes += BytePopCounts(xw.AsByte());
            }
            acc += Avx2.SumAbsoluteDifferences(bytes, Vector256<byte>.Zero).AsUInt64();
        }
        return (int)Vector256.Sum(acc);
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
