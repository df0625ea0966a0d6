namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>How committee BP evaluates the message on each edge (docs/physics/message-passing.md#large-n-expansion).</summary>
public enum BpAccuracy
{
    /// <summary>u = ½ ln[A(ω̄ + ξ)/A(ω̄ − ξ)] with the edge's own cavity field and variance (double lanes; the default).</summary>
    Exact,
    /// <summary>
    /// The large-N expansion u = ξ g_k − m g′_k, g_k = ∂_ω ln A at the unit's full field (ω_k, V_k): transcendentals once
    /// per unit, float32 lanes on the edges (BinaryCommitteeMachineFBP.jl's <c>accuracy1 = :none</c> in spirit). Differs
    /// from the exact message by a relative O(1/n).
    /// </summary>
    Expand,
}
