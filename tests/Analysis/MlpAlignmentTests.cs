using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Analysis;

[TestClass]
public sealed class MlpAlignmentTests
{
    /// <summary>Relabelling hidden units (rows and the next layer's columns together) keeps the function; the alignment undoes
    /// it: aligned overlaps 1 in every layer, while the raw hidden-layer overlaps are far from 1.</summary>
    [TestMethod]
    public void AlignmentUndoesAHiddenUnitRelabelling()
    {
        var shape = new MlpShape(70, [9, 6], 3);
        var net = MlpNetwork.Random(shape, 12);
        var rng = RngStream.For(1, StreamTag.Rule);
        var other = net;
        for (int l = 0; l < 2; l++)
        {
            var pi = Enumerable.Range(0, shape.Width(l)).ToArray();
            rng.Shuffle(pi);
            other = MlpAlignment.Relabel(other, l, pi);
        }
        var inputs = PatternMatrix.Random(200, 70, 3);
        CollectionAssert.AreEqual(MlpForward.PredictAll(shape, net.Bits, inputs), MlpForward.PredictAll(shape, other.Bits, inputs), "a relabelling keeps the function");
        var raw = MlpAlignment.LayerOverlaps(net, other);
        Assert.IsLessThan(0.9, raw[0], "the relabelled first layer differs as labelled");
        var aligned = MlpAlignment.LayerOverlaps(net, MlpAlignment.Align(net, other));
        foreach (double q in aligned) Assert.AreEqual(1.0, q);
    }
}
