using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>(Reinforced) belief propagation, on the M-cover when the kernel is not identity; ρ₀ = Δρ = 0 is plain BP.</summary>
public sealed record RbpRule : MessagePassingRuleSpec
{
    /// <summary>Default ρ₀.</summary>
    public const double DefaultReinforcement = 0.5;

    /// <summary>Default Δρ.</summary>
    public const double DefaultReinforcementStep = 0.001;

    /// <summary>Reinforcement ρ₀ ∈ [0, 1] at the first sweep.</summary>
    public double Reinforcement { get; init; } = DefaultReinforcement;

    /// <summary>Reinforcement increase per sweep, ρ_t = min(1, ρ₀ + t·Δρ).</summary>
    public double ReinforcementStep { get; init; } = DefaultReinforcementStep;

    /// <inheritdoc />
    public override string Name => "rbp";

    /// <inheritdoc />
    public override bool PosteriorMeans => Reinforcement == 0 && ReinforcementStep == 0;

    /// <inheritdoc />
    public override MessagePassingOptions Options => base.Options with { Reinforcement = Reinforcement, ReinforcementStep = ReinforcementStep };

    /// <summary>Reads the rule's parameters.</summary>
    public static RbpRule Read(ParameterReader r) => ReadAccuracy(ReadCommon(new RbpRule
    {
        Reinforcement = r.RealOrAuto(Parameters.Reinforcement) ?? DefaultReinforcement,
        ReinforcementStep = r.RealOrAuto(Parameters.ReinforcementStep) ?? DefaultReinforcementStep,
    }, r), r);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() =>
        [new(Parameters.Reinforcement, R(Reinforcement)), new(Parameters.ReinforcementStep, R(ReinforcementStep)), AccuracyValue];

    /// <inheritdoc />
    public override bool TrainsCommittees => true;

    /// <inheritdoc />
    /// <remarks>Committees run on committee BP (<see cref="CommitteeBeliefPropagation"/>); the perceptron keeps its own engine.</remarks>
    public override ILearningDynamics CommitteeDynamics(RunConfig config, CommitteeDataset data, int threads = 1) => CommitteeEngine(config, data, threads);

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1) => Accuracy == BpAccuracy.Expand
        ? CommitteeEngine(config, data, threads)
        : new BeliefPropagationDynamics(data, config.BuildLift(threads), config.Seed, Options, threads);

    /// <inheritdoc />
    public override bool RunsCommitteeEngine(RunConfig config) => config.IsCommittee || Accuracy == BpAccuracy.Expand;

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        Check(Parameters.Reinforcement, Reinforcement, Reinforcement is >= 0 and <= 1, "must be in [0, 1] or auto");
        Check(Parameters.ReinforcementStep, ReinforcementStep, double.IsFinite(ReinforcementStep) && ReinforcementStep >= 0, "must be ≥ 0 or auto");
        CheckMessageStore(config, Name);
    }
}
