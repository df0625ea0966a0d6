namespace MCoverPhysics.Analysis.Theory;

/// <summary>One point of the storage replica-symmetric curve.</summary>
/// <param name="Alpha">Load α = P/N.</param>
/// <param name="Overlap">Typical overlap q between two solutions.</param>
/// <param name="ConjugateOverlap">Conjugate order parameter q̂.</param>
/// <param name="Entropy">RS entropy s(α) of the space of solutions (per weight); the capacity is where it vanishes.</param>
/// <param name="Converged">Whether the iteration reached its tolerance within its budget with q &lt; 1.</param>
/// <param name="Iterations">Iterations performed.</param>
public sealed record StoragePoint(double Alpha, double Overlap, double ConjugateOverlap, double Entropy, bool Converged, int Iterations);
