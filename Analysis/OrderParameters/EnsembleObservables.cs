namespace MCoverPhysics.Analysis.OrderParameters;

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
