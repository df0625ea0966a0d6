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

    /// <inheritdoc />
    public override string Name => "teacher";

    /// <inheritdoc />
    public override LearningTask Task => LearningTask.TeacherStudent;

    /// <inheritdoc />
    public override Dataset Create(ModelSpec model, ulong seed, int threads = 0) => Dataset.Create(Task, model.N, PatternCount(model.N), TestPatterns, seed, threads);

    /// <inheritdoc />
    public override CommitteeDataset CreateCommittee(CommitteeShape shape, ulong seed) => CommitteeDataset.Create(Task, shape, PatternCount(shape.N), TestPatterns, seed);

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() =>
        [new(Parameters.Task, Name), new(Parameters.Alpha, AlphaText), new(Parameters.TestPatterns, TestPatterns.ToString(CultureInfo.InvariantCulture))];

    /// <inheritdoc />
    public override void Validate(ModelSpec model)
    {
        base.Validate(model);
        Check(Parameters.TestPatterns, TestPatterns, TestPatterns >= 0, "must be ≥ 0");
        Check(Parameters.TestPatterns, TestPatterns, (double)TestPatterns * Models.Spins.PackedSpins.WordCount(model.N) <= int.MaxValue, "needs more than 16 GiB of test patterns");
    }
}
