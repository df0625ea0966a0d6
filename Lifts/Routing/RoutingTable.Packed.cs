using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Routing;

// Drawing a row from packed permutations (M ≤ 16, π as 4-bit nibbles): no unpacking, and the bit planes of an edge-granular
// word are the transpose of its 64 packed permutations (plane (b, l) = bit 4b + l of every lane's code).
public sealed partial class RoutingTable
{
    /// <summary>Largest M drawn through <see cref="PermutationSampler.SamplePacked"/> (π fits one 64-bit word as nibbles).</summary>
    internal const int MaxPackedCopies = 16;

    /// <summary>
    /// Row μ from packed permutations, the same random words in the same order as <see cref="FillRow"/> (one permutation per
    /// row, word or coordinate), so the same table; every word of the row is written, so a reused table needs no clearing.
    /// </summary>
    private void FillRowPacked(PermutationSampler sampler, ref RngStream rng, int mu, Granularity granularity, bool lanesOnly)
    {
        int m = Copies;
        Span<ulong> codes = granularity == Granularity.Edge ? stackalloc ulong[64] : default;
        ulong unit = granularity == Granularity.Unit ? sampler.SamplePacked(ref rng) : 0; // one draw for the whole row (μ, k)
        for (int j = 0; j < Words; j++)
        {
            int lanes = Math.Min(64, N - 64 * j);
            if (lanesOnly && m <= 8) // the lane words are the whole table: one draw, one store
            {
                _lanePermutations![(long)mu * Words + j] = granularity == Granularity.Word ? sampler.SampleLanes(ref rng) : PermutationSampler.LaneWord(unit, m);
                continue;
            }
            if (granularity != Granularity.Edge)
            {
                ulong code = granularity == Granularity.Word ? sampler.SamplePacked(ref rng) : unit;
                if (_sources is { } sources)
                    for (int b = 0; b < m; b++) sources[((long)mu * m + b) * Words + j] = (byte)((code >> (4 * b)) & 15);
                SetLanePermutation(mu, j, code);
                if (lanesOnly) continue;
                ulong all = lanes == 64 ? ulong.MaxValue : (1UL << lanes) - 1;
                for (int b = 0; b < m; b++)
                    for (int l = 0; l < Bits; l++)
                        _planes[At(mu, b, l, j)] = ((code >> (4 * b + l)) & 1) != 0 ? all : 0;
                continue;
            }
            for (int bit = 0; bit < lanes; bit++) codes[bit] = sampler.SamplePacked(ref rng);
            codes[lanes..].Clear(); // padding lanes read copy 0: no plane bit set
            for (int b = 0; b < m; b++)
                for (int l = 0; l < Bits; l++)
                    _planes[At(mu, b, l, j)] = GatherBit(codes, 4 * b + l);
        }
    }

    /// <summary>Word (or unit) routing, M ≤ 16: <see cref="LanePermutations"/> of word j from π packed as nibbles.</summary>
    private void SetLanePermutation(int mu, int j, ulong code)
    {
        if (_lanePermutations is not { } lanes) return;
        int width = 8 * LanePermutationWords;
        ulong pi = code, piInverse = 0;
        for (int b = 0; b < Copies; b++) piInverse |= (ulong)b << (int)(4 * ((code >> (4 * b)) & 15));
        for (int c = Copies; c < width; c++) (pi, piInverse) = (pi | (ulong)c << (4 * c), piInverse | (ulong)c << (4 * c)); // lanes ≥ M fixed
        long at = ((long)mu * Words + j) * LanePermutationWords;
        if (width == 8) lanes[at] = pi | piInverse << 32;
        else (lanes[at], lanes[at + 1]) = (pi, piInverse);
    }

    /// <summary>Bit <paramref name="k"/> of each of the 64 <paramref name="codes"/>, as one word (lane i = codes[i]): the
    /// sign bits of the codes shifted left by 63 − k, eight (or four) lanes per instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong GatherBit(ReadOnlySpan<ulong> codes, int k)
    {
        ref ulong c0 = ref Unsafe.AsRef(in codes[0]);
        int shift = 63 - k;
        ulong word = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < 64; i += 8)
                word |= Vector512.ExtractMostSignificantBits(Vector512.LoadUnsafe(ref c0, (nuint)i) << shift) << i;
            return word;
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < 64; i += 4)
                word |= (ulong)Vector256.ExtractMostSignificantBits(Vector256.LoadUnsafe(ref c0, (nuint)i) << shift) << i;
            return word;
        }
        return GatherBitScalar(codes, k);
    }

    /// <summary>Scalar <see cref="GatherBit"/>: the fallback and the test oracle.</summary>
    internal static ulong GatherBitScalar(ReadOnlySpan<ulong> codes, int k)
    {
        ulong word = 0;
        for (int i = 0; i < 64; i++) word |= ((codes[i] >> k) & 1) << i;
        return word;
    }
}
