namespace MCoverPhysics.Dynamics.Learning;

/// <summary>What message passing adds to a <see cref="LearningResult"/>.</summary>
/// <param name="Means">m_i = tanh(H_i) per copy (length N; committees: K·n, unit k at k·n): posterior means, or polarised ones under reinforcement.</param>
/// <param name="Converged">Per copy: the last iteration changed nothing by more than the tolerance (reinforced BP: or its signs solve every pattern).</param>
public sealed record MessagePassingExtras(double[][] Means, bool[] Converged)
{
    /// <summary>Per copy, the test error of the algorithm's own Bayes predictor (committee AMP: sign(P₊ − P₋) at the
    /// posterior-mean fields), or null where the algorithm has none.</summary>
    public double[]? PredictorTestErrors { get; init; }
}
