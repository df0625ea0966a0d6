namespace MCoverPhysics.Lifts.Permutations;

/// <summary>How permutations π ∈ S_M are drawn from a kernel Q.</summary>
public enum SamplerKind
{
    /// <summary>Alias table for M ≤ 8, exact for M ≤ 14, Gumbel assignment above (with θ ≠ 1: alias for M ≤ 8, else
    /// the Metropolis chain of <see cref="CycleMetropolisSampler"/>).</summary>
    Auto,
    /// <summary>Exact law P(π) ∝ ∏_a Q_{a,π(a)} by dynamic programming over subsets (M ≤ 14).</summary>
    Exact,
    /// <summary>argmax_π Σ_a (log Q_{a,π(a)} + G_{aπ(a)}) with Gumbel noise G (Hungarian algorithm): approximate, any M.</summary>
    Gumbel,
    /// <summary>π(0), π(1), … in turn, each ∝ Q_{a,j} over the unused j: fast, approximate.</summary>
    Sequential,
    /// <summary>Exact law (with the cycle weight θ) by an alias table over the M! permutations, one random word per draw (M ≤ 8).</summary>
    Alias,
}
