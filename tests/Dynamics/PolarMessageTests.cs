using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>
/// The exact message of a polarised unit under the expansion (V_k &lt; <see cref="ExpandedFactor.MinExpandVariance"/>):
/// float32 element functions against their lane twins and the runtime, the float message against the double one, and the
/// double fallback of edges whose mixture underflows, on every lane width.
/// </summary>
[TestClass]
public sealed class PolarMessageTests
{
    /// <summary>
    /// The float Gaussian tail and logarithm: the Vector512 and Vector256 lanes equal the scalar twin bit for bit (zeros,
    /// tiny, clamped and huge arguments included); the tail is Φ(−|z|) (MathNet) within 2·10⁻⁷·(2 + z²) relative for
    /// |z| ≤ 12 (the fit's 1.2·10⁻⁷ and the float rounding of z²/2 in the exponent), the log within 2.5·10⁻⁷ of ln x relative
    /// from 10⁻³⁰ to 10³⁰.
    /// </summary>
    [TestMethod]
    public void FloatTailAndLogMatchTheirTwinsAndTheRuntime()
    {
        var rng = new RngStream(71);
        var zs = new List<float> { 0, -0f, 1e-30f, 1e-7f, 0.5f, 1, 3, 9, 12, 12.5f, 13, 14, 20, 1e6f, float.MaxValue };
        for (int j = 0; j < 20000; j++) zs.Add((float)((rng.NextDouble() - 0.5) * 30));
        zs.AddRange(zs.Select(z => -z).ToList());
        var xs = new List<float> { 1, 1e-30f, 1e30f, 0.5f, 2, MathF.BitIncrement(1), MathF.BitDecrement(1), 0.70710677f, 0.70710683f, 1.4142135f };
        for (int j = 0; j < 20000; j++) xs.Add((float)Math.Pow(10, 60 * rng.NextDouble() - 30));
        for (int j = 0; j < 4000; j++) xs.Add((float)(1 + (rng.NextDouble() - 0.5) * 1e-3));
        foreach (float z in zs.Where(z => Math.Abs(z) <= 12))
        {
            double want = NormalFunctions.Cdf(-Math.Abs((double)z));
            Assert.AreEqual(want, ExpandedFactor.Tail(z), 2e-7 * (2 + (double)z * z) * want, $"Φ(−|{z:R}|)");
        }
        foreach (float x in xs)
            Assert.AreEqual(Math.Log(x), ExpandedFactor.Log(x), 2.5e-7 * Math.Abs(Math.Log(x)) + 1e-30, $"ln {x:R}");
        if (!Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated)
            Assert.Inconclusive("Vector512/Vector256 are not hardware accelerated on this host: the accuracy passed, the lane twins were not compared.");
        Check(zs, ExpandedFactor.Tail, ExpandedFactor.Tail, ExpandedFactor.Tail, "tail");
        Check(xs, ExpandedFactor.Log, ExpandedFactor.Log, ExpandedFactor.Log, "log");
    }

    private static void Check(List<float> values, Func<float, float> scalar, Func<Vector512<float>, Vector512<float>> wide,
        Func<Vector256<float>, Vector256<float>> narrow, string what)
    {
        var v = values.ToList();
        while (v.Count % 16 != 0) v.Add(0.25f);
        var a = v.ToArray();
        for (int j = 0; j < a.Length; j += 16)
        {
            var (w, lo, hi) = (wide(Vector512.Create(a.AsSpan(j, 16))), narrow(Vector256.Create(a.AsSpan(j, 8))), narrow(Vector256.Create(a.AsSpan(j + 8, 8))));
            for (int i = 0; i < 16; i++)
            {
                int want = BitConverter.SingleToInt32Bits(scalar(a[j + i]));
                Assert.AreEqual(want, BitConverter.SingleToInt32Bits(w[i]), $"{what}₅₁₂({a[j + i]:R})");
                Assert.AreEqual(want, BitConverter.SingleToInt32Bits(i < 8 ? lo[i] : hi[i - 8]), $"{what}₂₅₆({a[j + i]:R})");
            }
        }
    }

    /// <summary>
    /// The float message ½ ln(a₊/a₋) of <see cref="ExpandedFactor.PolarEdge"/> equals the double message ½[LogMix(z₊) −
    /// LogMix(z₋)] of the committee factor within 3·10⁻⁶·(1 + z₊² + z₋²) absolute, over polarised units (V from 0.01 to 25),
    /// fields ω up to 5√V, output messages from equal to 10⁻²⁰ apart, every cavity mean, wherever both mixtures are above
    /// <see cref="ExpandedFactor.PolarFloor"/> (elsewhere the double message is taken: tested below).
    /// </summary>
    [TestMethod]
    public void FloatPolarMessageMatchesTheDoubleMessage()
    {
        var rng = new RngStream(72);
        int taken = 0;
        for (int round = 0; round < 200000; round++)
        {
            double v = Math.Pow(10, 3.4 * rng.NextDouble() - 2);
            double w = (float)((rng.NextDouble() - 0.5) * 10 * Math.Sqrt(v));
            v = (float)v;
            double lp = -Math.Pow(10, 3 * rng.NextDouble() - 1) * rng.NextDouble(), lm = round % 7 == 0 ? lp : -Math.Pow(10, 3 * rng.NextDouble() - 1) * rng.NextDouble();
            lm = round % 11 == 0 ? lp - 46 : lm;
            double top = Math.Max(lp, lm);
            double qp = CommitteeFactor.Exp(lp - top), qm = CommitteeFactor.Exp(lm - top);
            float c = (float)Math.Tanh(8 * (rng.NextDouble() - 0.5)), x = rng.NextDouble() < 0.5 ? 1 : -1;
            var (a, b) = ExpandedFactor.PolarEdge(c, x, (float)v, (float)w, (float)qp, (float)qm, (float)CommitteeFactor.MinVariance);
            if (!(a >= ExpandedFactor.PolarFloor && b >= ExpandedFactor.PolarFloor)) continue;
            taken++;
            double inv = 1 / Math.Sqrt(Math.Max(v - (1 - (double)c * c), CommitteeFactor.MinVariance));
            double za = (w - x * (double)c + x) * inv, zb = (w - x * (double)c - x) * inv;
            double want = 0.5 * (CommitteeFactor.LogMix(qp, qm, lp, lm, za) - CommitteeFactor.LogMix(qp, qm, lp, lm, zb));
            double got = 0.5 * ExpandedFactor.Log(a / b);
            Assert.AreEqual(want, got, 3e-6 * (1 + za * za + zb * zb), $"V {v:R}, ω {w:R}, c {c:R}, ξ {x}, ln P± {lp:R}, {lm:R}");
        }
        Assert.IsGreaterThan(190000, taken, "the float message is the common case");
    }

    /// <summary>
    /// Edges whose mixture underflows (A &lt; <see cref="ExpandedFactor.PolarFloor"/>: a polarised perceptron unit against its
    /// label) take the double message, clipped and damped in double, on the scalar path and on both lane widths, bit for bit;
    /// the factor has such edges and edges of the float message side by side, and every edge equals the scalar oracle's.
    /// </summary>
    [TestMethod]
    [DataRow(0)]
    [DataRow(256)]
    [DataRow(512)]
    public void UnderflowingEdgesTakeTheDoubleMessage(int lanes)
    {
        if (lanes == 512 && !Vector512.IsHardwareAccelerated || lanes == 256 && !Vector256.IsHardwareAccelerated)
            Assert.Inconclusive($"Vector{lanes} is not hardware accelerated on this host.");
        int n = 38, was = ExpandedFactor.Lanes;
        var xi = Enumerable.Range(0, 64).Select(i => i % 3 == 0 ? -1f : 1f).ToArray();
        var rng = new RngStream(73);
        var old = Enumerable.Range(0, n).Select(_ => (float)(0.1 * (rng.NextDouble() - 0.5))).ToArray();
        // a perceptron unit against its label σ = +1: two cavity means ±0.866 (V ≈ 0.5), 15 saturated along ξ and 21 against
        // (ω ≈ −6): the edges along ξ have z₋ = (ω − 2)/√V ≈ −11 (Φ ≈ 10⁻²⁹, double message), the others z± ≥ −8.5 (float)
        var routed = Enumerable.Range(0, n).Select(i => xi[i] * (i < 2 ? (i == 0 ? 1.317 : -1.317) : i < 17 ? 12 : -12) + old[i]).ToArray();
        var (cavity, units, next) = (new float[n], new double[ExpandedFactor.UnitScratchLength(1)], new float[n]);
        var oracle = new float[n];
        try
        {
            ExpandedFactor.Lanes = lanes;
            ExpandedFactor.MessagesFast(1, n, routed, old, xi, 0, 1, 0.25, 20, cavity, units, next);
            ExpandedFactor.Messages(1, n, routed, old, xi, 0, 1, 0.25, 20, new float[n], new double[units.Length], oracle);
        }
        finally { ExpandedFactor.Lanes = was; }
        for (int i = 0; i < n; i++)
            Assert.AreEqual(BitConverter.SingleToInt32Bits(oracle[i]), BitConverter.SingleToInt32Bits(next[i]), $"edge {i} against the scalar oracle");
        Assert.IsLessThan(ExpandedFactor.MinExpandVariance, units[1], "the unit is polarised");
        double qp = CommitteeFactor.Exp(units[4] - Math.Max(units[4], units[5])), qm = CommitteeFactor.Exp(units[5] - Math.Max(units[4], units[5]));
        int doubles = 0, floats = 0;
        for (int i = 0; i < n; i++)
        {
            var (a, b) = ExpandedFactor.PolarEdge(cavity[i], xi[i], (float)units[1], (float)units[0], (float)qp, (float)qm, (float)CommitteeFactor.MinVariance);
            if (a >= ExpandedFactor.PolarFloor && b >= ExpandedFactor.PolarFloor)
            {
                floats++;
                continue;
            }
            doubles++;
            double inv = 1 / Math.Sqrt(Math.Max(units[1] - (1 - (double)cavity[i] * cavity[i]), CommitteeFactor.MinVariance));
            double wc = units[0] - xi[i] * (double)cavity[i];
            double msg = 0.5 * (CommitteeFactor.LogMix(qp, qm, units[4], units[5], (wc + xi[i]) * inv) - CommitteeFactor.LogMix(qp, qm, units[4], units[5], (wc - xi[i]) * inv));
            float want = (float)(0.75 * Math.Clamp(msg, -20, 20) + 0.25 * old[i]);
            Assert.AreEqual(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(next[i]), $"edge {i}: {want:R} vs {next[i]:R}");
        }
        Assert.IsGreaterThan(0, doubles, "some edges underflow");
        Assert.IsGreaterThan(0, floats, "some edges take the float message");
    }
}
