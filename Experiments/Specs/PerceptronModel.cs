using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>The binary perceptron: N synapses w ∈ {±1}^N, output sign(w·ξ).</summary>
public sealed record PerceptronModel : ModelSpec
{
    /// <inheritdoc />
    public override string Name => "perceptron";

    /// <inheritdoc />
    public override bool IsCommittee => false;

    /// <inheritdoc />
    public override int HiddenUnits => 1;

    /// <inheritdoc />
    public override CommitteeShape Shape => new(N, 1, Architecture.Tree);

    /// <summary>Reads N (and hidden, which may only be 1).</summary>
    public static PerceptronModel Read(ParameterReader r)
    {
        var hidden = r.IntOrAuto(Parameters.Hidden);
        if (hidden is { } k && k != 1) throw UsageException.Field(Parameters.Hidden.Name, k.ToString(CultureInfo.InvariantCulture), "needs --model committee (the perceptron has K = 1)");
        return new PerceptronModel { N = r.Int(Parameters.N) };
    }

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() =>
        [new(Parameters.Model, Name), new(Parameters.Hidden, "1"), new(Parameters.N, N.ToString(CultureInfo.InvariantCulture))];
}
