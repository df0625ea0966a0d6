using MCoverPhysics.Dynamics.Training;

namespace MCoverPhysics.Experiments.Running;

/// <summary>How to run a config; never changes its result.</summary>
public sealed record RunOptions
{
    /// <summary>Worker threads over copies (results do not depend on it).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Record the training error and diversity 1 − q after every epoch (online rules): <see cref="PointResult.Trajectory"/>.</summary>
    public bool Trace { get; init; }

    /// <summary>Sees every epoch of the online rules (progress bars).</summary>
    public ITrainingObserver? Observer { get; init; }
}
