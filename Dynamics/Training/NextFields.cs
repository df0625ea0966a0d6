namespace MCoverPhysics.Dynamics.Training;

/// <summary>The next pattern's lane permutations, ξ and fields, for an update that routes it in the same pass (<see cref="Fused"/>).</summary>
internal readonly ref struct NextFields(ReadOnlySpan<ulong> permutations, ReadOnlySpan<ulong> xi, Span<int> dots, bool fused)
{
    /// <summary>The next pattern's <c>RoutingTable.LanePermutations</c> row.</summary>
    public readonly ReadOnlySpan<ulong> Permutations = permutations;
    /// <summary>The next pattern.</summary>
    public readonly ReadOnlySpan<ulong> Xi = xi;
    /// <summary>Receives the next pattern's routed fields.</summary>
    public readonly Span<int> Dots = dots;
    /// <summary>False for a plain update (the default).</summary>
    public readonly bool Fused = fused;
}
