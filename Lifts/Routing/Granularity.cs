namespace MCoverPhysics.Lifts.Routing;

/// <summary>What one permutation routes.</summary>
public enum Granularity
{
    /// <summary>One permutation π_{iμ} per edge (i, μ) (the default).</summary>
    Edge,
    /// <summary>One permutation per block of 64 weights and pattern: a machine word is routed as a unit.</summary>
    Word,
    /// <summary>
    /// Committee machines only: one permutation π_{kμ} per hidden unit k and pattern μ, so the routed model takes unit k's
    /// whole weight vector from copy π_{kμ}(b) (a row of the table is one (μ, k)).
    /// </summary>
    Unit,
}
