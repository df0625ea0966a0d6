using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MCoverPhysics.Models.Spins;

/// <summary>512-bit lanes (AVX-512).</summary>
public readonly struct Lanes512 : ILanes<Vector512<ulong>>
{
    public static int Width => Vector512<ulong>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Load(ref ulong src) => Vector512.LoadUnsafe(ref src);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref ulong dst, Vector512<ulong> value) => value.StoreUnsafe(ref dst);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Broadcast(ulong word) => Vector512.Create(word);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> And(Vector512<ulong> a, Vector512<ulong> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> AndNot(Vector512<ulong> a, Vector512<ulong> b) => Vector512.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Not(Vector512<ulong> a) => ~a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Or(Vector512<ulong> a, Vector512<ulong> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Select(Vector512<ulong> m, Vector512<ulong> a, Vector512<ulong> b) => Vector512.ConditionalSelect(m, a, b);
    // Truth table of a ∧ ¬(b ⊕ c) over (a, b, c) = (0xF0, 0xCC, 0xAA).
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> AndEqual(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.IsSupported ? Avx512F.TernaryLogic(a, b, c, 0x90) : Vector512.AndNot(a, b ^ c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Xor3(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.IsSupported ? Avx512F.TernaryLogic(a, b, c, 0x96) : a ^ b ^ c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Majority(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.IsSupported ? Avx512F.TernaryLogic(a, b, c, 0xE8) : (a & b) | (c & (a | b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> AddPopCounts(Vector512<ulong> counts, Vector512<ulong> x) => (counts.AsByte() + PackedSpins.BytePopCounts(x.AsByte())).AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Widen(Vector512<ulong> counts) => Avx512BW.SumAbsoluteDifferences(counts.AsByte(), Vector512<byte>.Zero).AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Add(Vector512<ulong> a, Vector512<ulong> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Nibbles(ulong packed, bool high)
    {
        if (Avx512F.IsSupported)
            return Avx512F.ShiftRightLogicalVariable(Vector512.Create(packed), high ? Vector512.Create(32UL, 36, 40, 44, 48, 52, 56, 60) : Vector512.Create(0UL, 4, 8, 12, 16, 20, 24, 28));
        int s = high ? 32 : 0;
        return Vector512.Create(packed >> s, packed >> (s + 4), packed >> (s + 8), packed >> (s + 12), packed >> (s + 16), packed >> (s + 20), packed >> (s + 24), packed >> (s + 28));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Permute(Vector512<ulong> x, Vector512<ulong> indices)
        => Avx512F.IsSupported ? Avx512F.PermuteVar8x64(x, indices) : Vector512.Shuffle(x, indices & Vector512.Create(7UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Permute(Vector512<ulong> low, Vector512<ulong> indices, Vector512<ulong> high)
    {
        if (Avx512F.IsSupported) return Avx512F.PermuteVar8x64x2(low, indices, high);
        var lane = indices & Vector512.Create(7UL);
        return Vector512.ConditionalSelect(Vector512.Equals(indices & Vector512.Create(8UL), Vector512.Create(8UL)), Vector512.Shuffle(high, lane), Vector512.Shuffle(low, lane));
    }
}
