namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Work space of one factor copy of committee BP (allocated once, reused every pattern): the pattern's inputs as ±1 reals,
/// the gathered routed fields, the kernel's scratch and the fresh messages, in the layout the chosen
/// <see cref="BpAccuracy"/> needs (exact: doubles, <see cref="CommitteeFactor"/>; expand: float32, <see cref="ExpandedFactor"/>).
/// </summary>
internal sealed class CommitteeBpWork
{
    public CommitteeBpWork(BpAccuracy accuracy, int hidden, int n, int xiLength)
    {
        int kn = hidden * n;
        Routed = new double[kn];
        if (accuracy == BpAccuracy.Exact)
        {
            Xi = new double[xiLength];
            Scratch = new double[CommitteeFactor.ScratchLength(hidden, n)];
            Fresh = new double[kn];
        }
        else
        {
            XiF = new float[xiLength];
            Cavity = new float[kn];
            Units = new double[ExpandedFactor.UnitScratchLength(hidden)];
            FreshF = new float[kn];
        }
    }

    /// <summary>Routed total fields H̃ of the factor copy (K·n).</summary>
    public double[] Routed { get; }

    /// <summary>Exact: the inputs (unit k at k·stride), the kernel's scratch and the fresh messages.</summary>
    public double[] Xi { get; } = [];

    /// <inheritdoc cref="Xi"/>
    public double[] Scratch { get; } = [];

    /// <inheritdoc cref="Xi"/>
    public double[] Fresh { get; } = [];

    /// <summary>Expand: the inputs as floats, the cavity means, the per-unit scratch and the fresh messages.</summary>
    public float[] XiF { get; } = [];

    /// <inheritdoc cref="XiF"/>
    public float[] Cavity { get; } = [];

    /// <inheritdoc cref="XiF"/>
    public double[] Units { get; } = [];

    /// <inheritdoc cref="XiF"/>
    public float[] FreshF { get; } = [];
}
