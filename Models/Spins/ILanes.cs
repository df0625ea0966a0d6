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
