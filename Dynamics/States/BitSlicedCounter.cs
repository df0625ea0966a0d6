using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.States;

/// <summary>
/// The saturating ±1 counter on bit-sliced levels S ∈ [o, o + H] (docs/physics/rules.md#bit-sliced-hidden-states), one
/// register at a time, shared by every state layout: plane p of the register lies a fixed stride of words after plane p − 1.
/// </summary>
internal static class BitSlicedCounter
{
    /// <summary>
    /// S ← S + 1 on the <paramref name="active"/> lanes with ¬<paramref name="down"/>, S ← S − 1 on those with <paramref name="down"/>,
    /// saturating at S_max = <paramref name="top"/> and S_min: decrement lanes are complemented (¬S runs over the same range), lanes at
    /// S_max are dropped, and a ripple carry adds one: S_p ← S_p ⊕ c_p, c_{p+1} = c_p ∧ (S_p ⊕ d).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TL, T>(ref ulong plane0, int planeStride, int planes, ulong top, T down, T active)
        where TL : ILanes<T> where T : struct
    {
        // Lanes at S_max (after complementing the decrement lanes) saturate: eq = ∧_p (X_p == top_p).
        T eq = TL.Broadcast(ulong.MaxValue);
        for (int p = 0; p < planes; p++)
        {
            T xp = TL.Xor(TL.Load(ref Unsafe.Add(ref plane0, p * planeStride)), down);
            eq = ((top >> p) & 1) != 0 ? TL.And(eq, xp) : TL.AndNot(eq, xp);
        }
        T carry = TL.AndNot(active, eq);
        for (int p = 0; p < planes; p++)
        {
            ref ulong sp = ref Unsafe.Add(ref plane0, p * planeStride);
            T s = TL.Load(ref sp);
            TL.Store(ref sp, TL.Xor(s, carry));
            carry = TL.And(carry, TL.Xor(s, down));
        }
    }

    /// <summary>
    /// <see cref="Step{TL, T}"/> for a plane count fixed at compile time (<typeparamref name="TP"/>, 1…10, enough for the
    /// default H ≈ 2√N up to N ≈ 2.6·10⁵): each plane is loaded once and the loops are unrolled. A count of 0 (or above 10)
    /// runs the general loop.
    /// </summary>
    /// <returns>The new top plane (the weights), without reading it back from memory.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Step<TL, T, TP>(ref ulong plane0, int planeStride, int planes, ulong top, T down, T active)
        where TL : ILanes<T> where T : struct where TP : IConstant
    {
        int n = TP.Value;
        if (n is 0 or > 10)
        {
            Step<TL, T>(ref plane0, planeStride, planes, top, down, active);
            return TL.Load(ref Unsafe.Add(ref plane0, (planes - 1) * planeStride));
        }
        T s0 = TL.Load(ref plane0);
        T s1 = n > 1 ? TL.Load(ref Unsafe.Add(ref plane0, planeStride)) : s0;
        T s2 = n > 2 ? TL.Load(ref Unsafe.Add(ref plane0, 2 * planeStride)) : s0;
        T s3 = n > 3 ? TL.Load(ref Unsafe.Add(ref plane0, 3 * planeStride)) : s0;
        T s4 = n > 4 ? TL.Load(ref Unsafe.Add(ref plane0, 4 * planeStride)) : s0;
        T s5 = n > 5 ? TL.Load(ref Unsafe.Add(ref plane0, 5 * planeStride)) : s0;
        T s6 = n > 6 ? TL.Load(ref Unsafe.Add(ref plane0, 6 * planeStride)) : s0;
        T s7 = n > 7 ? TL.Load(ref Unsafe.Add(ref plane0, 7 * planeStride)) : s0;
        T s8 = n > 8 ? TL.Load(ref Unsafe.Add(ref plane0, 8 * planeStride)) : s0;
        T s9 = n > 9 ? TL.Load(ref Unsafe.Add(ref plane0, 9 * planeStride)) : s0;
        // Lanes at S_max (after complementing the decrement lanes) saturate: eq = ∧_p (S_p ⊕ d == bit p of S_max).
        T eq = Level<TL, T>(TL.Broadcast(ulong.MaxValue), s0, down, top & 1);
        if (n > 1) eq = Level<TL, T>(eq, s1, down, (top >> 1) & 1);
        if (n > 2) eq = Level<TL, T>(eq, s2, down, (top >> 2) & 1);
        if (n > 3) eq = Level<TL, T>(eq, s3, down, (top >> 3) & 1);
        if (n > 4) eq = Level<TL, T>(eq, s4, down, (top >> 4) & 1);
        if (n > 5) eq = Level<TL, T>(eq, s5, down, (top >> 5) & 1);
        if (n > 6) eq = Level<TL, T>(eq, s6, down, (top >> 6) & 1);
        if (n > 7) eq = Level<TL, T>(eq, s7, down, (top >> 7) & 1);
        if (n > 8) eq = Level<TL, T>(eq, s8, down, (top >> 8) & 1);
        if (n > 9) eq = Level<TL, T>(eq, s9, down, (top >> 9) & 1);
        // Ripple carry: S_p ← S_p ⊕ c_p, c_{p+1} = c_p ∧ (S_p ⊕ d).
        T carry = TL.AndNot(active, eq);
        T result = Ripple<TL, T>(ref plane0, s0, ref carry, down);
        if (n == 1) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, planeStride), s1, ref carry, down);
        if (n == 2) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 2 * planeStride), s2, ref carry, down);
        if (n == 3) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 3 * planeStride), s3, ref carry, down);
        if (n == 4) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 4 * planeStride), s4, ref carry, down);
        if (n == 5) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 5 * planeStride), s5, ref carry, down);
        if (n == 6) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 6 * planeStride), s6, ref carry, down);
        if (n == 7) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 7 * planeStride), s7, ref carry, down);
        if (n == 8) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 8 * planeStride), s8, ref carry, down);
        if (n == 9) return result;
        result = Ripple<TL, T>(ref Unsafe.Add(ref plane0, 9 * planeStride), s9, ref carry, down);
        return result;
    }

    /// <summary>One plane of the ripple carry: stores S_p ⊕ c and returns it; c ← c ∧ (S_p ⊕ d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Ripple<TL, T>(ref ulong plane, T s, ref T carry, T down) where TL : ILanes<T> where T : struct
    {
        T result = TL.Xor(s, carry);
        TL.Store(ref plane, result);
        carry = TL.And(carry, TL.Xor(s, down));
        return result;
    }

    /// <summary>eq ∧ (s ⊕ d == bit): one level of the saturation test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Level<TL, T>(T eq, T s, T down, ulong bit) where TL : ILanes<T> where T : struct
        => bit != 0 ? TL.And(eq, TL.Xor(s, down)) : TL.AndEqual(eq, s, down);
}
