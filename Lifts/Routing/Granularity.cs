namespace MCoverPhysics.Lifts.Routing;

/// <summary>What one permutation routes.</summary>
public enum Granularity
{
    /// <summary>One permutation π_{iμ} per edge (i, μ) (the default).</summary>
    Edge,
    /// <summary>One permutation per block of 64 weights and pattern: a machine word is routed as a unit.</summary>
    Word,
    /// <summary>
    /// Committee machines and multilayer perceptrons: one permutation π_{kμ} per hidden unit k and pattern μ (MLP: per unit and
    /// minibatch), so the routed model takes unit k's whole incoming weight vector from copy π_{kμ}(b) (a row of the table is one (μ, k)).
    /// </summary>
    Unit,
    /// <summary>Multilayer perceptrons only: one permutation per layer and minibatch, so the routed network takes each whole
    /// layer from one copy.</summary>
    Layer,
}
