using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Replica exchange (parallel tempering): M replicas on the geometric ladder β₀ … β₁, neighbours swap after every
/// sweep; identity lift; stops by <see cref="Stop"/> when a replica solves.</summary>
public sealed record ReplicaExchangeRule : MonteCarloRuleSpec
{
    /// <summary>β of the hottest replica (&gt; 0).</summary>
    public double Beta0 { get; init; } = AnnealingRule.DefaultBeta0;

    /// <summary>β of the coldest replica (finite, ≥ β₀).</summary>
    public double Beta1 { get; init; } = AnnealingRule.DefaultBeta1;

    /// <summary>When to stop before the budget.</summary>
    public StopRule Stop { get; init; } = StopRule.Any;

    /// <inheritdoc />
    public override string Name => "pt";

    /// <inheritdoc />
    public override string? LiftProblem => "must be identity for rule pt (replica exchange between independent replicas)";

    /// <inheritdoc />
    public override MonteCarloOptions Options => new() { Sweeps = Sweeps, Kappa = Kappa, Beta0 = Beta0, Beta1 = Beta1, Schedule = BetaSchedule.ReplicaExchange, Stop = Stop };

    /// <summary>Reads the rule's parameters.</summary>
    public static ReplicaExchangeRule Read(ParameterReader r) => ReadCommon(new ReplicaExchangeRule
    {
        Stop = r.Choice(Parameters.Stop, Parameters.StopRules),
        Beta0 = r.Real(Parameters.Beta0), Beta1 = r.Real(Parameters.Beta1),
    }, r);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() =>
    [
        new(Parameters.Stop, Parameters.Word(Parameters.Stop, Stop, Parameters.StopRules)),
        new(Parameters.Beta0, R(Beta0)), new(Parameters.Beta1, R(Beta1)),
    ];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        CheckRange(Beta0, Beta1);
        Check(Parameters.Copies, config.Copies, config.Copies >= 2, "must be ≥ 2 for rule pt (one replica per temperature)");
        Check(Parameters.Beta0, Beta0, Beta0 > 0, "must be > 0 for rule pt (geometric ladder)");
    }
}
