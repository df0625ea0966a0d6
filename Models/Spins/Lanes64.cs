using System.Numerics;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Xor3(ulong a, ulong b, ulong c) => a ^ b ^ c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Majority(ulong a, ulong b, ulong c) => (a & b) | (c & (a | b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong AddPopCounts(ulong counts, ulong x) => counts + (ulong)BitOperations.PopCount(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Widen(ulong counts) => counts;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Add(ulong a, ulong b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Nibbles(ulong packed, bool high) => high ? packed >> 32 : packed;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Permute(ulong x, ulong indices) => x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Permute(ulong low, ulong indices, ulong high) => (indices & 1) != 0 ? high : low;
}
