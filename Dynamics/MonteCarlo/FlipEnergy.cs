using System.Numerics;
using System.Runtime.CompilerServices;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// The ΔE kernel of a single-weight flip: ΔE = popcount(B₊[b_μ] ∧ e) − popcount(B₋[b_μ] ∧ ¬e), with e = (w_i^a = +1 ? c_i : ¬c_i)
/// the patterns whose stability the flip lowers and B[b_μ] the boundary masks of the factor copy b_μ = π_{iμ}^{−1}(a) that
/// reads (i, a) (docs/physics/monte-carlo.md).
/// </summary>
internal static class FlipEnergy
{
    /// <summary>ΔE of flipping w_i^a (no change made); <paramref name="level"/> is 2M words of scratch for the multiplexer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Change(ChainEnergy s, int i, int a, Span<ulong> level)
    {
        int m = s.M, wp = s.WordsP, bits = s.Bits;
        ulong[] columns = s.Columns, boundary = s.Boundary;
        bool up = ((s.WeightWords[a * s.WordsN + (i >> 6)] >> (i & 63)) & 1) != 0;
        int col = i * wp, created = 0, removed = 0;
        if (s.Inverse is not { } inverse)
        {
            for (int j = 0, own = 2 * a; j < wp; j++, own += 2 * m)
            {
                ulong e = up ? columns[col + j] : ~columns[col + j]; // μ where w_i s_{μi} = +1: Δ drops by 2
                created += BitOperations.PopCount(boundary[own] & e);
                removed += BitOperations.PopCount(boundary[own + 1] & ~e);
            }
            return created - removed;
        }
        long planes = (long)(i * m + a) * bits * wp;
        for (int j = 0; j < wp; j++)
        {
            ulong e = up ? columns[col + j] : ~columns[col + j];
            // Multiplexer tree over factor copies: level l keeps B[b] or B[b | 2^l] as plane l says (as RoutingTable.Route).
            boundary.AsSpan(2 * m * j, 2 * m).CopyTo(level);
            int count = m;
            for (int l = 0; l < bits; l++)
            {
                ulong plane = inverse[planes + (long)l * wp + j];
                int next = 0;
                for (int b = 0; b < count; b += 2, next++)
                {
                    if (b + 1 < count)
                    {
                        level[2 * next] = (level[2 * b] & ~plane) | (level[2 * b + 2] & plane);
                        level[2 * next + 1] = (level[2 * b + 1] & ~plane) | (level[2 * b + 3] & plane);
                    }
                    else
                    {
                        level[2 * next] = level[2 * b] & ~plane;
                        level[2 * next + 1] = level[2 * b + 1] & ~plane;
                    }
                }
                count = next;
            }
            created += BitOperations.PopCount(level[0] & e);
            removed += BitOperations.PopCount(level[1] & ~e);
        }
        return created - removed;
    }
}
