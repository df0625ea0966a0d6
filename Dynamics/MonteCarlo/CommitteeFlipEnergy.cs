using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// The ΔE kernel of a committee weight flip: ΔE = popcount(B₊[k, b_μ] ∧ e) − popcount(B₋[k, b_μ] ∧ ¬e), with
/// e = (w_{k,i}^a = +1 ? c_{k,i} : ¬c_{k,i}) the patterns whose unit-k stability the flip lowers, and B the masks of unit k of
/// the factor copy b_μ = π_{(k,i)μ}^{−1}(a) that reads weight (k, i, a) (docs/physics/monte-carlo.md#committee-machines).
/// The masks already fold in the votes, so this is the perceptron's kernel (<see cref="FlipEnergy"/>) on unit k's masks.
/// </summary>
internal static class CommitteeFlipEnergy
{
    /// <summary>ΔE of flipping weight (k, i) of copy a (no change made); <paramref name="level"/> is 2M words of scratch for the multiplexer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Change(CommitteeChainEnergy s, int k, int i, int a, Span<ulong> level)
    {
        int m = s.M, kk = s.K, wp = s.WordsP, bits = s.Bits;
        ulong[] columns = s.Columns, boundary = s.Boundary;
        bool up = ((s.WeightWords[(a * kk + k) * s.WordsUnit + (i >> 6)] >> (i & 63)) & 1) != 0;
        int col = s.Column(k, i) * wp, created = 0, removed = 0;
        if (s.Inverse is not { } inverse)
        {
            for (int j = 0, own = 2 * (k * m + a); j < wp; j++, own += 2 * kk * m)
            {
                ulong e = up ? columns[col + j] : ~columns[col + j]; // μ where w s_{μki} = +1: Δ_k drops by 2
                created += BitOperations.PopCount(boundary[own] & e);
                removed += BitOperations.PopCount(boundary[own + 1] & ~e);
            }
            return created - removed;
        }
        long planes = (long)((k * s.N + i) * m + a) * bits * wp;
        for (int j = 0; j < wp; j++)
        {
            ulong e = up ? columns[col + j] : ~columns[col + j];
            // The pair (B₊, B₋) of unit k of factor copy π_{(k,i)μ}^{−1}(a), μ over word j: a multiplexer tree over the M pairs.
            Multiplexer.Reduce<Lanes64, ulong>(ref boundary[2 * m * (j * kk + k)], ref MemoryMarshal.GetReference(level), m, 2, ref inverse[planes + j], wp, bits);
            created += BitOperations.PopCount(level[0] & e);
            removed += BitOperations.PopCount(level[1] & ~e);
        }
        return created - removed;
    }
}
