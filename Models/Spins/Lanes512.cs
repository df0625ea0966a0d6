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
}
