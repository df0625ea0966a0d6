using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Budget and resources of a training run (not part of the physics: results never depend on them).</summary>
public sealed record TrainingOptions
{
    /// <summary>Epoch budget; training stops earlier once every copy has zero training error.</summary>
    public int MaxEpochs { get; init; } = 1000;
    /// <summary>Worker threads over copies (identity lift). Results are identical for any value.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Kernel width.</summary>
    public LaneWidth Lanes { get; init; } = LaneWidth.Auto;
    /// <summary>When to stop before the budget (for the identity lift, lifted and copies coincide).</summary>
    public StopRule Stop { get; init; } = StopRule.Any;
    /// <summary>Kernels of the routed trainer (tests compare them; results are identical).</summary>
    internal RoutedLayout RoutedLayout { get; init; }
}
