using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Models.Spins;
using static MCoverPhysics.Dynamics.States.Constants;

namespace MCoverPhysics.Dynamics.States;

public sealed partial class HiddenStates
{
    /// <summary>
    /// h_i ← clip(h_i + 2u_i, −H, H) on the lanes <paramref name="mask"/> activates (u_i = ±1 from the mask), for copy a
    /// and pattern word vector <paramref name="xi"/>. Weights follow automatically (top plane).
    /// </summary>
    /// <remarks>
    /// Bit-sliced saturating ±1 counter: decrement lanes are complemented (¬S runs over the same range [o, o+H]),
    /// lanes already at S_max are dropped, and a ripple carry adds one: S_p ← S_p ⊕ c_p, c_{p+1} = c_p ∧ (S_p ⊕ d).
    /// About 9B word operations per 64 synapses; Vector512 does 512 synapses per operation (`mcover bench`).
    /// </remarks>
    public void Apply<TMask>(int copy, ReadOnlySpan<ulong> xi, TMask mask) where TMask : struct, IUpdateMask
    {
        if (xi.Length < Words) throw new ArgumentException("pattern shorter than N", nameof(xi));
        Dispatch(copy, ref MemoryMarshal.GetReference(xi), ref _valid[0], mask);
    }

    /// <summary>Runs the update with the plane count fixed at compile time (the counter's loops unroll).</summary>
    private void Dispatch<TMask>(int copy, ref ulong x, ref ulong valid, TMask mask) where TMask : struct, IUpdateMask
    {
        switch (Planes)
        {
            case 1: Dispatch<TMask, Fixed1>(copy, ref x, ref valid, mask); break;
            case 2: Dispatch<TMask, Fixed2>(copy, ref x, ref valid, mask); break;
            case 3: Dispatch<TMask, Fixed3>(copy, ref x, ref valid, mask); break;
            case 4: Dispatch<TMask, Fixed4>(copy, ref x, ref valid, mask); break;
            case 5: Dispatch<TMask, Fixed5>(copy, ref x, ref valid, mask); break;
            case 6: Dispatch<TMask, Fixed6>(copy, ref x, ref valid, mask); break;
            case 7: Dispatch<TMask, Fixed7>(copy, ref x, ref valid, mask); break;
            case 8: Dispatch<TMask, Fixed8>(copy, ref x, ref valid, mask); break;
            case 9: Dispatch<TMask, Fixed9>(copy, ref x, ref valid, mask); break;
            case 10: Dispatch<TMask, Fixed10>(copy, ref x, ref valid, mask); break;
            default: Dispatch<TMask, Variable>(copy, ref x, ref valid, mask); break;
        }
    }

    /// <summary>Runs the update at the widest lane width, then narrower ones on the words left over.</summary>
    private void Dispatch<TMask, TP>(int copy, ref ulong x, ref ulong valid, TMask mask) where TMask : struct, IUpdateMask where TP : IConstant
    {
        ref ulong states = ref _planes[PlaneStart(copy, 0)];
        int j = 0;
        if (_lanes == LaneWidth.Vector512)
            j = Run<Lanes512, Vector512<ulong>, TMask, TP>(ref states, ref x, ref valid, j, mask);
        if (_lanes is LaneWidth.Vector512 or LaneWidth.Vector256)
            j = Run<Lanes256, Vector256<ulong>, TMask, TP>(ref states, ref x, ref valid, j, mask);
        Run<Lanes64, ulong, TMask, TP>(ref states, ref x, ref valid, j, mask);
    }

    /// <summary>Processes whole registers from word <paramref name="start"/> on; returns the first word left over.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Run<TL, T, TMask, TP>(ref ulong states, ref ulong xi, ref ulong valid, int start, TMask mask)
        where TL : ILanes<T> where T : struct where TMask : struct, IUpdateMask where TP : IConstant
    {
        int words = Words, width = TL.Width;
        int j = start;
        for (; j + width <= words; j += width)
        {
            T x = TL.Load(ref Unsafe.Add(ref xi, j));
            T w = TL.Load(ref Unsafe.Add(ref states, (Planes - 1) * words + j));
            BitSlicedCounter.Step<TL, T, TP>(ref Unsafe.Add(ref states, j), Words, Planes, _top,
                TL.Not(mask.Up<TL, T>(x, w)), TL.And(mask.Active<TL, T>(x, w), TL.Load(ref Unsafe.Add(ref valid, j))));
        }
        return j;
    }

    /// <summary>
    /// h_i ← clip(h_i + 2u_i) on one register of copy a starting at word <paramref name="j"/>: u_i = +1 on <paramref name="up"/>,
    /// −1 elsewhere, only on the lanes of <paramref name="active"/> (padding lanes are dropped here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void StepRegister<TL, T>(int copy, int j, T up, T active) where TL : ILanes<T> where T : struct
        => Step<TL, T>(ref _planes[PlaneStart(copy, 0) + j], TL.Not(up), TL.And(active, TL.Load(ref _valid[j])));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step<TL, T>(ref ulong states, T down, T active) where TL : ILanes<T> where T : struct
        => BitSlicedCounter.Step<TL, T>(ref states, Words, Planes, _top, down, active);
}
