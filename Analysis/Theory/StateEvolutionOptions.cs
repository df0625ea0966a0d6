namespace MCoverPhysics.Analysis.Theory;

/// <summary>Settings of the fixed-point iteration of the replica-symmetric saddle-point (state-evolution) equations.</summary>
public sealed record StateEvolutionOptions
{
    /// <summary>The defaults: uninformed start q₀ = 0, no damping, tolerance 1e-13, at most 10000 iterations.</summary>
    public static StateEvolutionOptions Default { get; } = new();

    /// <summary>Starting overlap q₀ ∈ [0, 1); 0 is the uninformed start of AMP.</summary>
    public double InitialOverlap { get; init; }

    /// <summary>Damping d ∈ [0, 1): q_{t+1} = (1 − d) F(q_t) + d q_t. 0 is the plain iteration (AMP's state evolution).</summary>
    public double Damping { get; init; }

    /// <summary>Converged when |q_{t+1} − q_t| &lt; Tolerance.</summary>
    public double Tolerance { get; init; } = 1e-13;

    /// <summary>Iteration budget; a run that exhausts it is reported with Converged = false.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Teacher–student only: once 1 − q &lt; this, the iteration declares perfect learning (q = 1, q̂ = ∞).</summary>
    public double PerfectLearningTolerance { get; init; } = 1e-12;

    internal StateEvolutionOptions Validated()
    {
        if (!(InitialOverlap >= 0 && InitialOverlap < 1)) throw new ArgumentOutOfRangeException(nameof(InitialOverlap), InitialOverlap, "must be in [0, 1)");
        if (!(Damping >= 0 && Damping < 1)) throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "must be in [0, 1)");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "must be > 0");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "must be ≥ 1");
        if (!(PerfectLearningTolerance > 0 && PerfectLearningTolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(PerfectLearningTolerance), PerfectLearningTolerance, "must be in (0, 1)");
        return this;
    }
}
