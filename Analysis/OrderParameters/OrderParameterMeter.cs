using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>Measures order parameters of packed binary students against a data set.</summary>
/// <remarks>docs/physics/observables.md.</remarks>
public static class OrderParameterMeter
{
    /// <summary>ε_g = arccos(R)/π: the probability that a binary student with teacher overlap R disagrees with the
    /// teacher on a random pattern (large N; Gaussian fields with correlation R).</summary>
    public static double GeneralizationError(double overlapR) => Math.Acos(Math.Clamp(overlapR, -1.0, 1.0)) / Math.PI;

    /// <summary>Fraction of (pattern, label) pairs with σ w·ξ ≤ 0; NaN for an empty set.</summary>
    public static double ErrorRate(ReadOnlySpan<ulong> w, PatternMatrix patterns, ReadOnlySpan<sbyte> labels)
    {
        return patterns.Rows == 0 ? double.NaN : (double)Dataset.ErrorCount(w, patterns, labels) / patterns.Rows;
    }

    /// <summary>All order parameters of the students <paramref name="weights"/> (each a packed ±1 vector of length N).</summary>
    public static EnsembleObservables Measure(Dataset data, IReadOnlyList<ulong[]> weights)
    {
        int m = weights.Count, n = data.N;
        var copies = new CopyObservables[m];
        for (int a = 0; a < m; a++)
        {
            double r = data.Teacher is null ? double.NaN : PackedSpins.Overlap(weights[a], data.Teacher, n);
            copies[a] = new CopyObservables(
                ErrorRate(weights[a], data.Patterns, data.Labels),
                ErrorRate(weights[a], data.TestPatterns, data.TestLabels),
                r,
                double.IsNaN(r) ? double.NaN : GeneralizationError(r));
        }
        double consensus = double.NaN;
        if (data.Teacher is not null)
        {
            var stacked = weights.SelectMany(w => w).ToArray();
            var vote = new ulong[PackedSpins.WordCount(n)];
            PackedSpins.Majority(stacked, m, n, vote);
            consensus = PackedSpins.Overlap(vote, data.Teacher, n);
        }
        return new EnsembleObservables(copies, OverlapMatrix(weights, n), consensus);
    }

    /// <summary>q_ab = w^a·w^b/N.</summary>
    public static double[,] OverlapMatrix(IReadOnlyList<ulong[]> weights, int n)
    {
        int m = weights.Count;
        var q = new double[m, m];
        for (int a = 0; a < m; a++)
        {
            q[a, a] = 1;
            for (int b = a + 1; b < m; b++) q[a, b] = q[b, a] = PackedSpins.Overlap(weights[a], weights[b], n);
        }
        return q;
    }
}
