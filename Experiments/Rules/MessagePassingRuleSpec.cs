using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Message passing to a fixed point (amp, rbp): damping, iteration budget and tolerance (docs/physics/message-passing.md).</summary>
public abstract record MessagePassingRuleSpec : RuleSpec
{
    /// <summary>Default iteration budget.</summary>
    public const int DefaultIters = MessagePassingOptions.DefaultMaxIterations;

    /// <summary>Default tolerance.</summary>
    public const double DefaultTol = MessagePassingOptions.DefaultTolerance;

    /// <summary>Damping d ∈ [0, 1): new = (1 − d)·computed + d·old.</summary>
    public double Damping { get; init; }

    /// <summary>Iteration budget (≥ 1).</summary>
    public int Iters { get; init; } = DefaultIters;

    /// <summary>Convergence: the largest change of a mean/message per iteration is below this (&gt; 0).</summary>
    public double Tol { get; init; } = DefaultTol;

    /// <inheritdoc />
    public override RuleFamily Family => RuleFamily.MessagePassing;

    /// <inheritdoc />
    public override int Budget => Iters;

    /// <summary>Committee BP's edge message (bp, rbp, fbp read it; amp does not): exact (default) or the large-N expansion.</summary>
    public BpAccuracy Accuracy { get; init; }

    /// <summary>The iteration controls of the algorithm.</summary>
    public virtual MessagePassingOptions Options => new() { MaxIterations = Iters, Tolerance = Tol, Damping = Damping, Accuracy = Accuracy };

    /// <summary>True when the means tanh(H) are posterior means (no reinforcement field in them).</summary>
    public abstract bool PosteriorMeans { get; }


    /// <summary>Reads the parameters every message-passing rule has.</summary>
    protected static T ReadCommon<T>(T rule, ParameterReader r) where T : MessagePassingRuleSpec
        => rule with { Damping = r.Real(Parameters.Damping), Iters = r.Int(Parameters.Iters), Tol = r.Real(Parameters.Tol) };

    /// <summary>Reads <see cref="Accuracy"/> (the committee BP rules).</summary>
    protected static T ReadAccuracy<T>(T rule, ParameterReader r) where T : MessagePassingRuleSpec
        => rule with { Accuracy = r.Choice(Parameters.BpAccuracy, Parameters.BpAccuracies) };

    /// <summary><see cref="Accuracy"/> as results write it.</summary>
    protected KeyValuePair<Parameter, string> AccuracyValue => new(Parameters.BpAccuracy, Parameters.Word(Parameters.BpAccuracy, Accuracy, Parameters.BpAccuracies));

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config) =>
        [new(Parameters.Damping, R(Damping)), new(Parameters.Iters, I(Iters)), new(Parameters.Tol, R(Tol)), .. OwnValues()];

    /// <summary>The values of the parameters this rule adds to the family's.</summary>
    protected virtual IEnumerable<KeyValuePair<Parameter, string>> OwnValues() => [];

    /// <summary>Largest BP message store (M·K·n·P float32: one per edge of the cover) a run may ask for.</summary>
    public const long MaxMessageBytes = 16L << 30;

    /// <summary>Bytes of the BP message store of <paramref name="config"/>: M·K·n·P float32 (n inputs per unit; M·N·P for the perceptron).</summary>
    public static double MessageBytes(RunConfig config) => (double)config.Copies * config.HiddenUnits * config.UnitInputs * config.P * sizeof(float);

    /// <summary>Refuses a BP run whose edges per pattern or message store are too large for <paramref name="rule"/>.</summary>
    protected static void CheckMessageStore(RunConfig config, string rule)
    {
        long edges = (long)config.Copies * config.HiddenUnits * config.UnitInputs;
        Check(Parameters.Copies, config.Copies, edges <= int.MaxValue, $"{(config.IsCommittee ? "× K·n" : "× N")} = {edges} edges per pattern is too many for rule {rule} (limit 2^31)");
        Check(Parameters.Alpha, config.Alpha, MessageBytes(config) <= MaxMessageBytes,
            $"needs {MessageBytes(config) / (1L << 30):F1} GiB of BP messages ({(config.IsCommittee ? "M·K·n·P" : "M·N·P")} floats) at N = {config.N}, M = {config.Copies} (limit {MaxMessageBytes >> 30} GiB)");
    }

    /// <summary>Whether <paramref name="config"/> runs on committee BP (<see cref="CommitteeBeliefPropagation"/>): committees,
    /// and the perceptron for the rules that treat it as the K = 1 committee (its memory is that engine's).</summary>
    public virtual bool RunsCommitteeEngine(RunConfig config) => config.IsCommittee;

    /// <summary>Committee BP (<see cref="CommitteeBeliefPropagation"/>) on perceptron data, as the K = 1 committee; routing
    /// tables drawn on at most <paramref name="threads"/> threads.</summary>
    protected ILearningDynamics CommitteeEngine(RunConfig config, Dataset data, int threads)
        => new CommitteeBeliefPropagationDynamics(new CommitteeShape(data.N, 1, Architecture.Tree), data.Patterns, data.Labels, config.BuildLift(threads), config.Seed, Options, threads);

    /// <summary>Committee BP on committee data; routing tables drawn and the identity lift's copies spread over up to <paramref name="threads"/> threads.</summary>
    protected ILearningDynamics CommitteeEngine(RunConfig config, CommitteeDataset data, int threads = 1)
        => new CommitteeBeliefPropagationDynamics(data.Shape, data.Inputs, data.Labels, config.BuildLift(threads), config.Seed, Options, threads);

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        Check(Parameters.Damping, Damping, double.IsFinite(Damping) && Damping is >= 0 and < 1, "must be in [0, 1)");
        Check(Parameters.Iters, Iters, Iters >= 1, "must be ≥ 1");
        Check(Parameters.Tol, Tol, double.IsFinite(Tol) && Tol > 0, "must be > 0");
    }

}
