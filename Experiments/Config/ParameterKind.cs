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
    /// <summary>A value that is itself a comma-separated list (widths 501,501; classes 3,5): one value, never a sweep.</summary>
    List,
}
