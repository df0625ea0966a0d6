using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Simulated annealing: β from β₀ to β₁ (linear or geometric) over the sweep budget; stops by <see cref="Stop"/>.</summary>
public sealed record AnnealingRule : MonteCarloRuleSpec
{
    /// <summary>Default β₀.</summary>
    public const double DefaultBeta0 = MonteCarloOptions.DefaultBeta0;

    /// <summary>Default β₁.</summary>
    public const double DefaultBeta1 = MonteCarloOptions.DefaultBeta1;

    /// <summary>β at the first sweep (0 ≤ β₀ ≤ β₁; &gt; 0 for geometric).</summary>
    public double Beta0 { get; init; } = DefaultBeta0;

    /// <summary>β at the last sweep (finite).</summary>
    public double Beta1 { get; init; } = DefaultBeta1;

    /// <summary>Linear or geometric β schedule.</summary>
    public BetaSchedule Schedule { get; init; } = BetaSchedule.Linear;

    /// <summary>When to stop before the budget.</summary>
    public StopRule Stop { get; init; } = StopRule.Any;

    /// <inheritdoc />
    public override string Name => "sa";

    /// <inheritdoc />
    public override MonteCarloOptions Options => new() { Sweeps = Sweeps, Kappa = Kappa, Beta0 = Beta0, Beta1 = Beta1, Schedule = Schedule, Stop = Stop };

    /// <summary>Reads the rule's parameters.</summary>
    public static AnnealingRule Read(ParameterReader r) => ReadCommon(new AnnealingRule
    {
        Stop = r.Choice(Parameters.Stop, Parameters.StopRules),
        Beta0 = r.Real(Parameters.Beta0), Beta1 = r.Real(Parameters.Beta1),
        Schedule = r.Choice(Parameters.ScheduleBeta, BetaSchedule.Linear, BetaSchedule.Geometric),
    }, r);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() =>
    [
        new(Parameters.Stop, Parameters.Word(Parameters.Stop, Stop, Parameters.StopRules)),
        new(Parameters.Beta0, R(Beta0)), new(Parameters.Beta1, R(Beta1)),
        new(Parameters.ScheduleBeta, Parameters.Word(Parameters.ScheduleBeta, Schedule, BetaSchedule.Linear, BetaSchedule.Geometric)),
    ];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        CheckRange(Beta0, Beta1);
        Check(Parameters.ScheduleBeta, Schedule, Schedule is BetaSchedule.Linear or BetaSchedule.Geometric, "must be linear or geometric");
        Check(Parameters.Beta0, Beta0, Schedule != BetaSchedule.Geometric || Beta0 > 0, "must be > 0 for schedule-beta geometric");
    }
}
