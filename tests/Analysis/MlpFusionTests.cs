using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Analysis;

[TestClass]
public sealed class MlpFusionTests
{
    /// <summary>Copies that are hidden-unit relabellings of one network fuse back into that network (alignment first).</summary>
    [TestMethod]
    public void RelabelledCopiesFuseIntoTheOriginal()
    {
        var shape = new MlpShape(50, [7, 5], 3);
        var net = MlpNetwork.Random(shape, 31);
        var rng = RngStream.For(2, StreamTag.Rule);
        var copies = new List<MlpNetwork> { net };
        for (int c = 0; c < 2; c++)
        {
            var other = net;
            for (int l = 0; l < 2; l++)
            {
                var pi = Enumerable.Range(0, shape.Width(l)).ToArray();
                rng.Shuffle(pi);
                other = MlpAlignment.Relabel(other, l, pi);
            }
            copies.Add(other);
        }
        CollectionAssert.AreEqual(net.Bits, MlpFusion.Fuse(copies, null).Bits);
    }

    /// <summary>Weight-scope alignment: a copy whose latent weights are 1000 times larger does not outvote the other; after
    /// normalising each layer's mean and spread both count alike, so the fused signs agree with each copy on about 3/4 of the
    /// weights (two independent random copies; without the alignment the large copy would win on all of them).</summary>
    [TestMethod]
    public void LatentWeightsAreBroughtToACommonScopeBeforeAveraging()
    {
        var shape = new MlpShape(200, [8], 1);
        var a = MlpNetwork.Random(shape, 1);
        var c = MlpNetwork.Random(shape, 2);
        var rng = RngStream.For(5, StreamTag.Rule);
        float[] Latent(MlpNetwork n, float scale) => n.ToSpins().Select(s => s * scale * (float)rng.NextDouble()).ToArray();
        var fused = MlpFusion.Fuse([a, c], [Latent(a, 1f), Latent(c, 1000f)]);
        var aligned = MlpAlignment.Align(a, c);
        double withA = 0, withC = 0;
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 200; i++)
            {
                withA += fused.Get(0, j, i) == a.Get(0, j, i) ? 1 : 0;
                withC += fused.Get(0, j, i) == aligned.Get(0, j, i) ? 1 : 0;
            }
        withA /= 1600;
        withC /= 1600;
        Assert.IsTrue(withA is > 0.68 and < 0.82, $"agreement with the small copy {withA}");
        Assert.IsTrue(withC is > 0.68 and < 0.82, $"agreement with the large copy {withC}");
    }
}
