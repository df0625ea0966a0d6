using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>Clipped perceptron (CP): h += 2σξ when Δ ≤ κ√n.</summary>
public sealed record CpRule : OnlineRuleSpec
{
    /// <inheritdoc />
    public override string Name => "cp";

    /// <summary>Reads the rule's parameters.</summary>
    public static CpRule Read(ParameterReader r) => ReadCommon(new CpRule(), r);

    /// <inheritdoc />
    public override IOnlineRule BuildFor(RunConfig config, int n) => new ClippedPerceptron(n, Kappa);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues(RunConfig config) => [];
}
