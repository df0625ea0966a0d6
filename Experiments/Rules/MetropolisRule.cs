using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Metropolis at fixed β: Gibbs learning at temperature 1/β; runs its whole sweep budget.</summary>
public sealed record MetropolisRule : MonteCarloRuleSpec
{
    /// <summary>Default β.</summary>
    public const double DefaultBeta = MonteCarloOptions.DefaultBeta;

    /// <summary>Inverse temperature β ≥ 0 (finite).</summary>
    public double Beta { get; init; } = DefaultBeta;

    /// <inheritdoc />
    public override string Name => "mc";

    /// <inheritdoc />
    public override MonteCarloOptions Options => new() { Sweeps = Sweeps, Kappa = Kappa, Beta = Beta, Schedule = BetaSchedule.Constant, Stop = StopRule.Budget };

    /// <summary>Reads the rule's parameters.</summary>
    public static MetropolisRule Read(ParameterReader r) => ReadCommon(new MetropolisRule { Beta = r.Real(Parameters.Beta) }, r);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() => [new(Parameters.Beta, R(Beta))];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        Check(Parameters.Beta, Beta, double.IsFinite(Beta) && Beta >= 0, "must be finite and ≥ 0");
    }
}
