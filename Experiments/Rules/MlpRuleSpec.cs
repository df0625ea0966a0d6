using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// The minibatch rules of binary MLPs (ste, bop): the straight-through gradient of each (routed) network on a minibatch,
/// delivered to the copies, then the rule per weight (docs/physics/mlp.md). Budget in epochs.
/// </summary>
public abstract record MlpRuleSpec : RuleSpec
{
    /// <summary>The rule --model mlp runs when --rule is not given (the table's default, cpr, trains perceptrons and committees).</summary>
    public const string DefaultRule = "ste";

    /// <summary>Default minibatch size.</summary>
    public const int DefaultBatch = 100;

    /// <summary>Default epoch budget of the MLP rules (the epochs flag's table default is the online rules').</summary>
    public const int DefaultEpochs = 10;

    /// <summary>Minibatch size B ≥ 1.</summary>
    public int Batch { get; init; } = DefaultBatch;

    /// <summary>Epoch budget ≥ 0.</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>Per-epoch factor d ∈ (0, 1] of the step (η of ste, γ of bop): the value × d^(t−1) in epoch t; 1: constant.</summary>
    public double Decay { get; init; } = 1;

    /// <inheritdoc />
    public override RuleFamily Family => RuleFamily.Gradient;

    /// <inheritdoc />
    public override int Budget => Epochs;

    /// <inheritdoc />
    public override bool TrainsMlps => true;

    /// <inheritdoc />
    /// <remarks>The replicated coupling (a pull toward the center per weight and minibatch); consensus is refused in <see cref="Validate"/>.</remarks>
    public override bool AcceptsCoupling => true;

    /// <summary>The per-weight rule.</summary>
    public abstract IMlpRule Build();

    /// <summary>Reads batch and epochs (epochs defaults to <see cref="DefaultEpochs"/> here).</summary>
    protected static T ReadCommon<T>(T rule, ParameterReader r) where T : MlpRuleSpec
    {
        int epochs = r.Given(Parameters.Epochs) ? r.Int(Parameters.Epochs) : DefaultEpochs;
        r.Text(Parameters.Epochs);
        return rule with { Batch = r.Int(Parameters.Batch), Epochs = epochs, Decay = r.Real(Parameters.Decay) };
    }

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config) =>
        [new(Parameters.Epochs, I(Epochs)), new(Parameters.Batch, I(Batch)), new(Parameters.Decay, R(Decay)), .. OwnValues()];

    /// <summary>The values of the rule's own parameters.</summary>
    protected abstract IEnumerable<KeyValuePair<Parameter, string>> OwnValues();

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        Check(Parameters.Rule, Name, config.Model.IsMlp, "trains --model mlp only");
        Check(Parameters.Epochs, Epochs, Epochs >= 0, "must be ≥ 0");
        Check(Parameters.Batch, Batch, Batch >= 1, "must be ≥ 1");
        Check(Parameters.Decay, Decay, double.IsFinite(Decay) && Decay > 0 && Decay <= 1, "must be in (0, 1]");
        Check(Parameters.Coupling, config.Coupling.Name, !config.Coupling.Couples || config.Coupling.NeedsCenter, "acts on the mlp rules as replicated only (consensus: the online rules cp, cpr, sbpi)");
    }

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1)
        => throw new InvalidOperationException($"rule '{Name}' trains MLPs only");

    /// <inheritdoc />
    public override ILearningDynamics MlpDynamics(RunConfig config, MlpDataset data, int threads = 1)
    {
        var model = (MlpModel)config.Model;
        var shape = model.ShapeFor(data.Outputs);
        var kernel = config.Lift.KernelFor(config.Copies);
        var routing = config.Lift.IsIdentityFor(config.Copies) ? null
            : new MlpRouting(shape, PermutationSampler.For(kernel, config.Lift.Sampler), config.Lift.Granularity, config.Lift.Schedule, config.Seed, threads);
        return new MlpTrainer(data, shape, Build(), config.Copies, routing, config.Seed,
            new MlpTrainingOptions { Epochs = Epochs, Batch = Batch, Threads = threads }, config.Coupling);
    }
}
