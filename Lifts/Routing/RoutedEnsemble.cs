using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Lifts.Routing;

/// <summary>
/// The routed-ensemble predictor of a trained lift: test pattern ξ^ν is classified by the majority of the M routed models
/// w̃^{(ν,b)}_i = w_i^{π_{iν}(b)}, with permutations π_{iν} drawn afresh from the lift's law (stream (seed, TestRouting, ν)),
/// ŷ = sign(Σ_b sign(w̃^{(ν,b)}·ξ^ν)), ties (even M) to +1. With Q = identity the routed models are the copies, and ŷ is the
/// majority of the copies' outputs (docs/mcover.md#routed-ensemble-prediction).
/// </summary>
public static class RoutedEnsemble
{
    /// <summary>Test patterns whose permutations are held at a time.</summary>
    public const int Chunk = 256;

    /// <summary>The fraction of test patterns the routed ensemble misclassifies (NaN without test patterns).</summary>
    /// <param name="sampler">The permutation law (null: π ≡ id, the copies themselves).</param>
    /// <param name="granularity">Edge or word (as the lift routes).</param>
    /// <param name="weights">The M copies' packed weights.</param>
    /// <param name="patterns">Test patterns.</param>
    /// <param name="labels">Their labels.</param>
    /// <param name="n">Coordinates N.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="threads">At most this many threads draw permutations (0: unbounded); the result does not depend on it.</param>
    public static double TestError(PermutationSampler? sampler, Granularity granularity, IReadOnlyList<ulong[]> weights,
        PatternMatrix patterns, ReadOnlySpan<sbyte> labels, int n, ulong seed, int threads = 0)
    {
        int m = weights.Count, words = PackedSpins.WordCount(n), total = patterns.Rows;
        if (total == 0) return double.NaN;
        var storage = new ulong[m * words];
        for (int a = 0; a < m; a++) weights[a].AsSpan(0, words).CopyTo(storage.AsSpan(a * words));
        var routed = new ulong[m * words];
        int errors = 0;
        for (int start = 0; start < total; start += Chunk)
        {
            int count = Math.Min(Chunk, total - start);
            var table = sampler is null ? null
                : RoutingTable.Draw(sampler, n, count, granularity == Granularity.Unit ? Granularity.Edge : granularity, seed, 0, start, stream: StreamTag.TestRouting, threads: threads);
            for (int r = 0; r < count; r++)
            {
                var xi = patterns.Row(start + r);
                if (table is null) storage.CopyTo(routed, 0);
                else table.RouteAll(r, storage, 0, words, routed, words);
                int vote = 0;
                for (int b = 0; b < m; b++) vote += PackedSpins.Dot(routed.AsSpan(b * words, words), xi, n) > 0 ? 1 : -1;
                int prediction = vote >= 0 ? 1 : -1;
                if (prediction != labels[start + r]) errors++;
            }
        }
        return (double)errors / total;
    }
}
