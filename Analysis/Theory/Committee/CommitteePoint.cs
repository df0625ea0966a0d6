namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>One fixed point of the committee state evolution.</summary>
/// <param name="Hidden">K, the number of hidden units.</param>
/// <param name="Alpha">Load α = P/N (N inputs, K·N weights).</param>
/// <param name="Diagonal">q_d: mean diagonal overlap (1/K) Σ_k w_k·w*_k/N of the fixed point.</param>
/// <param name="OffDiagonal">q_o: mean off-diagonal overlap of the fixed point.</param>
/// <param name="QhatDiagonal">Diagonal of q̂ (+∞ at perfect learning).</param>
/// <param name="QhatOffDiagonal">Off-diagonal of q̂.</param>
/// <param name="EpsBayes">Bayes-optimal generalisation error E_ω min_Y P(Y|ω).</param>
/// <param name="Converged">Whether the iteration met its tolerance within its budget.</param>
/// <param name="Iterations">Iterations performed.</param>
public sealed record CommitteePoint(int Hidden, double Alpha, double Diagonal, double OffDiagonal, double QhatDiagonal,
    double QhatOffDiagonal, double EpsBayes, bool Converged, int Iterations)
{
    /// <summary>Whether the hidden units have specialised: q_d − q_o above 10⁻³ (0 on the non-specialised branch; a slow escape
    /// from it can leave a smaller difference at a "converged" point, which is not counted).</summary>
    public bool Specialised => Diagonal - OffDiagonal > 1e-3;
}
