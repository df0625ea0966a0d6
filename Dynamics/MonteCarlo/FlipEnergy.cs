using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MCoverPhysics.Models.Spins;

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
            // The pair (B₊, B₋) of factor copy π_{iμ}^{−1}(a), μ over word j: a multiplexer tree over the M factor copies' pairs.
            Multiplexer.Reduce<Lanes64, ulong>(ref boundary[2 * m * j], ref MemoryMarshal.GetReference(level), m, 2, ref inverse[planes + j], wp, bits);
            created += BitOperations.PopCount(level[0] & e);
            removed += BitOperations.PopCount(level[1] & ~e);
        }
        return created - removed;
    }
}
