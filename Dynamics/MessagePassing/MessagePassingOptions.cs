namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>Iteration controls shared by AMP and (reinforced) BP.</summary>
public sealed record MessagePassingOptions
{
    /// <summary>Iteration (sweep) budget.</summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;
    /// <summary>Convergence: the largest change of a mean (AMP) or message (BP) in one iteration is below this.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Default iteration budget (amp and rbp, library and CLI alike).</summary>
    public const int DefaultMaxIterations = 1000;

    /// <summary>Default convergence tolerance.</summary>
    public const double DefaultTolerance = 1e-6;
    /// <summary>Damping d ∈ [0, 1): new = (1 − d)·computed + d·old.</summary>
    public double Damping { get; init; }
    /// <summary>Reinforcement ρ₀ of BP at the first sweep (0: plain BP).</summary>
    public double Reinforcement { get; init; }
    /// <summary>Increase of ρ per sweep: ρ_t = min(1, ρ₀ + t·Δρ).</summary>
    public double ReinforcementStep { get; init; }
    /// <summary>Focusing BP's protocol (committee BP engine only); null: plain or reinforced BP.</summary>
    public FocusingSchedule? Focusing { get; init; }
    /// <summary>Committee BP's edge message: exact (default) or the large-N expansion.</summary>
    public BpAccuracy Accuracy { get; init; }
}
