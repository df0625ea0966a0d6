using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments.Config;
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

    /// <summary>The iteration controls of the algorithm.</summary>
    public virtual MessagePassingOptions Options => new() { MaxIterations = Iters, Tolerance = Tol, Damping = Damping };

    /// <summary>True when the means tanh(H) are posterior means (no reinforcement field in them).</summary>
    public abstract bool PosteriorMeans { get; }


    /// <summary>Reads the parameters every message-passing rule has.</summary>
    protected static T ReadCommon<T>(T rule, ParameterReader r) where T : MessagePassingRuleSpec
        => rule with { Damping = r.Real(Parameters.Damping), Iters = r.Int(Parameters.Iters), Tol = r.Real(Parameters.Tol) };

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config) =>
        [new(Parameters.Damping, R(Damping)), new(Parameters.Iters, I(Iters)), new(Parameters.Tol, R(Tol)), .. OwnValues()];

    /// <summary>The values of the parameters this rule adds to the family's.</summary>
    protected virtual IEnumerable<KeyValuePair<Parameter, string>> OwnValues() => [];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        Check(Parameters.Damping, Damping, double.IsFinite(Damping) && Damping is >= 0 and < 1, "must be in [0, 1)");
        Check(Parameters.Iters, Iters, Iters >= 1, "must be ≥ 1");
        Check(Parameters.Tol, Tol, double.IsFinite(Tol) && Tol > 0, "must be > 0");
    }

}
