using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MCoverPhysics.Models.Spins;

/// <summary>256-bit lanes (AVX2).</summary>
public readonly struct Lanes256 : ILanes<Vector256<ulong>>
{
    public static int Width => Vector256<ulong>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Load(ref ulong src) => Vector256.LoadUnsafe(ref src);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref ulong dst, Vector256<ulong> value) => value.StoreUnsafe(ref dst);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Broadcast(ulong word) => Vector256.Create(word);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> And(Vector256<ulong> a, Vector256<ulong> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> AndNot(Vector256<ulong> a, Vector256<ulong> b) => Vector256.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Not(Vector256<ulong> a) => ~a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Or(Vector256<ulong> a, Vector256<ulong> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Select(Vector256<ulong> m, Vector256<ulong> a, Vector256<ulong> b) => Vector256.ConditionalSelect(m, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> AndEqual(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, 0x90) : Vector256.AndNot(a, b ^ c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Xor3(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, 0x96) : a ^ b ^ c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Majority(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, 0xE8) : (a & b) | (c & (a | b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> AddPopCounts(Vector256<ulong> counts, Vector256<ulong> x) => (counts.AsByte() + PackedSpins.BytePopCounts(x.AsByte())).AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Widen(Vector256<ulong> counts) => Avx2.SumAbsoluteDifferences(counts.AsByte(), Vector256<byte>.Zero).AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Add(Vector256<ulong> a, Vector256<ulong> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Nibbles(ulong packed, bool high)
    {
        int s = high ? 32 : 0;
        return Vector256.Create(packed >> s, packed >> (s + 4), packed >> (s + 8), packed >> (s + 12));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Permute(Vector256<ulong> x, Vector256<ulong> indices) => Vector256.Shuffle(x, indices & Vector256.Create(3UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Permute(Vector256<ulong> low, Vector256<ulong> indices, Vector256<ulong> high)
    {
        var lane = indices & Vector256.Create(3UL);
        return Vector256.ConditionalSelect(Vector256.Equals(indices & Vector256.Create(4UL), Vector256.Create(4UL)), Vector256.Shuffle(high, lane), Vector256.Shuffle(low, lane));
    }
}
