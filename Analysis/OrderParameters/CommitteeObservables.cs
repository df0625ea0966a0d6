using MathNet.Numerics.LinearAlgebra;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>Order parameters of M committee machines beyond the per-copy averages of <see cref="EnsembleObservables"/>.</summary>
/// <param name="Ensemble">train/test error, mean aligned teacher overlap R, ε = arccos(R)/π, aligned q_ab, consensus.</param>
/// <param name="RRaw">Per copy, the K×K teacher–student overlaps R_kl = w_k·w*_l/n (tree: 0 off the diagonal).</param>
/// <param name="RAligned">Per copy, R with the student units relabelled by the assignment π that maximises Σ_k |R_{k,π(k)}|
/// (row π(k) holds student unit k; equal to <paramref name="RRaw"/> for the tree).</param>
/// <param name="EpsGOverlap">Per copy, the semi-analytic ε_g: the probability that the majority votes of student and teacher
/// differ when their hidden fields are jointly Gaussian with the overlaps as covariance.</param>
/// <param name="EpsGOverlapError">Per copy, the Monte Carlo standard error of <paramref name="EpsGOverlap"/> (0 where exact).</param>
public sealed record CommitteeObservables(EnsembleObservables Ensemble, double[][,] RRaw, double[][,] RAligned, double[] EpsGOverlap, double[] EpsGOverlapError)
{
    /// <summary>Mean over copies of (1/K) Σ_k R_kk, raw.</summary>
    public double RDiagRaw => RRaw.Length == 0 ? double.NaN : RRaw.Average(DiagonalMean);

    /// <summary>Mean over copies of (1/K) Σ_k R_kk after alignment (= <see cref="EnsembleObservables.OverlapR"/>).</summary>
    public double RDiagAligned => RAligned.Length == 0 ? double.NaN : RAligned.Average(DiagonalMean);

    /// <summary>Mean over copies of the semi-analytic ε_g.</summary>
    public double EpsGFromOverlaps => EpsGOverlap.Length == 0 ? double.NaN : EpsGOverlap.Average();

    /// <summary>(1/K) Σ_k R_kk.</summary>
    public static double DiagonalMean(double[,] r)
    {
        double s = 0;
        for (int k = 0; k < r.GetLength(0); k++) s += r[k, k];
        return s / r.GetLength(0);
    }
}
