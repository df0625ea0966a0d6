using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>One-shot clipped Hebb rule: w = sign(Σ_μ σ^μ ξ^μ) (docs/physics/rules.md). No parameters.</summary>
public sealed record HebbRule : RuleSpec
{
    /// <inheritdoc />
    public override string Name => "hebb";

    /// <inheritdoc />
    public override RuleFamily Family => RuleFamily.OneShot;

    /// <inheritdoc />
    public override int Budget => 1;

    /// <inheritdoc />
    /// <remarks>The one-shot sum presents no pattern to a routed model; a kernel would be recorded and ignored.</remarks>
    public override string? LiftProblem => "must be identity for rule hebb (a one-shot sum over patterns: nothing is routed)";

    /// <summary>Reads the rule's parameters (none).</summary>
    public static HebbRule Read(ParameterReader r) => new();

    /// <inheritdoc />
    /// <remarks>No parameter: the Hebb sum is never clipped, so bound is empty (it was written as 2P + 1, a value no flag sets).</remarks>
    public override IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config) => [];

    /// <inheritdoc />
    public override void Validate(RunConfig config) { }

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1) => new HebbDynamics(data, config.Copies, config.Seed);
}
