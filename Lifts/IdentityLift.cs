namespace MCoverPhysics.Lifts;

/// <summary>Q = identity: π_{iμ} = id for every edge, i.e. M independent students trained side by side.</summary>
public sealed record IdentityLift : ILift
{
    /// <summary>M independent copies.</summary>
    /// <param name="copies">M ≥ 1.</param>
    public IdentityLift(int copies)
    {
        if (copies < 1) throw new ArgumentOutOfRangeException(nameof(copies), copies, "M must be ≥ 1");
        Copies = copies;
    }

    /// <inheritdoc />
    public int Copies { get; }

    /// <inheritdoc />
    public string Kernel => "identity";

    /// <inheritdoc />
    public bool IsIdentity => true;

    /// <inheritdoc />
    /// <remarks>Q = I has every eigenvalue equal to 1 (NaN for M = 1: there is no second eigenvalue).</remarks>
    public double Lambda2 => Copies < 2 ? double.NaN : 1.0;
}
