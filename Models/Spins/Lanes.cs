using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MCoverPhysics.Models.Spins;

/// <summary>
/// Bitwise operations on a block of 64-bit words, written once for every width: kernels are generic over
/// <typeparamref name="T"/> and the JIT specialises each struct implementation (Vector512, Vector256, scalar).
/// </summary>
/// <typeparam name="T">The register type (Vector512&lt;ulong&gt;, Vector256&lt;ulong&gt; or ulong).</typeparam>
public interface ILanes<T> where T : struct
{
    /// <summary>Words per register.</summary>
    static abstract int Width { get; }
    /// <summary>Loads <see cref="Width"/> words starting at <paramref name="src"/>.</summary>
    static abstract T Load(ref ulong src);
    /// <summary>Stores <see cref="Width"/> words at <paramref name="dst"/>.</summary>
    static abstract void Store(ref ulong dst, T value);
    /// <summary>The same word in every lane.</summary>
    static abstract T Broadcast(ulong word);
    /// <summary>a ⊕ b.</summary>
    static abstract T Xor(T a, T b);
    /// <summary>a ∧ b.</summary>
    static abstract T And(T a, T b);
    /// <summary>a ∧ ¬b.</summary>
    static abstract T AndNot(T a, T b);
    /// <summary>a ∨ b.</summary>
    static abstract T Or(T a, T b);
    /// <summary>¬a.</summary>
    static abstract T Not(T a);
    /// <summary>Bitwise multiplexer (m ∧ a) ∨ (¬m ∧ b): one VPTERNLOGQ on AVX-512.</summary>
    static abstract T Select(T m, T a, T b);
    /// <summary>a ∧ ¬(b ⊕ c): the bits of a where b and c agree; one VPTERNLOGQ on AVX-512.</summary>
    static abstract T AndEqual(T a, T b, T c);
}

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
}

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

/// <summary>Which lane width the kernels use on this machine.</summary>
public enum LaneWidth
{
    /// <summary>Pick the widest accelerated width.</summary>
    Auto,
    /// <summary>One 64-bit word (scalar fallback).</summary>
    Scalar,
    /// <summary>256-bit vectors.</summary>
    Vector256,
    /// <summary>512-bit vectors.</summary>
    Vector512,
}

/// <summary>Resolves <see cref="LaneWidth.Auto"/> against the hardware.</summary>
public static class LaneSelection
{
    /// <summary>The width <see cref="LaneWidth.Auto"/> resolves to here.</summary>
    public static LaneWidth Resolve(LaneWidth requested) => requested switch
    {
        LaneWidth.Auto when Vector512.IsHardwareAccelerated => LaneWidth.Vector512,
        LaneWidth.Auto when Vector256.IsHardwareAccelerated => LaneWidth.Vector256,
        LaneWidth.Auto => LaneWidth.Scalar,
        LaneWidth.Vector512 when !Vector512.IsHardwareAccelerated => LaneWidth.Scalar,
        LaneWidth.Vector256 when !Vector256.IsHardwareAccelerated => LaneWidth.Scalar,
        _ => requested,
    };
}
