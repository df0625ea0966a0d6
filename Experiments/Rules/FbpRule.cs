using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// Focusing belief propagation (Baldassi, Ingrosso, Lucibello, Saglietti, Zecchina, PNAS 113, E7655, 2016): committee BP
/// with y replicas of the weights traced out into a focusing field, raised by a protocol (standard, pseudo, scoping); the
/// perceptron runs the same code as the K = 1 committee. On the M-cover when the kernel is not identity.
/// docs/physics/message-passing.md#focusing-bp.
/// </summary>
public sealed record FbpRule : MessagePassingRuleSpec
{
    /// <summary>Default y of scoping.</summary>
    public const double DefaultReplicasY = 7;

    /// <summary>Default Δρ of standard and pseudo.</summary>
    public const double DefaultRhoStep = 0.01;

    /// <summary>Default Δγ of scoping.</summary>
    public const double DefaultGammaStep = 0.1;

    /// <summary>Default last γ of scoping.</summary>
    public const double DefaultGammaMax = 10;

    /// <summary>The protocol.</summary>
    public FocusingProtocol Protocol { get; init; } = FocusingProtocol.Standard;

    /// <summary>y of scoping (null: <see cref="DefaultReplicasY"/>; only scoping reads it).</summary>
    public double? ReplicasY { get; init; }

    /// <summary>Δρ (standard, pseudo) or Δγ (scoping); null: the protocol's default.</summary>
    public double? FocusStep { get; init; }

    /// <summary>Last γ of scoping (null: <see cref="DefaultGammaMax"/>; only scoping reads it).</summary>
    public double? FocusGammaMax { get; init; }

    /// <inheritdoc />
    public override string Name => "fbp";

    /// <inheritdoc />
    public override bool PosteriorMeans => false;

    /// <inheritdoc />
    public override bool TrainsCommittees => true;

    /// <summary>The schedule as run.</summary>
    public FocusingSchedule Schedule => new(Protocol,
        FocusStep ?? (Protocol == FocusingProtocol.Scoping ? DefaultGammaStep : DefaultRhoStep),
        ReplicasY ?? DefaultReplicasY, FocusGammaMax ?? DefaultGammaMax);

    /// <inheritdoc />
    public override int Budget => (int)Math.Min(int.MaxValue, (long)Iters * Schedule.Count);

    /// <inheritdoc />
    public override string BudgetText => $"{Budget} sweeps ({Iters} per protocol step × {Schedule.Count} steps)";

    /// <inheritdoc />
    public override MessagePassingOptions Options => base.Options with { Focusing = Schedule };

    /// <summary>Reads the rule's parameters.</summary>
    public static FbpRule Read(ParameterReader r) => ReadAccuracy(ReadCommon(new FbpRule
    {
        Protocol = r.Choice(Parameters.Protocol, Parameters.Protocols),
        ReplicasY = r.RealOrAuto(Parameters.ReplicasY),
        FocusStep = r.RealOrAuto(Parameters.FocusStep),
        FocusGammaMax = r.RealOrAuto(Parameters.FocusGammaMax),
    }, r), r);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues()
    {
        var s = Schedule;
        bool scoping = Protocol == FocusingProtocol.Scoping;
        return
        [
            new(Parameters.Protocol, Parameters.Word(Parameters.Protocol, Protocol, Parameters.Protocols)),
            new(Parameters.ReplicasY, scoping ? R(s.Y) : ""), new(Parameters.FocusStep, R(s.Step)),
            new(Parameters.FocusGammaMax, scoping ? R(s.GammaMax) : ""), AccuracyValue,
        ];
    }

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
        bool scoping = Protocol == FocusingProtocol.Scoping;
        string word = Parameters.Word(Parameters.Protocol, Protocol, Parameters.Protocols);
        if (ReplicasY is { } y)
        {
            Check(Parameters.ReplicasY, y, scoping, $"applies to --protocol scoping only (protocol {word} derives y from ρ)");
            Check(Parameters.ReplicasY, y, double.IsFinite(y) && y >= 1, "must be ≥ 1 and finite (y replicas)");
        }
        if (FocusGammaMax is { } g)
        {
            Check(Parameters.FocusGammaMax, g, scoping, $"applies to --protocol scoping only (protocol {word} derives γ from ρ)");
            Check(Parameters.FocusGammaMax, g, double.IsFinite(g) && g > 0, "must be > 0 and finite");
        }
        if (FocusStep is { } step)
            Check(Parameters.FocusStep, step, scoping ? double.IsFinite(step) && step > 0 : step is > 0 and < 1,
                scoping ? "must be > 0 (Δγ of scoping)" : $"must be in (0, 1) (Δρ of protocol {word})");
        Check(Parameters.FocusStep, Schedule.Step, Schedule.Count <= 1_000_000, $"gives {Schedule.Count} protocol steps (limit 1000000)");
        CheckMessageStore(config, Name);
    }
}
