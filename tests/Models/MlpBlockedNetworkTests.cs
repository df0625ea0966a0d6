using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Models;

[TestClass]
public sealed class MlpBlockedNetworkTests
{
    /// <summary>The blocked forward pass (vector kernel where the host has it, and the scalar loop) gives every field, hidden
    /// activation word and class of the row-major pass, sample by sample: widths across the 8-row blocks and word boundaries,
    /// even fan-ins (ties), fan-ins over 31 words (two byte-count flushes), sample counts that do not fill the 4-sample groups,
    /// a shuffled row order, and garbage in the inputs' padding bits.</summary>
    [TestMethod]
    [DataRow(1, new[] { 3 }, 1, 5)] [DataRow(63, new[] { 64, 5 }, 4, 7)] [DataRow(65, new[] { 65, 9, 3 }, 3, 9)]
    [DataRow(130, new[] { 17 }, 10, 4)] [DataRow(2100, new[] { 8 }, 2, 3)] [DataRow(784, new[] { 501, 501 }, 10, 6)]
    public void BlockedForwardEqualsTheRowMajorPass(int n, int[] widths, int outputs, int count)
    {
        var shape = new MlpShape(n, widths, outputs);
        var rng = RngStream.For(9, StreamTag.Patterns, (ulong)(n * 31 + count));
        var inputs = PatternMatrix.Random(count + 3, n, rng.NextULong());
        if ((n & 63) != 0)
            for (int mu = 0; mu < inputs.Rows; mu++) inputs.MutableRow(mu)[^1] |= rng.NextULong() & ~PackedSpins.LastWordMask(n);
        var rows = Enumerable.Range(0, count).Select(s => (s * 5 + 2) % (count + 3)).ToArray();
        var net = MlpNetwork.Random(shape, rng.NextULong());
        var blocked = new MlpBlockedNetwork(shape);
        blocked.Load(net.Bits);
        int units = shape.UnitCount, words = blocked.ActivationWords;
        foreach (bool vectorized in new[] { true, false })
        {
            var fields = new int[count * units];
            var acts = Enumerable.Repeat(ulong.MaxValue, count * words).ToArray();
            var classes = new int[count];
            blocked.Forward(inputs, rows, fields, acts, classes, vectorized);
            for (int s = 0; s < count; s++)
            {
                var f = new int[units];
                var a = new ulong[words];
                int c = MlpForward.Forward(shape, net.Bits, inputs.Row(rows[s]), f, a);
                Assert.AreEqual(c, classes[s], $"class of sample {s}, vectorized = {vectorized}");
                CollectionAssert.AreEqual(f, fields[(s * units)..((s + 1) * units)], $"fields of sample {s}, vectorized = {vectorized}");
                CollectionAssert.AreEqual(a, acts[(s * words)..((s + 1) * words)], $"activations of sample {s}, vectorized = {vectorized}");
            }
        }
    }

    /// <summary>The predictor's classes (chunks of rows dealt to the workers) equal the row-major pass row by row, at 1 and 3
    /// threads, for more rows than one chunk, and reusing the predictor for a second network and a smaller set.</summary>
    [TestMethod]
    public void PredictorEqualsTheRowMajorPassAtAnyThreadCount()
    {
        var shape = new MlpShape(100, [19, 7], 3);
        var inputs = PatternMatrix.Random(2 * MlpPredictor.Chunk + 37, shape.Inputs, 12);
        foreach (int threads in new[] { 1, 3 })
        {
            var predictor = new MlpPredictor(shape, threads);
            foreach (ulong key in new ulong[] { 4, 5 })
            {
                var net = MlpNetwork.Random(shape, key);
                int rows = key == 4 ? inputs.Rows : 50;
                var set = key == 4 ? inputs : PatternMatrix.Random(rows, shape.Inputs, 13);
                var classes = Enumerable.Repeat((byte)99, rows).ToArray();
                predictor.Predict(net.Bits, set, classes);
                var fields = new int[shape.UnitCount];
                var acts = new ulong[MlpForward.ActivationWords(shape)];
                for (int mu = 0; mu < rows; mu++)
                    Assert.AreEqual(MlpForward.Forward(shape, net.Bits, set.Row(mu), fields, acts), classes[mu], $"row {mu}, threads {threads}, net {key}");
                Assert.IsGreaterThan(1, classes.Distinct().Count(), "more than one class predicted");
            }
        }
    }
}
