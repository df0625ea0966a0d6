using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.Learning;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Records training error and diversity after every step of any rule (<c>--trace</c>).</summary>
/// <param name="patterns">Training patterns P.</param>
/// <param name="hidden">Hidden units K per copy (committee: the states hold unit k of copy a as slab aK + k; q_ab is the
/// unit-by-unit mean (1/K) Σ_k w^a_k·w^b_π(k)/n).</param>
/// <param name="align">Fully connected committee: π maximises Σ_k |w^a_k·w^b_π(k)| (Hungarian), as for the final q of
/// points.csv; otherwise π is the identity (the tree's units are not interchangeable).</param>
public sealed class TrajectoryRecorder(int patterns, int hidden = 1, bool align = false) : IStepObserver
{
    private readonly List<TrajectoryPoint> _points = [];

    /// <summary>The steps recorded so far.</summary>
    public IReadOnlyList<TrajectoryPoint> Points => _points;

    /// <inheritdoc />
    public void OnStep(int step, ReadOnlySpan<int> trainErrorCounts, IWeightView weights)
    {
        double error = 0;
        foreach (int e in trainErrorCounts) error += (double)e / patterns;
        var vectors = Enumerable.Range(0, weights.Count).Select(a => weights.Weights(a).ToArray()).ToList();
        var q = OrderParameterMeter.OverlapMatrix(vectors, weights.N);
        double sum = 0;
        int m = weights.Count / hidden;
        var block = new double[hidden, hidden];
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++)
            {
                for (int k = 0; k < hidden; k++)
                    for (int l = 0; l < hidden; l++) block[k, l] = Math.Abs(q[a * hidden + k, b * hidden + l]);
                var pi = align && hidden > 1 ? Models.Combinatorics.Assignment.MaximumWeight(block) : null;
                for (int k = 0; k < hidden; k++) sum += q[a * hidden + k, b * hidden + (pi?[k] ?? k)] / hidden;
            }
        _points.Add(new TrajectoryPoint(step, error / m, m < 2 ? double.NaN : sum / (m * (m - 1) / 2.0)));
    }
}
