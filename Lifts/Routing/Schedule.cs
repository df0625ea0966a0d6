namespace MCoverPhysics.Lifts.Routing;

/// <summary>When permutations are drawn.</summary>
public enum Schedule
{
    /// <summary>Once for the run: a true graph cover (the default).</summary>
    Quenched,
    /// <summary>Afresh every epoch.</summary>
    Annealed,
}
