using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Stochastic binary perceptron (SBPI): the CP step, and a metaplastic step with probability p_s when 0 &lt; Δ ≤ θ_m.</summary>
public sealed record SbpiRule : OnlineRuleSpec
{
    /// <summary>Default θ_m.</summary>
    public const double DefaultThetaM = 1;

    /// <summary>Default p_s.</summary>
    public const double DefaultPs = 0.3;

    /// <summary>Metaplastic threshold θ_m ≥ 0 (units of the integer stability Δ).</summary>
    public double ThetaM { get; init; } = DefaultThetaM;

    /// <summary>Metaplastic probability p_s ∈ [0, 1].</summary>
    public double Ps { get; init; } = DefaultPs;

    /// <inheritdoc />
    public override string Name => "sbpi";

    /// <summary>Reads the rule's parameters.</summary>
    public static SbpiRule Read(ParameterReader r) => ReadCommon(new SbpiRule { ThetaM = r.Real(Parameters.ThetaM), Ps = r.Real(Parameters.Ps) }, r);

    /// <inheritdoc />
    public override IOnlineRule BuildFor(RunConfig config, int n) => new Sbpi(n, Kappa, ThetaM, Ps);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues(RunConfig config) => [new(Parameters.ThetaM, R(ThetaM)), new(Parameters.Ps, R(Ps))];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        Check(Parameters.ThetaM, ThetaM, double.IsFinite(ThetaM) && ThetaM >= 0, "must be ≥ 0");
        Check(Parameters.Ps, Ps, Ps is >= 0 and <= 1, "must be in [0, 1]");
    }
}
