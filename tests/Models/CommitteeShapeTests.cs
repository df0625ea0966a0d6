using MCoverPhysics.Models.Combinatorics;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Models;

[TestClass]
public sealed class CommitteeShapeTests
{
    /// <summary>The K packed fields equal the naive sums Σ_i w_{k,i} ξ_i over the unit's receptive field, at word edges too.</summary>
    [TestMethod]
    [DataRow(3, 1, Architecture.Tree)] [DataRow(3, 63, Architecture.Tree)] [DataRow(3, 65, Architecture.Tree)] [DataRow(5, 1001, Architecture.Tree)]
    [DataRow(1, 129, Architecture.Tree)] [DataRow(3, 63, Architecture.Full)] [DataRow(5, 65, Architecture.Full)] [DataRow(3, 1001, Architecture.Full)]
    public void FieldsAndOutputMatchTheNaiveCommittee(int hidden, int unitInputs, Architecture arch)
    {
        int n = arch == Architecture.Tree ? hidden * unitInputs : unitInputs;
        var shape = new CommitteeShape(n, hidden, arch).Validated();
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, shape, 40, 30, 11);
        // The naive committee: the whole pattern as a ±1 array, unit k reading inputs kN/K … (k+1)N/K − 1 (tree) or all (full).
        var rng = RngStream.For(5, StreamTag.InitialState);
        var w = Enumerable.Range(0, hidden).Select(_ => Enumerable.Range(0, shape.UnitInputs).Select(_ => rng.Bernoulli(0.5) ? (sbyte)1 : (sbyte)-1).ToArray()).ToArray();
        var packed = new ulong[hidden * shape.UnitWords];
        for (int k = 0; k < hidden; k++) PackedSpins.Pack(w[k]).CopyTo(packed, k * shape.UnitWords);
        var fields = new int[hidden];
        for (int mu = 0; mu < 40; mu++)
        {
            var xi = arch == Architecture.Tree
                ? Enumerable.Range(0, hidden).SelectMany(k => PackedSpins.Unpack(data.Inputs.Row(mu * hidden + k), unitInputs)).ToArray()
                : PackedSpins.Unpack(data.Inputs.Row(mu), n);
            int votes = 0, teacherVotes = 0;
            shape.Fields(packed, 0, shape.UnitWords, data.Inputs, mu, fields);
            for (int k = 0; k < hidden; k++)
            {
                int offset = arch == Architecture.Tree ? k * unitInputs : 0, h = 0, t = 0;
                for (int i = 0; i < shape.UnitInputs; i++)
                {
                    h += w[k][i] * xi[offset + i];
                    t += PackedSpins.Get(data.TeacherUnit(k), i) * xi[offset + i];
                }
                Assert.AreEqual(h, fields[k], $"μ = {mu}, k = {k}");
                votes += Math.Sign(h);
                teacherVotes += Math.Sign(t);
            }
            Assert.AreEqual(Math.Sign(votes), shape.Output(packed, data.Inputs, mu));
            Assert.AreEqual(Math.Sign(teacherVotes), data.Labels[mu], "teacher label = majority of the teacher's hidden signs");
        }
    }

    /// <summary>K = 1 is the perceptron: the same patterns, teacher and labels as <see cref="Dataset.Create"/>.</summary>
    [TestMethod]
    [DataRow(LearningTask.TeacherStudent)] [DataRow(LearningTask.Storage)]
    public void OneHiddenUnitGivesThePerceptronData(LearningTask task)
    {
        var perceptron = Dataset.Create(task, 201, 77, 50, 4);
        var committee = CommitteeDataset.Create(task, new CommitteeShape(201, 1, Architecture.Tree), 77, 50, 4);
        CollectionAssert.AreEqual(perceptron.Labels, committee.Labels);
        for (int mu = 0; mu < 77; mu++) CollectionAssert.AreEqual(perceptron.Patterns.Row(mu).ToArray(), committee.Inputs.Row(mu).ToArray());
        if (task == LearningTask.TeacherStudent)
        {
            CollectionAssert.AreEqual(perceptron.Teacher, committee.Teacher);
            CollectionAssert.AreEqual(perceptron.TestLabels, committee.TestLabels);
        }
    }

    [TestMethod]
    [DataRow(999, 2, Architecture.Tree, "odd")] [DataRow(1001, 3, Architecture.Tree, "multiple of K = 3")]
    [DataRow(30, 3, Architecture.Tree, "N/K odd")] [DataRow(100, 3, Architecture.Full, "must be odd")]
    public void InconsistentShapesAreRejectedWithTheReason(int n, int hidden, Architecture arch, string reason)
    {
        Assert.Contains(reason, CommitteeShape.Problem(n, hidden, arch)!);
        Assert.ThrowsExactly<ArgumentException>(() => new CommitteeShape(n, hidden, arch).Validated());
        Assert.IsNull(CommitteeShape.Problem(999, 3, Architecture.Tree));
        Assert.IsNull(CommitteeShape.Problem(1001, 3, Architecture.Full));
    }

    /// <summary>The Hungarian solver finds the maximum-weight permutation found by enumerating all 5! permutations.</summary>
    [TestMethod]
    public void HungarianAssignmentIsTheBruteForceOptimum()
    {
        var rng = RngStream.For(3, StreamTag.Rule);
        for (int trial = 0; trial < 50; trial++)
        {
            var w = new double[5, 5];
            for (int i = 0; i < 5; i++)
                for (int j = 0; j < 5; j++) w[i, j] = rng.NextDouble();
            double Score(IReadOnlyList<int> p) => Enumerable.Range(0, 5).Sum(i => w[i, p[i]]);
            double best = Permutations([0, 1, 2, 3, 4]).Max(Score);
            var pi = Assignment.MaximumWeight(w);
            CollectionAssert.AreEquivalent(new[] { 0, 1, 2, 3, 4 }, pi);
            Assert.AreEqual(best, Score(pi), 1e-12);
        }
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, j) => j != i).ToArray())) yield return [items[i], .. rest];
    }
}
