namespace MCoverPhysics.Experiments.Running;

/// <summary>Reports nothing (library use, tests).</summary>
public sealed class SilentProgress : ISweepProgress
{
    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total) { }
    /// <inheritdoc />
    public void Dispose() { }
}
