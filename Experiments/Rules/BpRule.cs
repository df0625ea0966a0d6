using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// Plain belief propagation on the committee engine (<see cref="Dynamics.MessagePassing.CommitteeBeliefPropagation"/>):
/// committee machines of either wiring, and the perceptron as the K = 1 committee; on the M-cover when the kernel is not
/// identity. Its means are posterior means (teacher task: overlap_posterior_mean).
/// </summary>
public sealed record BpRule : MessagePassingRuleSpec
{
    /// <inheritdoc />
    public override string Name => "bp";

    /// <inheritdoc />
    public override bool PosteriorMeans => true;

    /// <inheritdoc />
    public override bool TrainsCommittees => true;

    /// <summary>Reads the rule's parameters.</summary>
    public static BpRule Read(ParameterReader r) => ReadAccuracy(ReadCommon(new BpRule(), r), r);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() => [AccuracyValue];

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1) => CommitteeEngine(config, data, threads);

    /// <inheritdoc />
    public override bool RunsCommitteeEngine(RunConfig config) => true;

    /// <inheritdoc />
    public override ILearningDynamics CommitteeDynamics(RunConfig config, CommitteeDataset data, int threads = 1) => CommitteeEngine(config, data, threads);

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        CheckMessageStore(config, Name);
    }
}
