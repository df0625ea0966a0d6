using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// A binary multilayer perceptron: N inputs, hidden layers of widths W_1 … W_{L−1} with sign units, and an output layer
/// of C units: one sign unit for a binary task (class 1 ⇔ σ = +1), else the argmax over the C output fields.
/// Layer l has fan-in n_l (N for the first) and width W_l; weights are ±1, one packed row of ⌈n_l/64⌉ words per unit.
/// </summary>
/// <param name="Inputs">Input width N ≥ 1.</param>
/// <param name="Widths">Hidden widths (may be empty: the perceptron, or C linear-threshold units with argmax).</param>
/// <param name="Outputs">Output units: 1 (sign output, two classes) or C ≥ 2 (argmax over C classes).</param>
/// <remarks>docs/physics/mlp.md. A field of 0 (even fan-in) reads as +1: sign(0) = +1 in every layer.</remarks>
public sealed record MlpShape(int Inputs, IReadOnlyList<int> Widths, int Outputs)
{
    /// <summary>Null when the shape is consistent, else what is wrong (one line).</summary>
    public static string? Problem(int inputs, IReadOnlyList<int> widths, int outputs)
    {
        if (inputs < 1) return $"the input width N = {inputs} must be ≥ 1";
        for (int l = 0; l < widths.Count; l++)
            if (widths[l] < 1) return $"hidden width {widths[l]} (layer {l + 1}) must be ≥ 1";
        if (outputs < 1) return $"{outputs} output units: need ≥ 1";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the shape is inconsistent.</summary>
    public MlpShape Validated() => Problem(Inputs, Widths, Outputs) is { } p ? throw new ArgumentException(p) : this;

    /// <summary>Number of weight layers L (hidden layers + the output layer).</summary>
    public int Layers => Widths.Count + 1;

    /// <summary>Number of classes: 2 for the sign output, else the output units.</summary>
    public int Classes => Outputs == 1 ? 2 : Outputs;

    /// <summary>Fan-in n_l of layer <paramref name="l"/>.</summary>
    public int FanIn(int l) => l == 0 ? Inputs : Widths[l - 1];

    /// <summary>Width (units) of layer <paramref name="l"/>.</summary>
    public int Width(int l) => l < Widths.Count ? Widths[l] : Outputs;

    /// <summary>Words per packed row of layer <paramref name="l"/>.</summary>
    public int RowWords(int l) => PackedSpins.WordCount(FanIn(l));

    /// <summary>Total weights Σ_l n_l·W_l (α = P / this).</summary>
    public long WeightCount => Enumerable.Range(0, Layers).Sum(l => (long)FanIn(l) * Width(l));

    /// <summary>Total units Σ_l W_l (rows of every layer).</summary>
    public int UnitCount => Offsets.Rows[Layers];

    /// <summary>Widest layer (input included): scratch size of one activation vector.</summary>
    public int MaxWidth => Math.Max(Inputs, Enumerable.Range(0, Layers).Max(Width));

    /// <summary>Packed words of the whole network.</summary>
    public int PackedWords => Offsets.Packed[Layers];

    /// <summary>First packed word of layer <paramref name="l"/>.</summary>
    public int PackedOffset(int l) => Offsets.Packed[l];

    /// <summary>First weight (row-major, unpacked) of layer <paramref name="l"/>.</summary>
    public int WeightOffset(int l) => Offsets.Weights[l];

    /// <summary>First row (global unit index) of layer <paramref name="l"/>.</summary>
    public int RowOffset(int l) => Offsets.Rows[l];

    // Prefix sums per layer, computed once (the hot loops ask for offsets every row; no allocation after the first call).
    private (int[] Packed, int[] Weights, int[] Rows)? _offsets;

    private (int[] Packed, int[] Weights, int[] Rows) Offsets => _offsets ??= ComputeOffsets();

    private (int[] Packed, int[] Weights, int[] Rows) ComputeOffsets()
    {
        var packed = new int[Layers + 1];
        var weights = new int[Layers + 1];
        var rows = new int[Layers + 1];
        for (int l = 0; l < Layers; l++)
        {
            packed[l + 1] = packed[l] + Width(l) * RowWords(l);
            weights[l + 1] = (int)Math.Min(int.MaxValue, (long)weights[l] + (long)Width(l) * FanIn(l));
            rows[l + 1] = rows[l] + Width(l);
        }
        return (packed, weights, rows);
    }

    /// <summary>Equal shapes: the same inputs, widths (element by element) and outputs.</summary>
    public bool Equals(MlpShape? other) => other is not null && Inputs == other.Inputs && Outputs == other.Outputs && Widths.SequenceEqual(other.Widths);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Inputs, Outputs, Widths.Count, Widths.Count > 0 ? Widths[0] : 0);

    /// <summary>"784,501,501,10": inputs, hidden widths, outputs.</summary>
    public override string ToString() => string.Join(",", new[] { Inputs }.Concat(Widths).Append(Outputs));
}
