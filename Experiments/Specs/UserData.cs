using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// The user's own ±1 patterns and labels (perceptron), from arrays or a CSV file, with an optional test set. The model's N
/// must equal the row length; α = P/N. Runs on it depend on the seed only through initial states, orders and rule noise.
/// </summary>
public sealed record UserData : DataSpec
{
    private UserData(Dataset data, string source) => (Data, Source) = (data, source);

    /// <summary>The packed data set.</summary>
    public Dataset Data { get; }

    /// <summary>Where the data came from ("arrays" or the file path), for results.</summary>
    public string Source { get; }

    /// <summary>Training patterns ξ^μ ∈ {±1}^N and labels σ^μ ∈ {±1}; optionally a test set and a teacher w* ∈ {±1}^N
    /// (with a teacher, R and ε_g = arccos(R)/π are measured against it).</summary>
    public static UserData FromArrays(IReadOnlyList<sbyte[]> patterns, sbyte[] labels,
        IReadOnlyList<sbyte[]>? testPatterns = null, sbyte[]? testLabels = null, sbyte[]? teacher = null)
    {
        if (patterns.Count == 0) throw new ArgumentException("at least one training pattern is needed");
        int n = patterns[0].Length;
        ulong[]? w = null;
        if (teacher is not null)
        {
            if (teacher.Length != n) throw new ArgumentException($"the teacher has {teacher.Length} entries, expected N = {n}");
            w = PatternMatrix.FromSpins([teacher], n).Row(0).ToArray();
        }
        var test = testPatterns is null ? null : PatternMatrix.FromSpins(testPatterns, n);
        return new(Dataset.FromPatterns(PatternMatrix.FromSpins(patterns, n), labels, test, testLabels, w), "arrays");
    }

    /// <summary>
    /// Reads a CSV file of rows "σ,ξ_1,…,ξ_N" (all ±1; lines starting with # and blank lines skipped) and, if given, a test
    /// file of the same form. Throws <see cref="FormatException"/> naming the file, line and field of the first bad value.
    /// </summary>
    public static UserData FromCsv(string path, string? testPath = null)
    {
        var (patterns, labels) = ReadCsv(path);
        var (test, testLabels) = testPath is null ? ([], []) : ReadCsv(testPath);
        var data = FromArrays(patterns, labels, testPath is null ? null : test, testPath is null ? null : testLabels);
        return new(data.Data, path);
    }

    private static (List<sbyte[]> Patterns, sbyte[] Labels) ReadCsv(string path)
    {
        var patterns = new List<sbyte[]>();
        var labels = new List<sbyte>();
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var fields = text.Split(',');
            var values = new sbyte[fields.Length];
            for (int f = 0; f < fields.Length; f++)
                values[f] = fields[f].Trim() switch
                {
                    "1" or "+1" => 1,
                    "-1" => -1,
                    var x => throw new FormatException($"{path}: line {line}, field {f + 1}: '{x}' is not ±1"),
                };
            if (patterns.Count > 0 && values.Length - 1 != patterns[0].Length)
                throw new FormatException($"{path}: line {line} has {values.Length - 1} inputs, earlier lines {patterns[0].Length}");
            if (values.Length < 2) throw new FormatException($"{path}: line {line} needs a label and at least one input");
            labels.Add(values[0]);
            patterns.Add(values[1..]);
        }
        if (patterns.Count == 0) throw new FormatException($"{path}: no patterns");
        return (patterns, labels.ToArray());
    }

    /// <inheritdoc />
    public override string Name => "user";

    /// <inheritdoc />
    public override LearningTask Task => Data.Task;

    /// <inheritdoc />
    public override double LoadFor(int n) => (double)Data.P / n;

    /// <inheritdoc />
    public override int TestSetSize => Data.TestPatterns.Rows;

    /// <inheritdoc />
    public override int PatternCount(int n) => Data.P;

    /// <inheritdoc />
    public override Dataset Create(ModelSpec model, ulong seed, int threads = 0) => Data;

    /// <inheritdoc />
    public override CommitteeDataset CreateCommittee(CommitteeShape shape, ulong seed, int threads = 0)
        => throw new UsageException("user data trains the perceptron only (committee inputs per unit are not defined for it yet)");

    /// <inheritdoc />
    /// <remarks>Two classes: σ = +1 is class 1, σ = −1 class 0 (the MLP's sign output).</remarks>
    public override Models.Mlp.MlpDataset CreateMlp(MlpModel model, ulong seed, int threads = 0)
        => new("user", 2, Data.Patterns, Data.Labels.Select(s => (byte)(s > 0 ? 1 : 0)).ToArray(),
            Data.TestPatterns, Data.TestLabels.Select(s => (byte)(s > 0 ? 1 : 0)).ToArray());

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() =>
    [
        new(Parameters.Task, Name), new(Parameters.Alpha, LoadFor(Data.N).ToString("R", CultureInfo.InvariantCulture)),
        new(Parameters.TestPatterns, TestSetSize.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <inheritdoc />
    public override void Validate(ModelSpec model)
    {
        if (model is not PerceptronModel && !model.IsMlp) throw new UsageException("user data trains the perceptron or the mlp only: use new PerceptronModel { N = data's N }");
        Check(Parameters.N, model.N, model.N == Data.N, $"must equal the user data's row length {Data.N}");
    }
}
