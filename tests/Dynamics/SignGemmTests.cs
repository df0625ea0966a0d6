using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class SignGemmTests
{
    /// <summary>The register-blocked product gives the bits of the scalar row combination (the oracle that skips zero
    /// coefficients) for ±1 rows, zero and non-zero coefficients, both coefficient layouts (gradient: row stride 1; back-propagated
    /// error: column stride 1), row counts around the 4-row tile and widths around the 64- and 16-float blocks.</summary>
    [TestMethod]
    [DataRow(1, 1, 6)] [DataRow(3, 17, 5)] [DataRow(4, 64, 7)] [DataRow(5, 80, 3)] [DataRow(9, 501, 20)] [DataRow(6, 130, 501)] [DataRow(8, 784, 13)] [DataRow(4, 15, 2)]
    public void ProductMatchesTheScalarOracleBitForBit(int rows, int n, int count)
    {
        var rng = RngStream.For(6, StreamTag.Rule, (ulong)(rows * 10000 + n * 10 + count));
        var b = Enumerable.Range(0, n * count).Select(_ => (rng.NextULong() & 1) != 0 ? 1f : -1f).ToArray();
        foreach (bool transposed in new[] { false, true })
        {
            int stride = 3 * Math.Max(rows, count);
            var a = Enumerable.Range(0, stride * stride).Select(_ => rng.NextDouble() < 0.4 ? 0f : (float)(rng.NextDouble() * 2 - 1) * 1e-2f).ToArray();
            (int aRow, int aCol) = transposed ? (stride, 1) : (1, stride);
            int dstStride = n + 5;
            var expected = Enumerable.Repeat(-7f, rows * dstStride).ToArray();
            var actual = (float[])expected.Clone();
            SignGemm.MultiplyScalar(a, aRow, aCol, rows, count, b, n, expected, dstStride);
            SignGemm.Multiply(a, aRow, aCol, rows, count, b, n, actual, dstStride);
            CollectionAssert.AreEqual(expected, actual, $"transposed = {transposed}");
            Assert.IsTrue(expected.Any(v => v != 0f && v != -7f), "some output is non-zero");
        }
    }
}
