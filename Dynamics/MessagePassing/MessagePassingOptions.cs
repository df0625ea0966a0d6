namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>Iteration controls shared by AMP and (reinforced) BP.</summary>
public sealed record MessagePassingOptions
{
    /// <summary>Iteration (sweep) budget.</summary>
    public int MaxIterations { get; init; } = 1000;
    /// <summary>Convergence: the largest change of a mean (AMP) or message (BP) in one iteration is below this.</summary>
    public double Tolerance { get; init; } = 1e-6;
    /// <summary>Damping d ∈ [0, 1): new = (1 − d)·computed + d·old.</summary>
    public double Damping { get; init; }
    /// <summary>Reinforcement ρ₀ of BP at the first sweep (0: plain BP).</summary>
    public double Reinforcement { get; init; }
    /// <summary>Increase of ρ per sweep: ρ_t = min(1, ρ₀ + t·Δρ).</summary>
    public double ReinforcementStep { get; init; }
}

/// <summary>What a message-passing run leaves: posterior means per copy and their signs as packed students.</summary>
/// <param name="Means">m_i = ⟨w_i⟩ per copy (length N).</param>
/// <param name="Weights">sign(m_i) per copy, packed (m_i = 0 → +1).</param>
/// <param name="Iterations">Iterations (sweeps) run.</param>
/// <param name="Converged">Per copy: the last iteration changed nothing by more than the tolerance (reinforced BP: or its signs solve every pattern).</param>
/// <param name="RoutedErrorCount">Factor copies (μ, b) whose routed signs violate their pattern (BP on the M-cover; base errors otherwise).</param>
public sealed record MessagePassingResult(double[][] Means, ulong[][] Weights, int Iterations, bool[] Converged, int RoutedErrorCount);
