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
}
