using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Models;

[TestClass]
public sealed class MlpForwardTests
{
    private static sbyte[] RandomSpins(int n, ref RngStream rng)
    {
        var s = new sbyte[n];
        for (int i = 0; i < n; i++) s[i] = (rng.NextULong() & 1) != 0 ? (sbyte)1 : (sbyte)-1;
        return s;
    }

    /// <summary>Every field and class of the packed forward pass equals integer loops on ±1 arrays, with even fan-ins (ties
    /// sign(0) = +1), widths across word boundaries and garbage in the input's padding.</summary>
    [TestMethod]
    [DataRow(1, new[] { 3 }, 1)] [DataRow(63, new[] { 64, 5 }, 4)] [DataRow(64, new[] { 2 }, 1)] [DataRow(65, new[] { 65, 2, 3 }, 3)]
    [DataRow(201, new[] { 7, 3 }, 1)] [DataRow(784, new[] { 128, 64 }, 10)]
    public void PackedForwardPassMatchesIntegerLoops(int n, int[] widths, int outputs)
    {
        var shape = new MlpShape(n, widths, outputs);
        var rng = RngStream.For(3, StreamTag.Patterns, (ulong)n);
        for (int trial = 0; trial < 20; trial++)
        {
            var net = MlpNetwork.Random(shape, rng.NextULong());
            var x = RandomSpins(n, ref rng);
            var packed = PackedSpins.Pack(x);
            if ((n & 63) != 0) packed[^1] |= rng.NextULong() & ~PackedSpins.LastWordMask(n);
            var fields = new int[shape.UnitCount];
            var acts = new ulong[Math.Max(1, MlpForward.ActivationWords(shape))];
            int expected = MlpForward.PredictNaive(shape, net.ToSpins(), x);
            Assert.AreEqual(expected, MlpForward.Forward(shape, net.Bits, packed, fields, acts), $"trial {trial}");
        }
    }

    /// <summary>No hidden layer and one sign output is the perceptron: the same outputs as sign(w·ξ) of the perceptron's data.</summary>
    [TestMethod]
    public void TheShapeWithoutHiddenLayersIsThePerceptron()
    {
        const int n = 101;
        var data = Dataset.Create(LearningTask.TeacherStudent, n, 300, 0, 5);
        var shape = new MlpShape(n, [], 1);
        var net = new MlpNetwork(shape);
        data.Teacher!.CopyTo(net.Row(0, 0));
        var predicted = MlpForward.PredictAll(shape, net.Bits, data.Patterns);
        for (int mu = 0; mu < data.P; mu++) Assert.AreEqual(data.Labels[mu] > 0 ? 1 : 0, predicted[mu], $"pattern {mu}");
    }

    /// <summary>One hidden layer of K units and an all-(+1) output unit is the fully connected committee machine (majority vote).</summary>
    [TestMethod]
    [DataRow(3)] [DataRow(5)]
    public void OneHiddenLayerWithUnitOutputWeightsIsTheCommittee(int k)
    {
        const int n = 65;
        var committee = new CommitteeShape(n, k, Architecture.Full);
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, committee, 200, 0, 9);
        var shape = new MlpShape(n, [k], 1);
        var net = MlpNetwork.Random(shape, 17);
        for (int j = 0; j < k; j++) net.Set(1, 0, j, 1);
        var units = new ulong[k * committee.UnitWords];
        for (int j = 0; j < k; j++) net.Row(0, j).CopyTo(units.AsSpan(j * committee.UnitWords));
        for (int mu = 0; mu < data.P; mu++)
        {
            var fields = new int[shape.UnitCount];
            var acts = new ulong[1];
            int expected = committee.Output(units, data.Inputs, mu) > 0 ? 1 : 0;
            Assert.AreEqual(expected, MlpForward.Forward(shape, net.Bits, data.Inputs.Row(mu), fields, acts), $"pattern {mu}");
        }
    }
}
