namespace MCoverPhysics.Analysis.Theory;

/// <summary>One point of the teacher–student replica-symmetric curve.</summary>
/// <param name="Alpha">Load α = P/N.</param>
/// <param name="Overlap">Overlap q = R (student–teacher = student–student at the Nishimori point); 1 is perfect learning.</param>
/// <param name="ConjugateOverlap">Conjugate order parameter q̂ (+∞ at perfect learning).</param>
/// <param name="EpsBayes">Bayes-optimal generalisation error arccos(√q)/π.</param>
/// <param name="EpsGibbs">Gibbs (one posterior sample) generalisation error arccos(q)/π.</param>
/// <param name="Entropy">Entropy of the version space s = f_RS + ln 2 on the branch reached (0 at perfect learning;
/// negative on the metastable branch between α_perfect and α_spinodal).</param>
/// <param name="Converged">Whether the iteration reached its tolerance (or perfect learning) within its budget.</param>
/// <param name="Iterations">State-evolution iterations performed.</param>
public sealed record TeacherStudentPoint(double Alpha, double Overlap, double ConjugateOverlap, double EpsBayes, double EpsGibbs,
    double Entropy, bool Converged, int Iterations)
{
    /// <summary>Whether the iteration reached q = 1.</summary>
    public bool PerfectLearning => Overlap == 1.0;
}
