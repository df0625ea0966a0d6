using System.Runtime.CompilerServices;

namespace MCoverPhysics.Models.Spins;

/// <summary>One word at a time: the scalar fallback, and the test oracle of the vector paths.</summary>
public readonly struct Lanes64 : ILanes<ulong>
{
    public static int Width => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Load(ref ulong src) => src;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref ulong dst, ulong value) => dst = value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Broadcast(ulong word) => word;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Xor(ulong a, ulong b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong And(ulong a, ulong b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong AndNot(ulong a, ulong b) => a & ~b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Not(ulong a) => ~a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Or(ulong a, ulong b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Select(ulong m, ulong a, ulong b) => (a & m) | (b & ~m);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong AndEqual(ulong a, ulong b, ulong c) => a & ~(b ^ c);
}
