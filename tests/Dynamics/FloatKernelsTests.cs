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

    /// <summary>The register-blocked row combination gives the scalar oracle's bits, zero coefficients skipped, at lengths across
    /// the 64- and 32-float blocks.</summary>
    [TestMethod]
    [DataRow(1, 3)] [DataRow(31, 5)] [DataRow(32, 1)] [DataRow(64, 7)] [DataRow(97, 4)] [DataRow(784, 20)] [DataRow(501, 2)]
    public void CombineRowsMatchesTheScalarOracleBitForBit(int n, int count)
    {
        var rng = RngStream.For(4, StreamTag.Rule, (ulong)(n * 100 + count));
        var rows = Enumerable.Range(0, n * count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var coefficients = Enumerable.Range(0, 3 * count).Select(t => t % 3 == 0 && rng.NextDouble() < 0.7 ? (float)rng.NextDouble() : 0f).ToArray();
        var expected = new float[n];
        var actual = Enumerable.Repeat(float.NaN, n).ToArray();
        FloatKernels.CombineRowsScalar(coefficients, 3, count, rows, n, expected);
        FloatKernels.CombineRows(coefficients, 3, count, rows, n, actual);
        CollectionAssert.AreEqual(expected, actual);
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
