using MathNet.Numerics.LinearAlgebra;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Tests.Models;

/// <summary>The allocation-free Jacobi eigen-decomposition against MathNet.Numerics' Evd (the oracle), and the majority
/// channel's Prepare without allocation.</summary>
[TestClass]
public sealed class JacobiEigenTests
{
    /// <summary>Random symmetric K×K (K = 1 … 7, seeded): the eigenvalues equal MathNet's to 10⁻¹², every column is a unit
    /// eigenvector (‖A v − λ v‖ ≤ 10⁻¹²) and the columns are orthonormal.</summary>
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(5)]
    [DataRow(7)]
    public void AgreesWithMathNet(int k)
    {
        var rng = new Random(11 + k);
        for (int trial = 0; trial < 20; trial++)
        {
            var a = new double[k * k];
            for (int i = 0; i < k; i++)
                for (int j = 0; j <= i; j++) a[i * k + j] = a[j * k + i] = 2 * rng.NextDouble() - 1;
            var m = Matrix<double>.Build.Dense(k, k, (i, j) => a[i * k + j]);
            var expected = m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order().ToArray();
            var work = (double[])a.Clone();
            var values = new double[k];
            var vectors = new double[k * k];
            JacobiEigen.Decompose(work, values, vectors);
            CollectionAssert.AreEqual(expected, values.Order().ToArray(), Comparer<double>.Create((x, y) => Math.Abs(x - y) <= 1e-12 ? 0 : x.CompareTo(y)));
            for (int c = 0; c < k; c++)
            {
                for (int i = 0; i < k; i++)
                {
                    double av = 0;
                    for (int j = 0; j < k; j++) av += a[i * k + j] * vectors[j * k + c];
                    Assert.AreEqual(values[c] * vectors[i * k + c], av, 1e-12, $"A v = λ v, K = {k}, column {c}");
                }
                for (int d = 0; d < k; d++)
                {
                    double dot = 0;
                    for (int i = 0; i < k; i++) dot += vectors[i * k + c] * vectors[i * k + d];
                    Assert.AreEqual(c == d ? 1.0 : 0.0, dot, 1e-12, "orthonormal columns");
                }
            }
        }
    }

    /// <summary>A diagonal matrix needs no rotation: its diagonal and the identity come back exactly.</summary>
    [TestMethod]
    public void DiagonalIsExact()
    {
        double[] a = [0.5, 0, 0, 0, 0.25, 0, 0, 0, 2];
        var values = new double[3];
        var vectors = new double[9];
        JacobiEigen.Decompose(a, values, vectors);
        CollectionAssert.AreEqual(new[] { 0.5, 0.25, 2 }, values);
        CollectionAssert.AreEqual(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, vectors);
    }

    /// <summary>The channel's Prepare runs every committee AMP iteration: after the first call it allocates nothing.</summary>
    [TestMethod]
    public void ChannelPrepareDoesNotAllocate()
    {
        var ch = new MajorityChannel(5, 6);
        var v = new double[25];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++) v[i * 5 + j] = i == j ? 0.9 : -0.1 + 0.01 * (i + j);
        Assert.IsTrue(ch.Prepare(v, 1e-12));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 100; t++) ch.Prepare(v, 1e-12);
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
