using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Monte Carlo on the (lifted) training energy E = violated factor copies (mc, sa, pt; docs/physics/monte-carlo.md).</summary>
public abstract record MonteCarloRuleSpec : RuleSpec
{
    /// <summary>Default sweep budget.</summary>
    public const int DefaultSweeps = MonteCarloOptions.DefaultSweeps;

    /// <summary>Largest inverse-routing table (K·n·M·⌈log₂M⌉·P bits; N·M·⌈log₂M⌉·P for the perceptron) a lifted run may ask for.</summary>
    public const long MaxInverseRoutingBytes = 4L << 30;

    /// <summary>Sweep budget (≥ 0); one sweep is one proposal per weight and copy (N; K·n for a committee).</summary>
    public int Sweeps { get; init; } = DefaultSweeps;

    /// <summary>Margin κ ≥ 0 of the energy: a constraint is violated when Δ ≤ κ√N.</summary>
    public double Kappa { get; init; }

    /// <inheritdoc />
    public override RuleFamily Family => RuleFamily.MonteCarlo;

    /// <inheritdoc />
    public override int Budget => Sweeps;

    /// <inheritdoc />
    /// <remarks>Committees: the energy counts the misclassified patterns of the majority vote (docs/physics/monte-carlo.md#committee-machines).</remarks>
    public override bool TrainsCommittees => true;

    /// <summary>Schedule, budget and stop rule of the chain.</summary>
    public abstract MonteCarloOptions Options { get; }

    /// <summary>Bytes of the inverse routing table of a lifted run of <paramref name="config"/> (one set of planes per weight: K·n).</summary>
    public static long InverseRoutingBytes(RunConfig config)
        => (long)config.HiddenUnits * config.UnitInputs * config.Copies * Math.Max(1, (int)Math.Ceiling(Math.Log2(config.Copies))) * Models.Spins.PackedSpins.WordCount(config.P) * sizeof(ulong);

    /// <summary>Reads the parameters every Monte Carlo rule has.</summary>
    protected static T ReadCommon<T>(T rule, ParameterReader r) where T : MonteCarloRuleSpec
        => rule with { Kappa = r.Real(Parameters.Kappa), Sweeps = r.Int(Parameters.Sweeps) };

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config) =>
        [new(Parameters.Kappa, R(Kappa)), new(Parameters.Sweeps, I(Sweeps)), .. OwnValues()];

    /// <summary>The values of the parameters this rule adds to the family's.</summary>
    protected abstract IEnumerable<KeyValuePair<Parameter, string>> OwnValues();

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        Check(Parameters.Kappa, Kappa, double.IsFinite(Kappa) && Kappa >= 0, "must be ≥ 0");
        Check(Parameters.Sweeps, Sweeps, Sweeps >= 0, "must be ≥ 0");
        long bytes = InverseRoutingBytes(config);
        Check(Parameters.Alpha, config.Alpha, config.Lift.IsIdentityFor(config.Copies) || bytes <= MaxInverseRoutingBytes,
            $"needs {bytes / (double)(1L << 30):F1} GiB of inverse routing ({(config.IsCommittee ? "K·n" : "N")}·M·⌈log₂M⌉·P bits) for rule {Name} at N = {config.N}, M = {config.Copies} (limit {MaxInverseRoutingBytes >> 30} GiB)");
    }

    /// <summary>Checks an annealing ladder or schedule β₀ … β₁.</summary>
    protected static void CheckRange(double beta0, double beta1)
    {
        Check(Parameters.Beta0, beta0, double.IsFinite(beta0) && beta0 >= 0, "must be finite and ≥ 0");
        Check(Parameters.Beta1, beta1, double.IsFinite(beta1) && beta1 >= beta0, $"must be finite and ≥ beta0 = {beta0.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <inheritdoc />
    public override ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1) => new MetropolisChain(data, config.BuildLift(threads), config.Seed, Options, config.Coupling);

    /// <inheritdoc />
    public override ILearningDynamics CommitteeDynamics(RunConfig config, CommitteeDataset data, int threads = 1)
        => new CommitteeMetropolisChain(data, config.BuildLift(threads), config.Seed, Options, config.Coupling);

    /// <inheritdoc />
    /// <remarks>mc and sa take the replicated coupling (the robust ensemble: a center and γ_t, docs/physics/couplings.md); pt does not.</remarks>
    public override bool Accepts(MCoverPhysics.Dynamics.Coupling.CopyCoupling coupling) => coupling.NeedsCenter && Options.Schedule != BetaSchedule.ReplicaExchange;
}
