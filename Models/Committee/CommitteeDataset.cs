using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Committee;

/// <summary>
/// Training and test sets of a committee machine: P = round(αN) patterns with labels from a teacher committee of the same
/// shape (teacher task) or uniform random labels (storage). Everything is a function of (task, shape, P, test size, seed).
/// </summary>
/// <remarks>
/// Streams as for the perceptron: inputs from (seed, Patterns) counter-based by row, teacher unit k from (seed, Teacher, k),
/// labels (storage) from (seed, Labels), test inputs from (seed, TestPatterns). For K = 1 the data are exactly those of
/// <see cref="Dataset.Create"/>.
/// </remarks>
public sealed class CommitteeDataset
{
    private CommitteeDataset(LearningTask task, CommitteeShape shape, int p, PatternMatrix inputs, sbyte[] labels,
        ulong[]? teacher, PatternMatrix testInputs, sbyte[] testLabels)
        => (Task, Shape, P, Inputs, Labels, Teacher, TestInputs, TestLabels) = (task, shape, p, inputs, labels, teacher, testInputs, testLabels);

    /// <summary>Teacher–student or storage.</summary>
    public LearningTask Task { get; }
    /// <summary>Shape of the student and teacher machines.</summary>
    public CommitteeShape Shape { get; }
    /// <summary>Training patterns P.</summary>
    public int P { get; }
    /// <summary>Training inputs, one row per unit input ξ_k (see <see cref="CommitteeShape.Input"/>).</summary>
    public PatternMatrix Inputs { get; }
    /// <summary>Training labels σ^μ.</summary>
    public sbyte[] Labels { get; }
    /// <summary>Teacher unit vectors w*_k concatenated (stride ⌈n/64⌉), or null for storage.</summary>
    public ulong[]? Teacher { get; }
    /// <summary>Fresh test inputs (empty for storage).</summary>
    public PatternMatrix TestInputs { get; }
    /// <summary>Teacher labels of the test patterns.</summary>
    public sbyte[] TestLabels { get; }
    /// <summary>Test patterns.</summary>
    public int TestCount => TestLabels.Length;

    /// <summary>Teacher unit k (a view).</summary>
    public ReadOnlySpan<ulong> TeacherUnit(int k) => Teacher.AsSpan(k * Shape.UnitWords, Shape.UnitWords);

    /// <summary>Generates the data.</summary>
    /// <param name="task">Teacher–student or storage.</param>
    /// <param name="shape">Committee shape (validated).</param>
    /// <param name="p">Training patterns P ≥ 1.</param>
    /// <param name="testPatterns">Fresh test patterns (teacher task).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="threads">At most this many threads fill the patterns (0: unbounded); the data do not depend on it.</param>
    public static CommitteeDataset Create(LearningTask task, CommitteeShape shape, int p, int testPatterns, ulong seed, int threads = 0)
    {
        shape.Validated();
        if (p < 1) throw new ArgumentOutOfRangeException(nameof(p), p, "P must be ≥ 1");
        if (testPatterns < 0) throw new ArgumentOutOfRangeException(nameof(testPatterns));
        int n = shape.UnitInputs;
        var inputs = PatternMatrix.Random(shape.InputRows(p), n, RngStream.Key(seed, StreamTag.Patterns), threads);
        if (task == LearningTask.Storage)
        {
            var labelKey = RngStream.Key(seed, StreamTag.Labels);
            var labels = new sbyte[p];
            for (int mu = 0; mu < p; mu++) labels[mu] = (RngStream.Hash(labelKey, (ulong)mu) & 1) != 0 ? (sbyte)1 : (sbyte)-1;
            return new CommitteeDataset(task, shape, p, inputs, labels, null, new PatternMatrix(0, n), []);
        }
        var teacher = new ulong[shape.Hidden * shape.UnitWords];
        for (int k = 0; k < shape.Hidden; k++)
            Dataset.RandomVector(n, RngStream.Key(seed, StreamTag.Teacher, (ulong)k)).CopyTo(teacher, k * shape.UnitWords);
        var test = PatternMatrix.Random(shape.InputRows(testPatterns), n, RngStream.Key(seed, StreamTag.TestPatterns), threads);
        return new CommitteeDataset(task, shape, p, inputs, LabelsOf(shape, teacher, inputs, p), teacher, test, LabelsOf(shape, teacher, test, testPatterns));
    }

    /// <summary>σ^μ = sign(Σ_k sign(w*_k·ξ_k^μ)) for μ = 0 … P−1.</summary>
    public static sbyte[] LabelsOf(CommitteeShape shape, ReadOnlySpan<ulong> units, PatternMatrix inputs, int patterns)
    {
        var labels = new sbyte[patterns];
        for (int mu = 0; mu < patterns; mu++) labels[mu] = (sbyte)shape.Output(units, inputs, mu);
        return labels;
    }
}
