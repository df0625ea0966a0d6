using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>Order parameters of one student copy.</summary>
/// <param name="TrainError">Fraction of training patterns with Δ ≤ 0.</param>
/// <param name="TestError">Fraction of fresh test patterns misclassified (NaN for storage).</param>
/// <param name="OverlapR">Teacher overlap R = w·w*/N (NaN for storage).</param>
/// <param name="EpsG">Generalisation error ε_g = arccos(R)/π (NaN for storage).</param>
public sealed record CopyObservables(double TrainError, double TestError, double OverlapR, double EpsG);

/// <summary>Order parameters of M copies: per copy, averaged, and the inter-copy overlaps.</summary>
/// <param name="Copies">Per-copy values.</param>
/// <param name="Q">Overlap matrix q_ab = w^a·w^b/N (q_aa = 1).</param>
/// <param name="ConsensusOverlapR">Teacher overlap of the consensus student sign(Σ_a w^a) (ties, for even M, to +1; NaN for storage).</param>
public sealed record EnsembleObservables(CopyObservables[] Copies, double[,] Q, double ConsensusOverlapR)
{
    /// <summary>ε_g of the consensus student.</summary>
    public double ConsensusEpsG => double.IsNaN(ConsensusOverlapR) ? double.NaN : OrderParameterMeter.GeneralizationError(ConsensusOverlapR);
    /// <summary>ε_g of the best copy.</summary>
    public double BestEpsG => Copies.Min(c => c.EpsG);
    /// <summary>Copies that found the teacher (R = 1).</summary>
    public int TeacherFoundCopies => Copies.Count(c => c.OverlapR == 1.0);

    /// <summary>Mean training error over copies.</summary>
    public double TrainError => Copies.Average(c => c.TrainError);
    /// <summary>Mean test error over copies.</summary>
    public double TestError => Copies.Average(c => c.TestError);
    /// <summary>Mean teacher overlap R over copies.</summary>
    public double OverlapR => Copies.Average(c => c.OverlapR);
    /// <summary>Mean ε_g = arccos(R_a)/π over copies.</summary>
    public double EpsG => Copies.Average(c => c.EpsG);

    /// <summary>Mean inter-copy overlap q = (2/(M(M−1))) Σ_{a&lt;b} q_ab (NaN for M = 1).</summary>
    public double QMean
    {
        get
        {
            int m = Copies.Length;
            if (m < 2) return double.NaN;
            double s = 0;
            for (int a = 0; a < m; a++)
                for (int b = a + 1; b < m; b++) s += Q[a, b];
            return s / (m * (m - 1) / 2.0);
        }
    }

    /// <summary>Replica diversity 1 − q.</summary>
    public double Diversity => 1 - QMean;
}

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
