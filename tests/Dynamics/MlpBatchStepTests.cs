using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class MlpBatchStepTests
{
    /// <summary>The straight-through gradient written the plain way (double loops over samples, units and inputs).</summary>
    private static double[] NaiveGradient(MlpShape shape, sbyte[] w, MlpDataset data, int[] samples)
    {
        var grad = new double[shape.WeightCount];
        int b = samples.Length;
        foreach (int mu in samples)
        {
            var xs = new List<double[]> { PackedSpins.Unpack(data.Inputs.Row(mu), shape.Inputs).Select(v => (double)v).ToArray() };
            var hs = new List<int[]>();
            for (int l = 0, k = 0; l < shape.Layers; l++)
            {
                var h = new int[shape.Width(l)];
                for (int j = 0; j < h.Length; j++) for (int i = 0; i < shape.FanIn(l); i++) h[j] += w[k++] * (int)xs[l][i];
                hs.Add(h);
                xs.Add(h.Select(v => v >= 0 ? 1.0 : -1.0).ToArray());
            }
            int last = shape.Layers - 1;
            double s = 1 / Math.Sqrt(shape.FanIn(last));
            var e = new double[shape.Width(last)];
            if (shape.Outputs == 1)
            {
                double sigma = data.Labels[mu] == 1 ? 1 : -1;
                e[0] = sigma * hs[last][0] * s < 1 ? -sigma * s / b : 0;
            }
            else
            {
                double max = hs[last].Max() * s, z = hs[last].Sum(h => Math.Exp(h * s - max));
                for (int c = 0; c < e.Length; c++) e[c] = (Math.Exp(hs[last][c] * s - max) / z - (c == data.Labels[mu] ? 1 : 0)) * s / b;
            }
            for (int l = last; l >= 0; l--)
            {
                int n = shape.FanIn(l), off = shape.WeightOffset(l);
                for (int j = 0; j < shape.Width(l); j++) for (int i = 0; i < n; i++) grad[off + j * n + i] += e[j] * xs[l][i];
                if (l == 0) break;
                var below = new double[n];
                double sb = 1 / Math.Sqrt(shape.FanIn(l - 1));
                for (int i = 0; i < n; i++)
                {
                    double gx = 0;
                    for (int j = 0; j < shape.Width(l); j++) gx += e[j] * w[off + j * n + i];
                    below[i] = Math.Abs(hs[l - 1][i]) * sb <= 1 ? gx * sb : 0;
                }
                e = below;
            }
        }
        return grad;
    }

    /// <summary>The vectorised, bit-packed forward + float32 backward pass equals the plain double-precision loops.</summary>
    [TestMethod]
    [DataRow(65, new[] { 9, 5 }, 1, 1)] [DataRow(64, new[] { 70 }, 4, 2)] [DataRow(130, new[] { 8, 8, 8 }, 3, 1)]
    public void BatchGradientMatchesPlainLoops(int n, int[] widths, int outputs, int threads)
    {
        var teacher = new MlpShape(n, [4], outputs);
        var data = MlpDataset.TeacherStudent(teacher, 40, 0, 8);
        var shape = new MlpShape(n, widths, outputs);
        var net = MlpNetwork.Random(shape, 77);
        var samples = Enumerable.Range(0, 40).Reverse().ToArray();
        var step = new MlpBatchStep(shape, 25, threads);
        var gradient = new float[shape.WeightCount];
        step.Run(net.Bits, data.Inputs, data.Labels, samples, 5, 25, gradient);
        var expected = NaiveGradient(shape, net.ToSpins(), data, samples[5..30]);
        double scale = expected.Max(Math.Abs);
        Assert.IsGreaterThan(0, scale, "some gradient is non-zero");
        for (int k = 0; k < expected.Length; k++) Assert.AreEqual(expected[k], gradient[k], 1e-5 * scale, $"weight {k}");
    }

    /// <summary>The previous implementation, kept as the float32 oracle: one sample at a time through the row-major forward pass,
    /// the output errors as the batch step writes them, every gradient row and back-propagated error by the scalar row
    /// combination (zero coefficients skipped, sums in order).</summary>
    private static float[] ScalarGradient(MlpShape shape, ulong[] bits, MlpDataset data, int[] samples)
    {
        int b = samples.Length, units = shape.UnitCount, last = shape.Layers - 1, row = units - shape.Outputs;
        var grad = new float[shape.WeightCount];
        var fields = new int[b * units];
        var e = new float[b * units];
        var x = Enumerable.Range(0, shape.Layers).Select(l => new float[b * shape.FanIn(l)]).ToArray();
        var acts = new ulong[Math.Max(1, MlpForward.ActivationWords(shape))];
        for (int s = 0; s < b; s++)
        {
            int mu = samples[s];
            var f = fields.AsSpan(s * units, units);
            MlpForward.Forward(shape, bits, data.Inputs.Row(mu), f, acts);
            FloatKernels.ExpandSigns(data.Inputs.Row(mu), x[0].AsSpan(s * shape.Inputs, shape.Inputs));
            for (int l = 1; l < shape.Layers; l++)
                FloatKernels.ExpandSigns(acts.AsSpan(MlpForward.ActivationOffset(shape, l - 1)), x[l].AsSpan(s * shape.FanIn(l), shape.FanIn(l)));
            float scale = 1f / MathF.Sqrt(shape.FanIn(last)), norm = scale / b, max = float.NegativeInfinity, sum = 0;
            for (int c = 0; c < shape.Outputs; c++) max = Math.Max(max, f[row + c] * scale);
            for (int c = 0; c < shape.Outputs; c++) sum += MathF.Exp(f[row + c] * scale - max);
            for (int c = 0; c < shape.Outputs; c++) e[s * units + row + c] = (MathF.Exp(f[row + c] * scale - max) / sum - (c == data.Labels[mu] ? 1f : 0f)) * norm;
        }
        for (int l = last; l >= 0; l--)
        {
            int n = shape.FanIn(l), top = shape.RowOffset(l);
            for (int j = 0; j < shape.Width(l); j++)
                FloatKernels.CombineRowsScalar(e.AsSpan(top + j), units, b, x[l], n, grad.AsSpan(shape.WeightOffset(l) + j * n, n));
            if (l == 0) break;
            var w = new float[shape.Width(l) * n];
            for (int j = 0; j < shape.Width(l); j++) FloatKernels.ExpandSigns(bits.AsSpan(shape.PackedOffset(l) + j * shape.RowWords(l)), w.AsSpan(j * n, n));
            float below = 1f / MathF.Sqrt(shape.FanIn(l - 1));
            var gx = new float[n];
            for (int s = 0; s < b; s++)
            {
                FloatKernels.CombineRowsScalar(e.AsSpan(s * units + top), 1, shape.Width(l), w, n, gx);
                for (int i = 0; i < n; i++) e[s * units + shape.RowOffset(l - 1) + i] = Math.Abs(fields[s * units + shape.RowOffset(l - 1) + i]) * below <= 1f ? gx[i] * below : 0f;
            }
        }
        return grad;
    }

    /// <summary>The blocked forward pass and the register-blocked products give the scalar oracle's gradient bit for bit, at 1, 2
    /// and 3 threads, for a batch that spans several forward chunks (16 samples) and product chunks (32 rows).</summary>
    [TestMethod]
    [DataRow(1)] [DataRow(2)] [DataRow(3)]
    public void BatchGradientEqualsTheScalarOracleAtAnyThreadCount(int threads)
    {
        var data = MlpDataset.TeacherStudent(new MlpShape(130, [5], 10), 90, 0, 4);
        var shape = new MlpShape(130, [70, 37], 10);
        var net = MlpNetwork.Random(shape, 21);
        var samples = Enumerable.Range(0, 90).Select(i => (i * 7) % 90).ToArray();
        var step = new MlpBatchStep(shape, 80, threads);
        var gradient = new float[shape.WeightCount];
        step.Run(net.Bits, data.Inputs, data.Labels, samples, 10, 75, gradient);
        var expected = ScalarGradient(shape, net.Bits, data, samples[10..85]);
        Assert.IsGreaterThan(0, expected.Count(v => v != 0f), "some gradient is non-zero");
        CollectionAssert.AreEqual(expected, gradient);
    }
}
