using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// Approximate message passing for the Bayes-optimal teacher–student perceptron (<see cref="Amp"/>) and fully connected
/// binary committee machine (<see cref="CommitteeAmp"/>, K ≤ 5); M independent runs.
/// </summary>
public sealed record AmpRule : MessagePassingRuleSpec
{
    /// <summary>Largest K of committee AMP: its channel averages over n^(K−1) Gauss–Hermite points a pattern.</summary>
    public const int MaxCommitteeHidden = 5;

    /// <inheritdoc />
    public override string Name => "amp";

    /// <inheritdoc />
    public override string? LiftProblem => "must be identity for rule amp (M independent AMP runs); BP on the M-cover is rule rbp";

    /// <inheritdoc />
    public override bool PosteriorMeans => true;

    /// <inheritdoc />
    public override bool TrainsCommittees => true;

    /// <summary>Reads the rule's parameters.</summary>
    public static AmpRule Read(ParameterReader r) => ReadCommon(new AmpRule(), r);

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1) => new AmpDynamics(data, config.Copies, config.Seed, Options);

    /// <inheritdoc />
    public override ILearningDynamics CommitteeDynamics(RunConfig config, CommitteeDataset data, int threads = 1) => new CommitteeAmpDynamics(data, config.Copies, config.Seed, Options);

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        if (!config.IsCommittee) return;
        Check(Parameters.Arch, config.ValueOf(Parameters.Arch), config.Shape.Arch == Architecture.Full, "is not supported by rule amp on committees; expected full (tree committees: rule bp)");
        Check(Parameters.Task, config.ValueOf(Parameters.Task), config.Task == LearningTask.TeacherStudent, "is not supported by rule amp on committees; expected teacher (the Bayes-optimal setting)");
        Check(Parameters.Hidden, config.HiddenUnits, config.HiddenUnits <= MaxCommitteeHidden, $"must be ≤ {MaxCommitteeHidden} for rule amp (its channel averages over 12^(K−1) points a pattern)");
    }
}
