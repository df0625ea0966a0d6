using MCoverPhysics.Dynamics.States;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Called after each epoch's error pass (progress bars, trajectories). Default: nothing.</summary>
public interface ITrainingObserver
{
    /// <summary>After epoch <paramref name="epoch"/> (1-based), with each copy's training error count and the states
    /// (read-only: no worker moves on until the observer returns).</summary>
    void OnEpoch(int epoch, ReadOnlySpan<int> trainErrorCounts, HiddenStates states);
}
