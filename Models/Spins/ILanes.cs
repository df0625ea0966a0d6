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
    /// <summary>a ⊕ b ⊕ c (the sum bit of a 3:2 compressor); one VPTERNLOGQ on AVX-512.</summary>
    static abstract T Xor3(T a, T b, T c);
    /// <summary>majority(a, b, c) (the carry bit of a 3:2 compressor); one VPTERNLOGQ on AVX-512.</summary>
    static abstract T Majority(T a, T b, T c);

    // Counting. Vector counters are per byte: a byte gains at most 8 per call, so 31 calls fit before Widen.
    /// <summary>counts + popcount(x): per byte for vectors (nibble lookup, two VPSHUFB), per word for the scalar.</summary>
    static abstract T AddPopCounts(T counts, T x);
    /// <summary>Per-byte counters summed into their 64-bit lane (VPSADBW); scalar counters are already words.</summary>
    static abstract T Widen(T counts);
    /// <summary>a + b in every 64-bit lane.</summary>
    static abstract T Add(T a, T b);

    // Lane permutations. Every width implements them (one instruction on AVX-512, emulated elsewhere); the kernels use them
    // only where a register holds the 8 lanes that RoutingTable.LanePermutations index (Width = 8, Lanes512).
    /// <summary>Lane t holds packed ≫ 4t, or packed ≫ (32 + 4t) when <paramref name="high"/>: its low 4 bits are nibble t (or 8 + t).</summary>
    static abstract T Nibbles(ulong packed, bool high);
    /// <summary>Lane t ← lane (i_t mod Width) of x, i_t = lane t of <paramref name="indices"/> (VPERMQ).</summary>
    static abstract T Permute(T x, T indices);
    /// <summary>Lane t ← lane (i_t mod Width) of <paramref name="high"/> where i_t has bit log₂Width set, of <paramref name="low"/> where not (VPERMT2Q).</summary>
    static abstract T Permute(T low, T indices, T high);
}
