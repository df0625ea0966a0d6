namespace MCoverPhysics.Dynamics.Coupling;

/// <summary>M independent students.</summary>
public sealed record NoCoupling : CopyCoupling
{
    /// <inheritdoc />
    public override string Name => "none";

    /// <inheritdoc />
    public override bool Couples => false;
}
