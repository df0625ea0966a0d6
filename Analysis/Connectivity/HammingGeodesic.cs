using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.Connectivity;

/// <summary>
/// Connectivity of two binary solutions: the discrete analogue of a linear interpolation path. The weights in which
/// w^A and w^B differ are flipped from w^A toward w^B in a random order; the error profile E(t) is averaged over
/// orders, and the barrier is its largest excess over the straight line between the endpoints (Frankle et al., ICML
/// 2020; Entezari et al., ICLR 2022 — there after aligning hidden units, which a committee needs too).
/// </summary>
public static class HammingGeodesic
{
    /// <summary>
    /// Profile between <paramref name="from"/> and <paramref name="to"/> (packed, <paramref name="bits"/> weights) for any
    /// model, given <paramref name="errors"/>: packed weights → (training error, test error).
    /// </summary>
    /// <param name="from">Endpoint w^A (packed).</param>
    /// <param name="to">Endpoint w^B (packed).</param>
    /// <param name="bits">Number of weights.</param>
    /// <param name="errors">Errors of a packed weight vector (called with a scratch vector it must not keep).</param>
    /// <param name="orders">Random flip orders to average over (≥ 1).</param>
    /// <param name="steps">Points along the path after the start (≥ 1).</param>
    /// <param name="seed">Key of the orders' stream.</param>
    public static GeodesicProfile Measure(ReadOnlySpan<ulong> from, ReadOnlySpan<ulong> to, int bits, Func<ulong[], (double Train, double Test)> errors,
        int orders, int steps, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        int words = PackedSpins.WordCount(bits);
        if (from.Length < words || to.Length < words) throw new ArgumentException("endpoints shorter than the weight count");
        var differing = new List<int>();
        for (int i = 0; i < bits; i++)
            if (PackedSpins.Get(from, i) != PackedSpins.Get(to, i)) differing.Add(i);
        var order = differing.ToArray();
        var t = new double[steps + 1];
        var train = new double[steps + 1];
        var test = new double[steps + 1];
        var w = new ulong[words];
        var rng = new RngStream(seed);
        for (int o = 0; o < orders; o++)
        {
            from[..words].CopyTo(w);
            rng.Shuffle(order);
            int flipped = 0;
            for (int k = 0; k <= steps; k++)
            {
                int target = (int)Math.Round((double)k * order.Length / steps, MidpointRounding.AwayFromZero);
                for (; flipped < target; flipped++) w[order[flipped] >> 6] ^= 1UL << (order[flipped] & 63);
                var (tr, te) = errors(w);
                t[k] = (double)k / steps;
                train[k] += tr / orders;
                test[k] += te / orders;
            }
        }
        return new GeodesicProfile(t, train, test, order.Length);
    }

    /// <summary>Profile of two perceptrons on <paramref name="data"/>'s training and test sets.</summary>
    public static GeodesicProfile Measure(ReadOnlySpan<ulong> from, ReadOnlySpan<ulong> to, Dataset data, int orders, int steps, ulong seed)
        => Measure(from, to, data.N, w => PerceptronErrors(w, data), orders, steps, seed);

    /// <summary>Training and test error of a perceptron (test NaN without test patterns).</summary>
    public static (double Train, double Test) PerceptronErrors(ReadOnlySpan<ulong> w, Dataset data)
        => ((double)data.TrainingErrors(w) / data.P,
            data.TestPatterns.Rows == 0 ? double.NaN : (double)Dataset.ErrorCount(w, data.TestPatterns, data.TestLabels) / data.TestPatterns.Rows);

    /// <summary>max_k [E_k − ((1 − t_k)E_0 + t_k E_last)]: the excess of a profile over the chord between its endpoints.</summary>
    public static double Barrier(IReadOnlyList<double> t, IReadOnlyList<double> e)
    {
        double e0 = e[0], e1 = e[^1], barrier = 0;
        for (int k = 0; k < e.Count; k++) barrier = Math.Max(barrier, e[k] - ((1 - t[k]) * e0 + t[k] * e1));
        return double.IsNaN(e0) ? double.NaN : barrier;
    }
}
