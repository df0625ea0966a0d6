namespace MCoverPhysics.Lifts.Routing;

/// <summary>Where the permutations of an epoch live.</summary>
public enum RoutingStorage
{
    /// <summary>Stored while the table fits in 4 GiB, drawn on the fly beyond.</summary>
    Auto,
    /// <summary>One table for all patterns (P·M·⌈log₂M⌉·⌈N/64⌉ words).</summary>
    Stored,
    /// <summary>
    /// Pattern μ's permutations are drawn when μ is presented, from the counter-keyed stream (seed, Routing, epoch, μ):
    /// identical to the stored table, memory O(M·N) instead of O(P·M·N), and the drawing cost paid at every presentation.
    /// </summary>
    Hashed,
}
