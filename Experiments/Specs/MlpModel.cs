using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// The binary multilayer perceptron: N inputs (the data's width, or --n), hidden sign layers of <see cref="Widths"/>, one sign
/// output for two classes or C argmax outputs (docs/physics/mlp.md). α = P / (number of weights).
/// </summary>
public sealed record MlpModel : ModelSpec
{
    /// <summary>Default hidden widths.</summary>
    public static readonly IReadOnlyList<int> DefaultWidths = [501, 501];

    /// <summary>Hidden widths W_1 … (each ≥ 1, at least one).</summary>
    public IReadOnlyList<int> Widths { get; init; } = DefaultWidths;

    /// <inheritdoc />
    public override string Name => "mlp";

    /// <inheritdoc />
    public override bool IsCommittee => false;

    /// <inheritdoc />
    public override bool IsMlp => true;

    /// <inheritdoc />
    public override int HiddenUnits => 1;

    /// <inheritdoc />
    public override CommitteeShape Shape => new(N, 1, Architecture.Tree);

    /// <summary>Equal models: the same N and widths (element by element).</summary>
    public bool Equals(MlpModel? other) => other is not null && N == other.N && Widths.SequenceEqual(other.Widths);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(N, MlpModel.WidthsText(Widths));

    /// <summary>The network for <paramref name="outputs"/> output units.</summary>
    public MlpShape ShapeFor(int outputs) => new(N, Widths, outputs);

    /// <inheritdoc />
    /// <remarks>Counted with one sign output; C argmax outputs add (C − 1)·W_L weights, which α does not count.</remarks>
    public override long LoadUnit => ShapeFor(1).WeightCount;

    /// <inheritdoc />
    public override ModelSpec WithInputWidth(int n) => this with { N = n };

    /// <summary>Reads the widths and N.</summary>
    public static MlpModel Read(ParameterReader r) => new() { Widths = ParseWidths(r, Parameters.Widths), N = r.Int(Parameters.N) };

    /// <summary>"501,501" as widths; a word that is not an integer is refused naming <paramref name="p"/>.</summary>
    public static int[] ParseWidths(ParameterReader r, Parameter p)
    {
        var text = r.Text(p);
        if (text.Length == 0) return [];
        return text.Split(',', StringSplitOptions.TrimEntries).Select(w => int.TryParse(w, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw UsageException.Field(p.Name, text, $"is not a list of integer widths W1,W2,… ('{w}')")).ToArray();
    }

    /// <summary>Widths as written: "501,501".</summary>
    public static string WidthsText(IReadOnlyList<int> widths) => string.Join(",", widths.Select(w => w.ToString(CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() =>
        [new(Parameters.Model, Name), new(Parameters.Widths, WidthsText(Widths)), new(Parameters.N, N.ToString(CultureInfo.InvariantCulture))];

    /// <inheritdoc />
    public override void Validate()
    {
        Check(Parameters.Widths, WidthsText(Widths), Widths.Count > 0, "is empty: give at least one hidden width (the perceptron is --model perceptron)");
        Check(Parameters.Widths, WidthsText(Widths), Widths.All(w => w >= 1), "must hold widths ≥ 1");
        Check(Parameters.Widths, WidthsText(Widths), Widths.All(w => w <= 100_000) && Widths.Count <= 64, "must hold at most 64 widths of at most 100000 units");
        Check(Parameters.N, N, N >= 1 && N <= 10_000_000, "must be in [1, 10000000] for the mlp");
        Check(Parameters.Widths, WidthsText(Widths), LoadUnit <= int.MaxValue / 2, "gives more than 2^30 weights");
    }
}
