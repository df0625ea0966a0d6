namespace MCoverPhysics.Dynamics.Learning;

/// <summary>What message passing adds to a <see cref="LearningResult"/>.</summary>
/// <param name="Means">m_i = tanh(H_i) per copy (length N): posterior means, or polarised ones under reinforcement.</param>
/// <param name="Converged">Per copy: the last iteration changed nothing by more than the tolerance (reinforced BP: or its signs solve every pattern).</param>
public sealed record MessagePassingExtras(double[][] Means, bool[] Converged);
