using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>BOP (Helwegen et al. 2019): m ← (1 − γ)m + γ·∂L/∂w, flip w when |m| &gt; τ and sign(m) = sign(w) (<see cref="BopUpdate"/>).</summary>
public sealed record BopRule : MlpRuleSpec
{
    /// <summary>Default adaptivity γ.</summary>
    public const double DefaultGamma = 1e-4;

    /// <summary>Default threshold τ.</summary>
    public const double DefaultTau = 1e-6;

    /// <summary>Adaptivity γ ∈ (0, 1].</summary>
    public double Gamma { get; init; } = DefaultGamma;

    /// <summary>Threshold τ ≥ 0.</summary>
    public double Tau { get; init; } = DefaultTau;

    /// <inheritdoc />
    public override string Name => "bop";

    /// <summary>Reads the rule's parameters.</summary>
    public static BopRule Read(ParameterReader r) => ReadCommon(new BopRule { Gamma = r.Real(Parameters.BopGamma), Tau = r.Real(Parameters.BopTau) }, r);

    /// <inheritdoc />
    public override IMlpRule Build() => new BopUpdate((float)Gamma, (float)Tau, Decay);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() => [new(Parameters.BopGamma, R(Gamma)), new(Parameters.BopTau, R(Tau))];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        Check(Parameters.BopGamma, Gamma, double.IsFinite(Gamma) && Gamma > 0 && Gamma <= 1, "must be in (0, 1]");
        Check(Parameters.BopTau, Tau, double.IsFinite(Tau) && Tau >= 0, "must be ≥ 0");
    }
}
