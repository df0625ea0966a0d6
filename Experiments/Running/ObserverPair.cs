using MCoverPhysics.Dynamics.Training;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Two observers, called in turn.</summary>
internal sealed class ObserverPair(ITrainingObserver first, ITrainingObserver second) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpoch(int epoch, ReadOnlySpan<int> trainErrorCounts, Dynamics.States.HiddenStates states)
    {
        first.OnEpoch(epoch, trainErrorCounts, states);
        second.OnEpoch(epoch, trainErrorCounts, states);
    }

    /// <summary>Either observer, or both in turn.</summary>
    public static ITrainingObserver? Of(ITrainingObserver? a, ITrainingObserver? b) => (a, b) switch
    {
        (null, var o) => o,
        (var t, null) => t,
        var (t, o) => new ObserverPair(t, o),
    };
}
