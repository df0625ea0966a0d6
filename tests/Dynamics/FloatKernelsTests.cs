using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class FloatKernelsTests
{
    /// <summary>The vector axpy gives the scalar oracle's bits (one multiply and one add per element on every path).</summary>
    [TestMethod]
    [DataRow(1)] [DataRow(7)] [DataRow(8)] [DataRow(15)] [DataRow(16)] [DataRow(17)] [DataRow(63)] [DataRow(501)] [DataRow(784)]
    public void AxpyMatchesTheScalarOracleBitForBit(int n)
    {
        var rng = RngStream.For(1, StreamTag.Rule, (ulong)n);
        var x = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Range(0, n + 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var expected = (float[])y.Clone();
        FloatKernels.AxpyScalar(0.37f, x, expected);
        FloatKernels.Axpy(0.37f, x, y);
        CollectionAssert.AreEqual(expected, y);
    }

    [TestMethod]
    [DataRow(1)] [DataRow(8)] [DataRow(63)] [DataRow(64)] [DataRow(65)] [DataRow(501)]
    public void ExpandSignsReadsEveryBit(int n)
    {
        var rng = RngStream.For(2, StreamTag.Rule, (ulong)n);
        var bits = Enumerable.Range(0, (n + 63) / 64).Select(_ => rng.NextULong()).ToArray();
        var dst = new float[n];
        FloatKernels.ExpandSigns(bits, dst);
        for (int i = 0; i < n; i++) Assert.AreEqual(((bits[i >> 6] >> (i & 63)) & 1) != 0 ? 1f : -1f, dst[i], $"bit {i}");
    }
}
