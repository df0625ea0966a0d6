
namespace MCoverPhysics.Lifts.Routing;

// The copy-interleaved layout: planes a register of factor copies at a time, and lane permutations for word routing.
public sealed partial class RoutingTable
{
    /// <summary>The same permutations in the copy-interleaved layout for registers of <paramref name="interleave"/> factor copies.</summary>
    public RoutingTable ToInterleaved(int interleave)
    {
        if (interleave < 1) throw new ArgumentOutOfRangeException(nameof(interleave), interleave, "interleave must be ≥ 1");
        bool lanesOnly = _sources is not null && LanesOnly(Granularity.Word, Copies, interleave);
        var table = new RoutingTable(N, P, Copies, interleave, planes: !lanesOnly);
        if (!lanesOnly)
            for (int mu = 0; mu < P; mu++)
                for (int b = 0; b < Copies; b++)
                    for (int l = 0; l < Bits; l++)
                        for (int j = 0; j < Words; j++) table._planes[table.At(mu, b, l, j)] = _planes[At(mu, b, l, j)];
        if (_sources is not null && Copies <= 16 && interleave == 8)
        {
            table._lanePermutations = new ulong[(long)P * Words * LanePermutationWords];
            var perm = new int[Copies];
            for (int mu = 0; mu < P; mu++)
                for (int j = 0; j < Words; j++)
                {
                    for (int b = 0; b < Copies; b++) perm[b] = _sources[((long)mu * Copies + b) * Words + j];
                    table.SetLanePermutation(mu, j, perm);
                }
        }
        return table;
    }

    private void SetLanePermutation(int mu, int j, ReadOnlySpan<int> perm)
    {
        if (_lanePermutations is not { } lanes) return;
        int width = 8 * LanePermutationWords;
        Span<int> forward = stackalloc int[width], inverse = stackalloc int[width];
        for (int c = 0; c < width; c++) forward[c] = inverse[c] = c;
        for (int b = 0; b < perm.Length; b++) (forward[b], inverse[perm[b]]) = (perm[b], b);
        ulong pi = 0, piInverse = 0;
        for (int c = 0; c < width; c++) (pi, piInverse) = (pi | (ulong)forward[c] << (4 * c), piInverse | (ulong)inverse[c] << (4 * c));
        long at = ((long)mu * Words + j) * LanePermutationWords;
        if (width == 8) lanes[at] = pi | piInverse << 32;
        else (lanes[at], lanes[at + 1]) = (pi, piInverse);
    }

    /// <summary>
    /// Interleaved layout: the planes of row μ, word j at [l·<see cref="PaddedCopies"/> + b] (padding factor copies are zero),
    /// so one register load gives plane l of word j for <see cref="Interleave"/> consecutive factor copies.
    /// </summary>
    public ReadOnlySpan<ulong> InterleavedPlanes(int mu)
    {
        if (Interleave == 0) throw new InvalidOperationException("this routing table is stored copy-major");
        if (_planes.Length == 0) return default; // lane permutations only
        return new(_planes, (int)((long)mu * Words * Bits * PaddedCopies), Words * Bits * PaddedCopies);
    }
}
