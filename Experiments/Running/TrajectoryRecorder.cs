using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Dynamics.Training;

namespace MCoverPhysics.Experiments.Running;

/// <summary>One epoch of a traced run.</summary>
/// <param name="Epoch">Epoch (1-based).</param>
/// <param name="TrainError">Mean over copies of the fraction of training patterns with Δ ≤ 0.</param>
/// <param name="QMean">Mean inter-copy overlap q (NaN for M = 1).</param>
public sealed record TrajectoryPoint(int Epoch, double TrainError, double QMean)
{
    /// <summary>Replica diversity 1 − q.</summary>
    public double Diversity => 1 - QMean;
}

/// <summary>Records training error and diversity after every epoch (<c>--trace</c>).</summary>
/// <param name="patterns">Training patterns P.</param>
/// <param name="hidden">Hidden units K per copy (committee: the states hold unit k of copy a as slab aK + k; q_ab is the
/// unit-by-unit mean (1/K) Σ_k w^a_k·w^b_π(k)/n).</param>
/// <param name="align">Fully connected committee: π maximises Σ_k |w^a_k·w^b_π(k)| (Hungarian), as for the final q of
/// points.csv; otherwise π is the identity (the tree's units are not interchangeable).</param>
public sealed class TrajectoryRecorder(int patterns, int hidden = 1, bool align = false) : ITrainingObserver
{
    private readonly List<TrajectoryPoint> _points = [];

    /// <summary>The epochs recorded so far.</summary>
    public IReadOnlyList<TrajectoryPoint> Points => _points;

    /// <inheritdoc />
    public void OnEpoch(int epoch, ReadOnlySpan<int> trainErrorCounts, HiddenStates states)
    {
        double error = 0;
        foreach (int e in trainErrorCounts) error += (double)e / patterns;
        var weights = Enumerable.Range(0, states.Copies).Select(a => states.Weights(a).ToArray()).ToList();
        var q = OrderParameterMeter.OverlapMatrix(weights, states.N);
        double sum = 0;
        int m = states.Copies / hidden;
        var block = new double[hidden, hidden];
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++)
            {
                for (int k = 0; k < hidden; k++)
                    for (int l = 0; l < hidden; l++) block[k, l] = Math.Abs(q[a * hidden + k, b * hidden + l]);
                var pi = align && hidden > 1 ? Models.Combinatorics.Assignment.MaximumWeight(block) : null;
                for (int k = 0; k < hidden; k++) sum += q[a * hidden + k, b * hidden + (pi?[k] ?? k)] / hidden;
            }
        _points.Add(new TrajectoryPoint(epoch, error / m, m < 2 ? double.NaN : sum / (m * (m - 1) / 2.0)));
    }
}
