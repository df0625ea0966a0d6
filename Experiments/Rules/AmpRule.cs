using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Approximate message passing for the Bayes-optimal teacher–student perceptron; M independent runs.</summary>
public sealed record AmpRule : MessagePassingRuleSpec
{
    /// <inheritdoc />
    public override string Name => "amp";

    /// <inheritdoc />
    public override string? LiftProblem => "must be identity for rule amp (M independent AMP runs); BP on the M-cover is rule rbp";

    /// <inheritdoc />
    public override bool PosteriorMeans => true;

    /// <summary>Reads the rule's parameters.</summary>
    public static AmpRule Read(ParameterReader r) => ReadCommon(new AmpRule(), r);

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1) => new AmpDynamics(data, config.Copies, config.Seed, Options);
}
