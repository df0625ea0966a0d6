using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Routing;

// Drawing a table: permutations from the counter-keyed routing streams, or given ones.
public sealed partial class RoutingTable
{
    /// <summary>
    /// Draws all permutations: those of pattern μ come from the stream (seed, Routing, epoch·2^32 + μ), so patterns can
    /// be filled in parallel and the table depends only on (seed, epoch, kernel, granularity).
    /// </summary>
    /// <param name="sampler">Permutation law.</param>
    /// <param name="n">Coordinates N.</param>
    /// <param name="p">Patterns in the table.</param>
    /// <param name="granularity">Edge or word.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="epoch">Epoch whose routing this is (0 for quenched).</param>
    /// <param name="firstPattern">Global index of the table's first pattern: a table of one pattern drawn on the fly
    /// equals that pattern's rows of the full table.</param>
    /// <param name="interleave">0: copy-major layout; w ≥ 1: copy-interleaved layout for registers of w factor copies.</param>
    /// <param name="stream">The stream's tag: <see cref="StreamTag.Routing"/>, or another for an independent table of the same law
    /// (an asymmetric lift's deliveries, the routed ensemble's test patterns).</param>
    /// <param name="threads">At most this many threads fill patterns (0: unbounded). The table does not depend on it; a task's
    /// --threads is passed here, so an annealed redraw stays within the task's thread budget.</param>
    /// <param name="reuse">A table of an earlier draw that is no longer read (an annealed run's previous epoch): when it has this
    /// draw's shape its arrays are overwritten instead of allocated (the result is the same table), else it is ignored.</param>
    public static RoutingTable Draw(PermutationSampler sampler, int n, int p, Granularity granularity, ulong seed, int epoch, int firstPattern = 0, int interleave = 0,
        StreamTag stream = StreamTag.Routing, int threads = 0, RoutingTable? reuse = null)
    {
        int m = sampler.Copies;
        bool lanesOnly = LanesOnly(granularity, m, interleave);
        bool sources = granularity != Granularity.Edge && m <= 256 && interleave == 0;
        bool lanePermutations = granularity != Granularity.Edge && m <= 16 && interleave == 8;
        var table = reuse is not null && reuse.Fits(n, p, m, interleave, lanesOnly, sources, lanePermutations) ? reuse : null;
        if (table is null)
        {
            table = new RoutingTable(n, p, m, interleave, planes: !lanesOnly);
            if (sources) table._sources = new byte[(long)p * m * table.Words];
            if (lanePermutations) table._lanePermutations = new ulong[(long)p * table.Words * table.LanePermutationWords];
        }
        else if (m > MaxPackedCopies) Array.Clear(table._planes); // the unpacked fill below only sets bits
        if (p == 1 || threads == 1)
            for (int mu = 0; mu < p; mu++) table.Fill(sampler, mu, granularity, lanesOnly, seed, stream, epoch, firstPattern);
        else table.FillParallel(sampler, p, granularity, lanesOnly, seed, stream, epoch, firstPattern, threads);
        return table;
    }

    /// <summary>Row μ from its own stream (seed, stream, epoch, first pattern + μ): the same row in whatever order rows are filled.</summary>
    private void Fill(PermutationSampler sampler, int mu, Granularity granularity, bool lanesOnly, ulong seed, StreamTag stream, int epoch, int firstPattern)
    {
        var rng = RngStream.For(seed, stream, ((ulong)(uint)epoch << 32) | (uint)(firstPattern + mu));
        if (Copies <= MaxPackedCopies) FillRowPacked(sampler, ref rng, mu, granularity, lanesOnly);
        else FillRow(sampler, ref rng, mu, granularity, lanesOnly);
    }

    /// <summary>Rows 0 … p − 1 by <see cref="Fill"/> on up to <paramref name="threads"/> threads (0: unbounded); a method of its
    /// own so that the one-row path (<see cref="PatternRouting"/>'s hashed draws) allocates no closure.</summary>
    private void FillParallel(PermutationSampler sampler, int p, Granularity granularity, bool lanesOnly, ulong seed, StreamTag stream, int epoch,
        int firstPattern, int threads)
        => Parallel.For(0, p, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 },
            mu => Fill(sampler, mu, granularity, lanesOnly, seed, stream, epoch, firstPattern));

    /// <summary>True when this table's arrays are those a draw of this shape allocates.</summary>
    private bool Fits(int n, int p, int copies, int interleave, bool lanesOnly, bool sources, bool lanePermutations)
        => N == n && P == p && Copies == copies && Interleave == interleave && (_planes.Length == 0) == lanesOnly
           && (_sources is not null) == sources && (_lanePermutations is not null) == lanePermutations;

    /// <summary>Row μ from unpacked permutations (M &gt; <see cref="MaxPackedCopies"/>): sets the bits of a zeroed row.</summary>
    private void FillRow(PermutationSampler sampler, ref RngStream rng, int mu, Granularity granularity, bool lanesOnly)
    {
        int m = Copies;
        Span<int> perm = stackalloc int[m];
        if (granularity == Granularity.Unit) sampler.Sample(ref rng, perm); // one draw for the whole row (μ, k)
        for (int j = 0; j < Words; j++)
        {
            int lanes = Math.Min(64, N - 64 * j);
            if (granularity != Granularity.Edge)
            {
                if (granularity == Granularity.Word) sampler.Sample(ref rng, perm);
                if (_sources is { } sources)
                    for (int b = 0; b < m; b++) sources[((long)mu * m + b) * Words + j] = (byte)perm[b];
                SetLanePermutation(mu, j, perm);
                if (lanesOnly) continue;
                ulong all = lanes == 64 ? ulong.MaxValue : (1UL << lanes) - 1;
                for (int b = 0; b < m; b++)
                    for (int l = 0; l < Bits; l++)
                        if (((perm[b] >> l) & 1) != 0) _planes[At(mu, b, l, j)] = all;
                continue;
            }
            for (int bit = 0; bit < lanes; bit++)
            {
                sampler.Sample(ref rng, perm);
                for (int b = 0; b < m; b++)
                    for (int l = 0; l < Bits; l++)
                        if (((perm[b] >> l) & 1) != 0) _planes[At(mu, b, l, j)] |= 1UL << bit;
            }
        }
    }

    /// <summary>A table from given permutations: <paramref name="permutation"/>(μ, i, π) writes π_{iμ} (tests, relabellings).</summary>
    internal static RoutingTable FromPermutations(int n, int p, int copies, Action<int, int, int[]> permutation)
    {
        var table = new RoutingTable(n, p, copies);
        var perm = new int[copies];
        for (int mu = 0; mu < p; mu++)
            for (int i = 0; i < n; i++)
            {
                permutation(mu, i, perm);
                for (int b = 0; b < copies; b++)
                    for (int l = 0; l < table.Bits; l++)
                        if (((perm[b] >> l) & 1) != 0) table._planes[table.At(mu, b, l, i >> 6)] |= 1UL << (i & 63);
            }
        return table;
    }
}
