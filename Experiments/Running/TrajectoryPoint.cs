namespace MCoverPhysics.Experiments.Running;

/// <summary>One step of a traced run.</summary>
/// <param name="Epoch">Step (1-based): the epoch of the online rules and hebb, the iteration of amp/rbp, the sweep of mc/sa/pt
/// (named for trajectory.csv's <c>epoch</c> column, kept for compatibility).</param>
/// <param name="TrainError">Mean over copies of the fraction of training patterns with Δ ≤ 0.</param>
/// <param name="QMean">Mean inter-copy overlap q (NaN for M = 1).</param>
/// <param name="TestError">Mean over copies of the test error after the step, where the rule measures it (the mlp); else NaN.</param>
public sealed record TrajectoryPoint(int Epoch, double TrainError, double QMean, double TestError = double.NaN)
{
    /// <summary>Replica diversity 1 − q.</summary>
    public double Diversity => 1 - QMean;
}
