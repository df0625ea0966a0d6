using MathNet.Numerics.Distributions;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Models;

[TestClass]
public sealed class RngStreamTests
{
    [TestMethod]
    public void NextIntIsUniformByChiSquare()
    {
        var rng = RngStream.For(1, StreamTag.Rule);
        const int k = 7, draws = 70_000;
        var counts = new int[k];
        for (int i = 0; i < draws; i++) counts[rng.NextInt(k)]++;
        double expected = (double)draws / k;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.IsTrue(ChiSquared.CDF(k - 1, chi2) < 0.999, $"chi² = {chi2}");
    }

    [TestMethod]
    public void ShuffleIsAPermutationAndStreamsAreDistinct()
    {
        var a = RngStream.For(5, StreamTag.PatternOrder);
        var b = RngStream.For(5, StreamTag.PatternOrder);
        var c = RngStream.For(5, StreamTag.PatternOrder, 1);
        var x = Enumerable.Range(0, 100).ToArray();
        var y = Enumerable.Range(0, 100).ToArray();
        a.Shuffle(x);
        b.Shuffle(y);
        CollectionAssert.AreEqual(x, y, "same key, same stream");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 100).ToArray(), x);
        Assert.AreNotEqual(a.NextULong(), c.NextULong());
    }

    [TestMethod]
    public void NextDoubleHasMeanOneHalf()
    {
        var rng = RngStream.For(9, StreamTag.Rule);
        double s = 0;
        const int n = 100_000;
        for (int i = 0; i < n; i++) s += rng.NextDouble();
        Assert.AreEqual(0.5, s / n, 5 * Math.Sqrt(1.0 / 12 / n));
    }
}
