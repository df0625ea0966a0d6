using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Data;

/// <summary>
/// Training set (P = round(αN) patterns with labels), the teacher (teacher–student only) and a fresh test set.
/// Everything is a function of (task, N, P, test size, seed) alone.
/// </summary>
public sealed class Dataset
{
    private Dataset(LearningTask task, int n, PatternMatrix patterns, sbyte[] labels, ulong[]? teacher,
        PatternMatrix testPatterns, sbyte[] testLabels)
    {
        Task = task;
        N = n;
        Patterns = patterns;
        Labels = labels;
        Teacher = teacher;
        TestPatterns = testPatterns;
        TestLabels = testLabels;
    }

    /// <summary>The task that generated the labels.</summary>
    public LearningTask Task { get; }
    /// <summary>Number of synapses N (odd).</summary>
    public int N { get; }
    /// <summary>Number of training patterns P.</summary>
    public int P => Patterns.Rows;
    /// <summary>Load α = P/N.</summary>
    public double Alpha => (double)P / N;
    /// <summary>Training patterns ξ^μ.</summary>
    public PatternMatrix Patterns { get; }
    /// <summary>Training labels σ^μ ∈ {±1}.</summary>
    public sbyte[] Labels { get; }
    /// <summary>Teacher w* (packed), or null for the storage task.</summary>
    public ulong[]? Teacher { get; }
    /// <summary>Fresh test patterns (empty for storage, where generalisation is undefined).</summary>
    public PatternMatrix TestPatterns { get; }
    /// <summary>Labels of the test patterns given by the teacher.</summary>
    public sbyte[] TestLabels { get; }

    /// <summary>Number of training patterns for load α: P = max(1, round(αN)).</summary>
    public static int PatternCount(double alpha, int n) => Math.Max(1, (int)Math.Round(alpha * n, MidpointRounding.AwayFromZero));

    /// <summary>Generates a data set.</summary>
    /// <param name="task">Teacher–student or storage.</param>
    /// <param name="n">Number of inputs N. Range: odd, ≥ 1 (sign outputs need odd N).</param>
    /// <param name="p">Number of training patterns P ≥ 1.</param>
    /// <param name="testPatterns">Size of the fresh test set (teacher–student only).</param>
    /// <param name="seed">Run seed; the data use streams Teacher, Patterns, Labels, TestPatterns.</param>
    /// <param name="threads">At most this many threads generate patterns (0: unbounded); the data do not depend on it.</param>
    public static Dataset Create(LearningTask task, int n, int p, int testPatterns, ulong seed, int threads = 0)
    {
        if (n < 1 || n % 2 == 0) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be odd and ≥ 1 so that sign(w·ξ) is never 0");
        if (p < 1) throw new ArgumentOutOfRangeException(nameof(p), p, "P must be ≥ 1");
        if (testPatterns < 0) throw new ArgumentOutOfRangeException(nameof(testPatterns));
        var patterns = PatternMatrix.Random(p, n, RngStream.Key(seed, StreamTag.Patterns), threads);
        if (task == LearningTask.Storage)
        {
            var labelKey = RngStream.Key(seed, StreamTag.Labels);
            var labels = new sbyte[p];
            for (int mu = 0; mu < p; mu++) labels[mu] = (RngStream.Hash(labelKey, (ulong)mu) & 1) != 0 ? (sbyte)1 : (sbyte)-1;
            return new Dataset(task, n, patterns, labels, null, new PatternMatrix(0, n), []);
        }

        var teacher = RandomVector(n, RngStream.Key(seed, StreamTag.Teacher));
        var test = PatternMatrix.Random(testPatterns, n, RngStream.Key(seed, StreamTag.TestPatterns), threads);
        return new Dataset(task, n, patterns, LabelsOf(teacher, patterns), teacher, test, LabelsOf(teacher, test));
    }

    /// <summary>
    /// A data set of the user's own patterns: ±1 training patterns and labels, optionally a teacher (then test patterns may
    /// be labelled by it) and a test set with its labels. N is the row length (odd, so that sign(w·ξ) is never 0).
    /// </summary>
    /// <param name="patterns">Training patterns ξ^μ, packed.</param>
    /// <param name="labels">σ^μ ∈ {±1}, one per pattern.</param>
    /// <param name="testPatterns">Test patterns (null: none).</param>
    /// <param name="testLabels">Their labels ±1 (required with test patterns).</param>
    /// <param name="teacher">A known teacher w* (packed), or null; with it R and ε_g are measured against it.</param>
    public static Dataset FromPatterns(PatternMatrix patterns, sbyte[] labels, PatternMatrix? testPatterns = null, sbyte[]? testLabels = null, ulong[]? teacher = null)
    {
        int n = patterns.N;
        if (n < 1 || n % 2 == 0) throw new ArgumentException($"N = {n} must be odd and ≥ 1 so that sign(w·ξ) is never 0");
        if (patterns.Rows < 1) throw new ArgumentException("at least one training pattern is needed");
        if (labels.Length != patterns.Rows) throw new ArgumentException($"{labels.Length} labels for {patterns.Rows} patterns");
        if (labels.Any(x => x is not (1 or -1))) throw new ArgumentException("labels must be ±1");
        testPatterns ??= new PatternMatrix(0, n);
        testLabels ??= [];
        if (testPatterns.N != n) throw new ArgumentException($"test patterns have N = {testPatterns.N}, training patterns {n}");
        if (testLabels.Length != testPatterns.Rows) throw new ArgumentException($"{testLabels.Length} test labels for {testPatterns.Rows} test patterns");
        if (testLabels.Any(x => x is not (1 or -1))) throw new ArgumentException("test labels must be ±1");
        if (teacher is not null && teacher.Length != PackedSpins.WordCount(n)) throw new ArgumentException($"the teacher has {teacher.Length} words, expected {PackedSpins.WordCount(n)}");
        return new Dataset(teacher is null ? LearningTask.Storage : LearningTask.TeacherStudent, n, patterns, labels, teacher, testPatterns, testLabels);
    }

    /// <summary>A uniform random packed ±1 vector from counter-based stream <paramref name="key"/>.</summary>
    public static ulong[] RandomVector(int n, ulong key)
    {
        var v = new ulong[PackedSpins.WordCount(n)];
        for (int j = 0; j < v.Length; j++) v[j] = RngStream.Hash(key, (ulong)j);
        v[^1] &= PackedSpins.LastWordMask(n);
        return v;
    }

    /// <summary>Pairs (ξ^μ, σ^μ) that <paramref name="w"/> gets wrong: σ^μ w·ξ^μ ≤ 0.</summary>
    public static int ErrorCount(ReadOnlySpan<ulong> w, PatternMatrix patterns, ReadOnlySpan<sbyte> labels)
    {
        Span<int> errors = stackalloc int[1];
        ErrorCounts(w, 0, 0, patterns, labels, errors);
        return errors[0];
    }

    /// <summary>
    /// <see cref="ErrorCount"/> of several packed vectors at once: vector c starts at <paramref name="first"/> + c·<paramref name="stride"/>
    /// in <paramref name="weights"/> and its count goes to <paramref name="errors"/>[c]. Each pattern is read once for all of them.
    /// </summary>
    public static void ErrorCounts(ReadOnlySpan<ulong> weights, int first, int stride, PatternMatrix patterns, ReadOnlySpan<sbyte> labels, Span<int> errors)
    {
        int n = patterns.N, words = PackedSpins.WordCount(n);
        errors.Clear();
        for (int mu = 0; mu < patterns.Rows; mu++)
        {
            var xi = patterns.Row(mu);
            for (int c = 0; c < errors.Length; c++)
                if (labels[mu] * PackedSpins.Dot(weights.Slice(first + c * stride, words), xi, n) <= 0) errors[c]++;
        }
    }

    /// <summary>Training patterns that <paramref name="w"/> misclassifies.</summary>
    public int TrainingErrors(ReadOnlySpan<ulong> w) => ErrorCount(w, Patterns, Labels);

    /// <summary>σ^μ = sign(w·ξ^μ) for every row (N odd, so never 0).</summary>
    public static sbyte[] LabelsOf(ReadOnlySpan<ulong> w, PatternMatrix patterns)
    {
        var labels = new sbyte[patterns.Rows];
        for (int mu = 0; mu < labels.Length; mu++)
            labels[mu] = PackedSpins.Dot(w, patterns.Row(mu), patterns.N) > 0 ? (sbyte)1 : (sbyte)-1;
        return labels;
    }
}
