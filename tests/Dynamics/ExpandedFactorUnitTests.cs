using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>
/// The per-factor (not per-edge) work of the expanded factor's lane paths equals the scalar code's bits: the pair of normal
/// CDFs from one MathNet call, the eight-lane unit slopes, and the ±1 inputs expanded from packed bits.
/// </summary>
[TestClass]
public sealed class ExpandedFactorUnitTests
{
    /// <summary>
    /// <see cref="NormalFunctions.CdfPair"/> is (Φ(x), Φ(−x)) of <see cref="NormalFunctions.Cdf"/> bit for bit: on a fine grid
    /// across every branch of MathNet's erfc (|x|/√2 about ½, ¾, 1.25, 2.25, 3.5, 5.25, 8, 11.5, 17, 24, 38, 60, 85, 110),
    /// at the branch points themselves and their neighbouring doubles, at random points over twelve decades, and at 0, −0, ±∞.
    /// </summary>
    [TestMethod]
    public void CdfPairEqualsTwoCdfCalls()
    {
        var xs = new List<double> { 0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1e-300, 1e-10 * Math.Sqrt(2) };
        for (int j = -200000; j <= 200000; j++) xs.Add(j * 1e-3);
        foreach (double b in new[] { 1e-10, 0.5, 0.75, 1.25, 2.25, 3.5, 5.25, 8, 11.5, 17, 24, 38, 60, 85, 110 })
        {
            double x = b * Math.Sqrt(2);
            for (double y = x, i = 0; i < 4; i++, y = Math.BitIncrement(y)) xs.Add(y);
            for (double y = x, i = 0; i < 4; i++, y = Math.BitDecrement(y)) xs.Add(y);
            xs.Add(-b * Math.Sqrt(2));
        }
        var rng = new RngStream(61);
        for (int j = 0; j < 100000; j++) xs.Add((rng.NextDouble() - 0.5) * Math.Pow(10, 12 * rng.NextDouble() - 9));
        foreach (double x in xs.Concat(xs.Select(x => -x)))
        {
            var (plus, minus) = NormalFunctions.CdfPair(x);
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(NormalFunctions.Cdf(x)), BitConverter.DoubleToInt64Bits(plus), $"Φ({x:R})");
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(NormalFunctions.Cdf(-x)), BitConverter.DoubleToInt64Bits(minus), $"Φ(−{x:R})");
        }
    }

    /// <summary>The eight-lane slopes equal <see cref="ExpandedFactor.Slopes(double, double, double, double)"/> bit for bit:
    /// soft and polarised units, one output message much smaller than the other, P₊ = P₋ (zero slopes), both signs of ω.</summary>
    [TestMethod]
    public void LaneSlopesEqualTheScalarSlopes()
    {
        if (!Vector512.IsHardwareAccelerated) Assert.Inconclusive("Vector512 is not hardware accelerated on this host.");
        var rng = new RngStream(62);
        var (lp, lm, w, v) = (new double[8], new double[8], new double[8], new double[8]);
        for (int round = 0; round < 20000; round++)
        {
            for (int j = 0; j < 8; j++)
            {
                double spread = Math.Pow(10, 4 * rng.NextDouble() - 3);
                lp[j] = -spread * rng.NextDouble();
                lm[j] = (round + j) % 5 == 0 ? lp[j] : -spread * rng.NextDouble();
                v[j] = Math.Max(Math.Pow(10, 6 * rng.NextDouble() - 2), CommitteeFactor.MinVariance);
                w[j] = (rng.NextDouble() - 0.5) * Math.Sqrt(v[j]) * Math.Pow(10, 2 * rng.NextDouble());
            }
            var (g, g2) = ExpandedFactor.Slopes(Vector512.Create(lp), Vector512.Create(lm), Vector512.Create(w), Vector512.Create(v));
            for (int j = 0; j < 8; j++)
            {
                var (sg, sg2) = ExpandedFactor.Slopes(lp[j], lm[j], w[j], v[j]);
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(sg), BitConverter.DoubleToInt64Bits(g[j]), $"g({lp[j]:R}, {lm[j]:R}, {w[j]:R}, {v[j]:R})");
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(sg2), BitConverter.DoubleToInt64Bits(g2[j]), $"g′({lp[j]:R}, {lm[j]:R}, {w[j]:R}, {v[j]:R})");
            }
        }
    }

    /// <summary>The lane expansion of packed rows writes the same ±1 floats as the table (<see cref="ExpandedFactor.Expand"/>).</summary>
    [TestMethod]
    public void LaneExpansionEqualsTheTable()
    {
        var rng = new RngStream(63);
        foreach (int words in new[] { 1, 2, 6, 16 })
        {
            var row = new ulong[words];
            for (int j = 0; j < words; j++) row[j] = rng.NextULong();
            row[0] = words == 2 ? ulong.MaxValue : row[0];
            var (table, lanes) = (new float[64 * words], new float[64 * words]);
            ExpandedFactor.Expand(row, table);
            ExpandedFactor.ExpandFast(row, lanes);
            CollectionAssert.AreEqual(table, lanes, $"{words} words");
            for (int i = 0; i < 64 * words; i++) Assert.AreEqual(((row[i / 64] >> (i % 64)) & 1) != 0 ? 1f : -1f, lanes[i], $"bit {i}");
        }
    }

    /// <summary>
    /// The fused identity-lift step (<see cref="ExpandedFactor.MessagesDelivered"/>) leaves the same fields, messages and
    /// largest change, bit for bit, as the scalar oracle followed by the scalar delivery: unit sizes with and without a tail,
    /// soft and polarised units (exact messages), both labels, both wirings (inconclusive without Vector512).
    /// </summary>
    [TestMethod]
    [DataRow(1, 16)]
    [DataRow(3, 17)]
    [DataRow(3, 63)]
    [DataRow(3, 333)]
    [DataRow(5, 101)]
    public void FusedDeliveryEqualsTheOracleThenDelivery(int hidden, int n)
    {
        if (!Vector512.IsHardwareAccelerated) Assert.Inconclusive("Vector512 is not hardware accelerated on this host.");
        var (wasLanes, wasDelivery) = (ExpandedFactor.Lanes, MessageDelivery.UseLanes);
        var rng = new RngStream((ulong)(64 + n));
        int len = (n + 63) / 64 * 64;
        try
        {
            foreach (bool tree in new[] { true, false })
                foreach (double scale in new[] { 1.0, 30.0, 1000.0 })
                    foreach (int sigma in new[] { 1, -1 })
                    {
                        var xi = new float[hidden * len];
                        for (int j = 0; j < xi.Length; j++) xi[j] = rng.NextULong() >> 63 == 0 ? 1 : -1;
                        var field = Enumerable.Range(0, hidden * n).Select(_ => scale * (rng.NextDouble() - 0.5)).ToArray();
                        var old = Enumerable.Range(0, hidden * n).Select(_ => (float)(0.2 * (rng.NextDouble() - 0.5))).ToArray();
                        var (f0, o0, f1, o1) = ((double[])field.Clone(), (float[])old.Clone(), (double[])field.Clone(), (float[])old.Clone());
                        double Step(double[] f, float[] o, int lanes, bool delivery)
                        {
                            (ExpandedFactor.Lanes, MessageDelivery.UseLanes) = (lanes, delivery);
                            return ExpandedFactor.MessagesDelivered(hidden, n, f, o, xi, tree ? len : 0, sigma, 0.3, 20, new float[hidden * n],
                                new double[ExpandedFactor.UnitScratchLength(hidden)], new float[hidden * n]);
                        }
                        var (oracle, fused) = (Step(f0, o0, 0, false), Step(f1, o1, 512, true));
                        string at = $"K = {hidden}, n = {n}, tree {tree}, scale {scale}, σ = {sigma}";
                        Assert.AreEqual(BitConverter.DoubleToInt64Bits(oracle), BitConverter.DoubleToInt64Bits(fused), $"largest change, {at}");
                        for (int j = 0; j < field.Length; j++)
                        {
                            Assert.AreEqual(BitConverter.DoubleToInt64Bits(f0[j]), BitConverter.DoubleToInt64Bits(f1[j]), $"field {j}, {at}");
                            Assert.AreEqual(BitConverter.SingleToInt32Bits(o0[j]), BitConverter.SingleToInt32Bits(o1[j]), $"message {j}, {at}");
                        }
                    }
        }
        finally { (ExpandedFactor.Lanes, MessageDelivery.UseLanes) = (wasLanes, wasDelivery); }
    }
}
