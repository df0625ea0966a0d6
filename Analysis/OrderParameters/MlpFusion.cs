using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>
/// A fused network from M copies (the model-merging idea the M-cover is contrasted with): every copy's hidden units are
/// aligned to copy 0's (<see cref="MlpAlignment"/>), the latent weights follow the same relabelling, each copy's layer is
/// brought to a common weight scope — (h − μ_{a,l})/σ_{a,l}·σ̄_l + μ̄_l, μ and σ the mean and spread of the layer's latent
/// weights, μ̄ and σ̄ their means over copies (weight-scope alignment) — then averaged; the fused weight is the sign of the
/// average (sign(0) = +1). Without latent weights (BOP) the ±1 weights are averaged.
/// </summary>
public static class MlpFusion
{
    /// <summary>The fused network of <paramref name="nets"/>, with latent weights <paramref name="latent"/> (row-major per copy) or null.</summary>
    public static MlpNetwork Fuse(IReadOnlyList<MlpNetwork> nets, IReadOnlyList<float[]>? latent)
    {
        var shape = nets[0].Shape;
        int m = nets.Count;
        var aligned = new float[m][];
        for (int a = 0; a < m; a++)
        {
            var h = latent?[a] ?? nets[a].ToSpins().Select(s => (float)s).ToArray();
            if (a == 0) { aligned[0] = h; continue; }
            MlpAlignment.Align(nets[0], nets[a], out var perms);
            aligned[a] = Relabel(shape, h, perms);
        }
        var fused = new MlpNetwork(shape);
        for (int l = 0; l < shape.Layers; l++)
        {
            int first = shape.WeightOffset(l), count = shape.Width(l) * shape.FanIn(l);
            var mean = new double[m];
            var spread = new double[m];
            for (int a = 0; a < m; a++)
            {
                var span = aligned[a].AsSpan(first, count);
                double s = 0, s2 = 0;
                foreach (float x in span) { s += x; s2 += (double)x * x; }
                mean[a] = s / count;
                spread[a] = Math.Sqrt(Math.Max(0, s2 / count - mean[a] * mean[a]));
            }
            double targetMean = mean.Average(), targetSpread = spread.Average();
            for (int j = 0; j < shape.Width(l); j++)
                for (int i = 0; i < shape.FanIn(l); i++)
                {
                    int k = first + j * shape.FanIn(l) + i;
                    double sum = 0;
                    for (int a = 0; a < m; a++)
                        sum += spread[a] > 0 ? (aligned[a][k] - mean[a]) / spread[a] * targetSpread + targetMean : aligned[a][k];
                    fused.Set(l, j, i, sum >= 0 ? 1 : -1);
                }
        }
        return fused;
    }

    /// <summary>The latent weights <paramref name="hb"/> of <paramref name="b"/> relabelled as b's hidden units align to <paramref name="a"/>'s.</summary>
    public static float[] Aligned(MlpNetwork a, MlpNetwork b, float[] hb)
    {
        MlpAlignment.Align(a, b, out var perms);
        return Relabel(a.Shape, hb, perms);
    }

    /// <summary>Latent weights (row-major) relabelled as <see cref="MlpAlignment.Relabel"/> relabels the network, layer after layer.</summary>
    private static float[] Relabel(MlpShape shape, float[] h, int[][] perms)
    {
        var current = h;
        for (int l = 0; l < perms.Length; l++)
        {
            var next = (float[])current.Clone();
            var pi = perms[l];
            int n = shape.FanIn(l), first = shape.WeightOffset(l);
            for (int j = 0; j < shape.Width(l); j++) Array.Copy(current, first + pi[j] * n, next, first + j * n, n);
            int n1 = shape.FanIn(l + 1), first1 = shape.WeightOffset(l + 1);
            for (int k = 0; k < shape.Width(l + 1); k++)
                for (int j = 0; j < shape.Width(l); j++) next[first1 + k * n1 + j] = current[first1 + k * n1 + pi[j]];
            current = next;
        }
        return current;
    }
}
