namespace MCoverPhysics.Dynamics.Learning;

/// <summary>
/// Called by every learning dynamics after every step (epoch, message-passing iteration or Monte Carlo sweep): progress bars,
/// trajectories. Observing never changes a result; a dynamics run without an observer does no extra work for it.
/// </summary>
public interface IStepObserver
{
    /// <summary>After step <paramref name="step"/> (1-based, in the dynamics' <see cref="StepUnit"/>).</summary>
    /// <param name="step">Steps run so far.</param>
    /// <param name="trainErrorCounts">Per copy, the training patterns with Δ ≤ 0 now.</param>
    /// <param name="weights">The current students: the online rules' sign(h), the signs of the message-passing means, the
    /// Monte Carlo chain weights. No worker moves on until the observer returns.</param>
    void OnStep(int step, ReadOnlySpan<int> trainErrorCounts, IWeightView weights);
}
