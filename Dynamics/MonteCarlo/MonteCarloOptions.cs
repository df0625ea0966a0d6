using MCoverPhysics.Dynamics.Training;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>Controls of a Metropolis / simulated-annealing run (docs/physics/monte-carlo.md).</summary>
public sealed record MonteCarloOptions
{
    /// <summary>Default sweep budget.</summary>
    public const int DefaultSweeps = 1000;
    /// <summary>Default β of the constant schedule (the library's and the CLI's: one source).</summary>
    public const double DefaultBeta = 2;
    /// <summary>Default first β of an annealing schedule or the hottest rung of a ladder.</summary>
    public const double DefaultBeta0 = 0.5;
    /// <summary>Default last β of an annealing schedule or the coldest rung of a ladder.</summary>
    public const double DefaultBeta1 = 5;

    /// <summary>Sweep budget S; one sweep is N proposals per weight copy.</summary>
    public int Sweeps { get; init; } = DefaultSweeps;
    /// <summary>Constant β or an annealing schedule.</summary>
    public BetaSchedule Schedule { get; init; } = BetaSchedule.Constant;
    /// <summary>Inverse temperature of the constant schedule. Range: β ≥ 0, finite.</summary>
    public double Beta { get; init; } = DefaultBeta;
    /// <summary>First β of an annealing schedule. Range: 0 ≤ β₀ ≤ β₁ (β₀ &gt; 0 for geometric).</summary>
    public double Beta0 { get; init; } = DefaultBeta0;
    /// <summary>Last β of an annealing schedule (finite).</summary>
    public double Beta1 { get; init; } = DefaultBeta1;
    /// <summary>Margin κ of the energy E = Σ Θ(κ√N − Δ) (a constraint counts as violated when Δ ≤ κ√N).</summary>
    public double Kappa { get; init; }
    /// <summary>When to stop before the budget (Budget for equilibrium sampling).</summary>
    public StopRule Stop { get; init; } = StopRule.Budget;

    /// <summary>β of sweep <paramref name="sweep"/> (0-based) out of <see cref="Sweeps"/>.</summary>
    public double BetaAt(int sweep)
    {
        if (Schedule == BetaSchedule.Constant) return Beta;
        double x = Sweeps <= 1 ? 1 : (double)sweep / (Sweeps - 1);
        return Schedule == BetaSchedule.Linear ? Beta0 + (Beta1 - Beta0) * x : Beta0 * Math.Pow(Beta1 / Beta0, x);
    }

    /// <summary>β_k of temperature k of a replica-exchange ladder with <paramref name="replicas"/> rungs.</summary>
    public double LadderBeta(int k, int replicas) => replicas <= 1 ? Beta1 : Beta0 * Math.Pow(Beta1 / Beta0, (double)k / (replicas - 1));

    /// <summary>Throws on values outside the documented ranges.</summary>
    public MonteCarloOptions Validated()
    {
        if (Sweeps < 0) throw new ArgumentOutOfRangeException(nameof(Sweeps), Sweeps, "must be ≥ 0");
        if (!(double.IsFinite(Beta) && Beta >= 0)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "β must be finite and ≥ 0");
        if (!(double.IsFinite(Beta0) && Beta0 >= 0)) throw new ArgumentOutOfRangeException(nameof(Beta0), Beta0, "β₀ must be finite and ≥ 0");
        if (!(double.IsFinite(Beta1) && Beta1 >= Beta0)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "β₁ must be finite and ≥ β₀");
        if (Schedule is BetaSchedule.Geometric or BetaSchedule.ReplicaExchange && !(Beta0 > 0)) throw new ArgumentOutOfRangeException(nameof(Beta0), Beta0, "geometric schedule needs β₀ > 0");
        if (!(double.IsFinite(Kappa) && Kappa >= 0)) throw new ArgumentOutOfRangeException(nameof(Kappa), Kappa, "κ must be finite and ≥ 0");
        return this;
    }
}
