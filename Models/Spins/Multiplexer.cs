using System.Runtime.CompilerServices;

namespace MCoverPhysics.Models.Spins;

/// <summary>
/// The bit-sliced multiplexer tree: from M leaves x_0 … x_{M−1} and L = ⌈log₂M⌉ select planes, the word whose bit i is
/// bit i of x_{s_i}, s_i = Σ_l 2^l·(bit i of plane l). Level l keeps, pair by pair, x_{2k} where plane l is 0 and x_{2k+1}
/// where it is 1 (sel(plane_l, odd, even)); an unpaired last leaf is kept where plane l is 0 (its partner does not exist).
/// M − 1 selects per word; used by the routing tables (w̃ = w^{π(b)}) and the Metropolis ΔE kernel (B[π⁻¹(a)]).
/// </summary>
public static class Multiplexer
{
    /// <summary>Reduces <paramref name="count"/> leaves of <paramref name="group"/> values each, all driven by the same planes.</summary>
    /// <param name="leaves">Leaf a's values at a·group … a·group + group − 1 (read only).</param>
    /// <param name="level">Scratch of ⌈count/2⌉·group values; the result is its first <paramref name="group"/> values.</param>
    /// <param name="count">Leaves M ≥ 1.</param>
    /// <param name="group">Values per leaf selected alike (1, or 2 for the B₊/B₋ mask pairs).</param>
    /// <param name="planes">Plane 0 of the select planes; plane l at l·<paramref name="planeStride"/> words.</param>
    /// <param name="planeStride">Words between consecutive planes.</param>
    /// <param name="bits">Levels L ≥ 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Reduce<TL, T>(ref T leaves, ref T level, int count, int group, ref ulong planes, int planeStride, int bits)
        where TL : ILanes<T> where T : struct
        => Reduce<TL, T, StoredLeaves<T>>(new StoredLeaves<T>(ref leaves), ref level, count, group, ref planes, planeStride, bits);

    /// <summary>
    /// <see cref="Reduce{TL, T}(ref T, ref T, int, int, ref ulong, int, int)"/> with leaves from <paramref name="leaves"/>
    /// (value g of leaf a is <c>leaves.Leaf(a·group + g)</c>), each read once by the first level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Reduce<TL, T, TLeaves>(TLeaves leaves, ref T level, int count, int group, ref ulong planes, int planeStride, int bits)
        where TL : ILanes<T> where T : struct where TLeaves : ILeaves<T>, allows ref struct
    {
        T plane = TL.Load(ref planes);
        int next = 0;
        for (int a = 0; a < count; a += 2, next++)
            for (int g = 0; g < group; g++)
                Unsafe.Add(ref level, next * group + g) = a + 1 < count
                    ? TL.Select(plane, leaves.Leaf((a + 1) * group + g), leaves.Leaf(a * group + g))
                    : TL.AndNot(leaves.Leaf(a * group + g), plane);
        for (int l = 1; l < bits; l++) next = Level<TL, T>(ref level, next, group, TL.Load(ref Unsafe.Add(ref planes, l * planeStride)));
    }

    /// <summary>One level after the first, in place: pairs of <paramref name="level"/> into its front; returns the survivors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Level<TL, T>(ref T level, int count, int group, T plane) where TL : ILanes<T> where T : struct
    {
        int next = 0;
        for (int a = 0; a < count; a += 2, next++)
            for (int g = 0; g < group; g++)
                Unsafe.Add(ref level, next * group + g) = a + 1 < count
                    ? TL.Select(plane, Unsafe.Add(ref level, (a + 1) * group + g), Unsafe.Add(ref level, a * group + g))
                    : TL.AndNot(Unsafe.Add(ref level, a * group + g), plane);
        return next;
    }
}
