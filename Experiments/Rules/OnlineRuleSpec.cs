using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// The clipped-perceptron family (cp, cpr, sbpi): integer hidden states h ∈ [−H, H], w = sign(h), one presentation at a
/// time; least action for committee machines (docs/physics/rules.md).
/// </summary>
public abstract record OnlineRuleSpec : RuleSpec
{
    /// <summary>Default epoch budget.</summary>
    public const int DefaultEpochs = 1000;

    /// <summary>Margin κ ≥ 0: the CP step is made when Δ ≤ κ√n (n inputs per unit).</summary>
    public double Kappa { get; init; }

    /// <summary>Clip bound H (odd); null: the odd integer nearest 2√n.</summary>
    public int? Bound { get; init; }

    /// <summary>Epoch budget (≥ 0).</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>When to stop before the budget.</summary>
    public StopRule Stop { get; init; } = StopRule.Any;

    /// <inheritdoc />
    public override RuleFamily Family => RuleFamily.Online;

    /// <inheritdoc />
    public override int Budget => Epochs;

    /// <inheritdoc />
    public override bool TrainsCommittees => true;

    /// <inheritdoc />
    /// <remarks>By least action on the hidden layers with a fixed readout (<see cref="MlpOnlineTrainer"/>).</remarks>
    public override bool TrainsMlps => true;

    /// <inheritdoc />
    public override bool AcceptsCoupling => true;

    /// <summary>The clip bound used with n = <paramref name="unitInputs"/> inputs per unit.</summary>
    public int BoundFor(int unitInputs) => Bound ?? HiddenStates.DefaultBound(unitInputs);

    /// <summary>The rule's decision function for units of <paramref name="config"/>.</summary>
    public IOnlineRule Build(RunConfig config) => BuildFor(config, config.UnitInputs);

    /// <summary>The rule's decision function for units of <paramref name="n"/> inputs (an MLP layer's fan-in).</summary>
    public abstract IOnlineRule BuildFor(RunConfig config, int n);

    /// <summary>Reads the parameters every online rule has.</summary>
    protected static T ReadCommon<T>(T rule, ParameterReader r) where T : OnlineRuleSpec => rule with
    {
        Stop = r.Choice(Parameters.Stop, Parameters.StopRules),
        Epochs = r.Int(Parameters.Epochs),
        Bound = r.IntOrAuto(Parameters.Bound),
        Kappa = r.Real(Parameters.Kappa),
    };

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config) =>
    [
        new(Parameters.Stop, Parameters.Word(Parameters.Stop, Stop, Parameters.StopRules)),
        new(Parameters.Epochs, I(Epochs)), new(Parameters.Bound, I(BoundFor(config.UnitInputs))), new(Parameters.Kappa, R(Kappa)),
        .. OwnValues(config),
    ];

    /// <summary>The values of the parameters this rule adds to the family's.</summary>
    protected abstract IEnumerable<KeyValuePair<Parameter, string>> OwnValues(RunConfig config);

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        Check(Parameters.Epochs, Epochs, Epochs >= 0, "must be ≥ 0");
        Check(Parameters.Bound, Bound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto", Bound is null || (Bound >= 1 && Bound % 2 == 1 && Bound <= 1_000_001), "must be odd in [1, 1000001] or auto");
        Check(Parameters.Kappa, Kappa, double.IsFinite(Kappa) && Kappa >= 0, "must be ≥ 0");
        Check(Parameters.Coupling, config.Coupling.Name, !config.Model.IsMlp || !config.Coupling.Couples, "does not act on --model mlp with the online rules (replicated: the mlp rules ste, bop)");
    }

    /// <inheritdoc />
    /// <remarks>One rule and clip bound per hidden layer (n = its fan-in); the M-cover routes per edge, unit or layer.</remarks>
    public override ILearningDynamics MlpDynamics(RunConfig config, MlpDataset data, int threads = 1)
    {
        var shape = ((MlpModel)config.Model).ShapeFor(data.Outputs);
        var hidden = Enumerable.Range(0, shape.Layers - 1).ToArray();
        var routing = config.Lift.IsIdentityFor(config.Copies) ? null
            : new MlpRouting(shape, PermutationSampler.For(config.Lift.KernelFor(config.Copies), config.Lift.Sampler), config.Lift.Granularity, config.Lift.Schedule, config.Seed, threads);
        return new MlpOnlineTrainer(data, shape, hidden.Select(l => BuildFor(config, shape.FanIn(l))).ToArray(),
            hidden.Select(l => BoundFor(shape.FanIn(l))).ToArray(), config.Copies, routing, config.Seed, Epochs, Stop);
    }

    /// <inheritdoc />
    /// <remarks>The identity lift (with any coupling) trains the copies side by side; a routing lift, the routed trainer.</remarks>
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1)
    {
        var training = new TrainingOptions { MaxEpochs = Epochs, Threads = threads, Stop = Stop };
        var lift = config.BuildLift(threads);
        return lift.NeedsRouting
            ? new RoutedTrainer(data, lift, Build(config), BoundFor(config.UnitInputs), config.Seed, training)
            : new OnlineTrainer(data, lift, Build(config), BoundFor(config.UnitInputs), config.Seed, training, config.Coupling);
    }

    /// <inheritdoc />
    public override ILearningDynamics CommitteeDynamics(RunConfig config, CommitteeDataset data, int threads = 1)
        => new CommitteeTrainer(data, config.BuildLift(threads), Build(config), BoundFor(config.UnitInputs), config.Seed,
            new TrainingOptions { MaxEpochs = Epochs, Stop = Stop }, config.Coupling);
}
