using MCoverPhysics.Dynamics.Learning;

namespace MCoverPhysics.Experiments.Running;

/// <summary>How to run a config; never changes its result.</summary>
public sealed record RunOptions
{
    /// <summary>Worker threads over copies (results do not depend on it).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Record the training error and diversity 1 − q after every step (epoch, iteration or sweep; every rule):
    /// <see cref="PointResult.Trajectory"/>.</summary>
    public bool Trace { get; init; }

    /// <summary>Sees every step of every rule (progress bars).</summary>
    public IStepObserver? Observer { get; init; }
}
