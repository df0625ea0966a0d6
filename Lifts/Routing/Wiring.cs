namespace MCoverPhysics.Lifts.Routing;

/// <summary>How a factor copy's messages travel back (docs/mcover.md#asymmetric-lift).</summary>
public enum Wiring
{
    /// <summary>Factor copy (μ, b) reads and delivers through the same π_{iμ}: the M-cover lift (the default).</summary>
    Symmetric,
    /// <summary>It reads through π_{iμ} and delivers through an independent π'_{iμ} of the same law (the authors' "asym" wiring).</summary>
    Asymmetric,
}
