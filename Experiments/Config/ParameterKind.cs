namespace MCoverPhysics.Experiments.Config;

/// <summary>Value type of a parameter.</summary>
public enum ParameterKind
{
    /// <summary>One of a fixed set of words.</summary>
    Choice,
    /// <summary>An integer.</summary>
    Integer,
    /// <summary>A real number.</summary>
    Real,
}
