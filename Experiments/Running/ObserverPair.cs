using MCoverPhysics.Dynamics.Learning;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Two observers, called in turn.</summary>
internal sealed class ObserverPair(IStepObserver first, IStepObserver second) : IStepObserver
{
    /// <inheritdoc />
    public void OnStep(int step, ReadOnlySpan<int> trainErrorCounts, IWeightView weights)
    {
        first.OnStep(step, trainErrorCounts, weights);
        second.OnStep(step, trainErrorCounts, weights);
    }

    /// <summary>Either observer, or both in turn.</summary>
    public static IStepObserver? Of(IStepObserver? a, IStepObserver? b) => (a, b) switch
    {
        (null, var o) => o,
        (var t, null) => t,
        var (t, o) => new ObserverPair(t, o),
    };
}
