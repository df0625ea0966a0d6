using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>Teacher–student: a random binary teacher of the model's shape labels P = round(αN) random ±1 patterns; a fresh test set measures generalisation.</summary>
public sealed record TeacherStudentData : GeneratedData
{
    /// <summary>Default test-set size.</summary>
    public const int DefaultTestPatterns = 2000;

    /// <summary>Fresh test patterns (≥ 0).</summary>
    public int TestPatterns { get; init; } = DefaultTestPatterns;

    /// <inheritdoc />
    public override int TestSetSize => TestPatterns;

    /// <summary>Equal data: the same α, test-set size and teacher widths (element by element).</summary>
    public bool Equals(TeacherStudentData? other) => other is not null && base.Equals(other) && TestPatterns == other.TestPatterns
        && (TeacherWidths is null ? other.TeacherWidths is null : other.TeacherWidths is not null && TeacherWidths.SequenceEqual(other.TeacherWidths));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), TestPatterns, TeacherWidths is null ? "" : MlpModel.WidthsText(TeacherWidths));

    /// <summary>MLP students: the hidden widths of the random binary teacher MLP (one sign output); null for the other models.</summary>
    public IReadOnlyList<int>? TeacherWidths { get; init; }

    /// <inheritdoc />
    public override string Name => "teacher";

    /// <inheritdoc />
    public override LearningTask Task => LearningTask.TeacherStudent;

    /// <inheritdoc />
    public override Dataset Create(ModelSpec model, ulong seed, int threads = 0) => Dataset.Create(Task, model.N, PatternCount(model.N), TestPatterns, seed, threads);

    /// <inheritdoc />
    public override CommitteeDataset CreateCommittee(CommitteeShape shape, ulong seed, int threads = 0) => CommitteeDataset.Create(Task, shape, PatternCount(shape.N), TestPatterns, seed, threads);

    /// <inheritdoc />
    public override Models.Mlp.MlpDataset CreateMlp(MlpModel model, ulong seed, int threads = 0)
        => Models.Mlp.MlpDataset.TeacherStudent(new Models.Mlp.MlpShape(model.N, TeacherWidths ?? [], 1), PatternCount((int)model.LoadUnit), TestPatterns, seed, threads);

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() =>
        [new(Parameters.Task, Name), new(Parameters.Alpha, AlphaText), new(Parameters.TestPatterns, TestPatterns.ToString(CultureInfo.InvariantCulture)),
         .. TeacherWidths is null ? [] : new KeyValuePair<Parameter, string>[] { new(Parameters.TeacherWidths, MlpModel.WidthsText(TeacherWidths)) }];

    /// <inheritdoc />
    public override void Validate(ModelSpec model)
    {
        base.Validate(model);
        if (TeacherWidths is { } tw)
            Check(Parameters.TeacherWidths, MlpModel.WidthsText(tw), tw.All(w => w is >= 1 and <= 100_000) && tw.Count <= 64, "must hold widths in [1, 100000] (empty: a perceptron teacher)");
        Check(Parameters.TestPatterns, TestPatterns, TestPatterns >= 0, "must be ≥ 0");
        Check(Parameters.TestPatterns, TestPatterns, (double)TestPatterns * Models.Spins.PackedSpins.WordCount(model.N) <= int.MaxValue, "needs more than 16 GiB of test patterns");
    }
}
