using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Straight-through latent-weight SGD: h ← clip(h − η·∂L/∂w, −1, 1), w = sign(h) (<see cref="SteUpdate"/>).</summary>
public sealed record SteRule : MlpRuleSpec
{
    /// <summary>Default learning rate η.</summary>
    public const double DefaultLr = 10;

    /// <summary>Learning rate η &gt; 0.</summary>
    public double Lr { get; init; } = DefaultLr;

    /// <inheritdoc />
    public override string Name => "ste";

    /// <summary>Reads the rule's parameters.</summary>
    public static SteRule Read(ParameterReader r) => ReadCommon(new SteRule { Lr = r.Real(Parameters.Lr) }, r);

    /// <inheritdoc />
    public override IMlpRule Build() => new SteUpdate((float)Lr, Decay);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues() => [new(Parameters.Lr, R(Lr))];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        Check(Parameters.Lr, Lr, double.IsFinite(Lr) && Lr > 0, "must be > 0");
    }
}
