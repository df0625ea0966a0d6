using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// Training and test inputs of an MLP, packed ±1 rows, with class labels 0 … C−1 (two classes: class 1 ⇔ σ = +1), and the
/// teacher network where one generated the labels.
/// </summary>
public sealed class MlpDataset
{
    /// <summary>A data set from packed inputs and class labels; throws <see cref="ArgumentException"/> on inconsistent sizes or labels.</summary>
    public MlpDataset(string name, int classes, PatternMatrix inputs, byte[] labels, PatternMatrix testInputs, byte[] testLabels, MlpNetwork? teacher = null)
    {
        if (classes < 2) throw new ArgumentException($"{classes} classes: need ≥ 2");
        if (inputs.Rows < 1) throw new ArgumentException("at least one training sample is needed");
        if (labels.Length != inputs.Rows) throw new ArgumentException($"{labels.Length} labels for {inputs.Rows} training samples");
        if (testLabels.Length != testInputs.Rows) throw new ArgumentException($"{testLabels.Length} test labels for {testInputs.Rows} test samples");
        if (testInputs.Rows > 0 && testInputs.N != inputs.N) throw new ArgumentException($"test inputs have width {testInputs.N}, training inputs {inputs.N}");
        if (labels.Concat(testLabels).Any(c => c >= classes)) throw new ArgumentException($"a label is outside 0 … {classes - 1}");
        (Name, Classes, Inputs, Labels, TestInputs, TestLabels, Teacher) = (name, classes, inputs, labels, testInputs, testLabels, teacher);
    }

    /// <summary>What the data are (teacher, storage, fashion-mnist, user).</summary>
    public string Name { get; }
    /// <summary>Number of classes C (2 for a binary task).</summary>
    public int Classes { get; }
    /// <summary>Input width N.</summary>
    public int N => Inputs.N;
    /// <summary>Training samples P.</summary>
    public int P => Inputs.Rows;
    /// <summary>Training inputs, packed ±1.</summary>
    public PatternMatrix Inputs { get; }
    /// <summary>Training labels (class indices).</summary>
    public byte[] Labels { get; }
    /// <summary>Test inputs (may be empty).</summary>
    public PatternMatrix TestInputs { get; }
    /// <summary>Test labels.</summary>
    public byte[] TestLabels { get; }
    /// <summary>The teacher network (teacher–student), else null.</summary>
    public MlpNetwork? Teacher { get; }

    /// <summary>Output units a student needs: 1 (sign) for two classes, else C.</summary>
    public int Outputs => Classes == 2 ? 1 : Classes;

    /// <summary>
    /// Teacher–student: a random binary teacher of shape <paramref name="teacher"/> (one sign output) labels P uniform ±1
    /// inputs and a fresh test set. Streams: Teacher, Patterns, TestPatterns of <paramref name="seed"/>; at most
    /// <paramref name="threads"/> threads fill the patterns (0: the runtime's choice; the data do not depend on it).
    /// </summary>
    public static MlpDataset TeacherStudent(MlpShape teacher, int p, int testPatterns, ulong seed, int threads = 0)
    {
        var net = MlpNetwork.Random(teacher, RngStream.Key(seed, StreamTag.Teacher));
        var inputs = PatternMatrix.Random(p, teacher.Inputs, RngStream.Key(seed, StreamTag.Patterns), threads);
        var test = PatternMatrix.Random(testPatterns, teacher.Inputs, RngStream.Key(seed, StreamTag.TestPatterns), threads);
        return new MlpDataset("teacher", teacher.Classes, inputs, MlpForward.PredictAll(teacher, net.Bits, inputs),
            test, MlpForward.PredictAll(teacher, net.Bits, test), net);
    }

    /// <summary>Storage: P uniform ±1 inputs with uniform random binary labels (no test set); at most <paramref name="threads"/> threads fill them.</summary>
    public static MlpDataset Storage(int n, int p, ulong seed, int threads = 0)
    {
        var inputs = PatternMatrix.Random(p, n, RngStream.Key(seed, StreamTag.Patterns), threads);
        ulong key = RngStream.Key(seed, StreamTag.Labels);
        var labels = new byte[p];
        for (int mu = 0; mu < p; mu++) labels[mu] = (byte)(RngStream.Hash(key, (ulong)mu) & 1);
        return new MlpDataset("storage", 2, inputs, labels, new PatternMatrix(0, n), []);
    }
}
