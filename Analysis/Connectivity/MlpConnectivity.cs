using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.Connectivity;

/// <summary>
/// Error along paths between two binary MLPs (linear mode connectivity, and modulo permutation after aligning the second's
/// hidden units to the first's, <see cref="MlpAlignment"/>): the Hamming geodesic flips the weights where they differ, in a
/// random order from the seed, one by one; the latent straight line takes sign((1 − t)·h_a + t·h_b). The barrier is the
/// largest error on the path minus the mean of the end points' errors.
/// </summary>
public static class MlpConnectivity
{
    /// <summary>The error at <paramref name="steps"/> + 1 evenly spaced points of the Hamming geodesic from a to b.</summary>
    public static double[] HammingPath(MlpNetwork a, MlpNetwork b, PatternMatrix inputs, byte[] labels, int steps, ulong seed, bool align = false)
    {
        var shape = a.Shape;
        if (align) b = MlpAlignment.Align(a, b);
        var differ = new List<(int L, int J, int I)>();
        for (int l = 0; l < shape.Layers; l++)
            for (int j = 0; j < shape.Width(l); j++)
                for (int i = 0; i < shape.FanIn(l); i++)
                    if (a.Get(l, j, i) != b.Get(l, j, i)) differ.Add((l, j, i));
        var order = Enumerable.Range(0, differ.Count).ToArray();
        var rng = RngStream.For(seed, StreamTag.Rule, 19);
        rng.Shuffle(order);
        var current = new MlpNetwork(shape);
        a.Bits.CopyTo(current.Bits, 0);
        var errors = new double[steps + 1];
        int done = 0;
        for (int s = 0; s <= steps; s++)
        {
            int target = (int)Math.Round((double)s * differ.Count / steps);
            for (; done < target; done++)
            {
                var (l, j, i) = differ[order[done]];
                current.Set(l, j, i, b.Get(l, j, i));
            }
            errors[s] = Error(shape, current, inputs, labels);
        }
        return errors;
    }

    /// <summary>The error at <paramref name="steps"/> + 1 points of the straight line between latent weights (row-major, as the
    /// trainer keeps them); with <paramref name="align"/>, b's hidden units (and latent weights) are aligned to a's first.</summary>
    public static double[] LatentLine(MlpNetwork a, float[] ha, MlpNetwork b, float[] hb, PatternMatrix inputs, byte[] labels, int steps, bool align = false)
    {
        var shape = a.Shape;
        if (align) hb = MlpFusion.Aligned(a, b, hb);
        var net = new MlpNetwork(shape);
        var errors = new double[steps + 1];
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            for (int l = 0, k = 0; l < shape.Layers; l++)
                for (int j = 0; j < shape.Width(l); j++)
                    for (int i = 0; i < shape.FanIn(l); i++, k++) net.Set(l, j, i, (1 - t) * ha[k] + t * hb[k] >= 0 ? 1 : -1);
            errors[s] = Error(shape, net, inputs, labels);
        }
        return errors;
    }

    /// <summary>max over the path minus the mean of its end points.</summary>
    public static double Barrier(IReadOnlyList<double> errors) => errors.Max() - (errors[0] + errors[^1]) / 2;

    private static double Error(MlpShape shape, MlpNetwork net, PatternMatrix inputs, byte[] labels)
    {
        var predicted = MlpForward.PredictAll(shape, net.Bits, inputs);
        int e = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] != labels[i]) e++;
        return (double)e / Math.Max(1, labels.Length);
    }
}
