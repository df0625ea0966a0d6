using MCoverPhysics.Models.Combinatorics;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>
/// Aligns the hidden units of one binary MLP to another's, layer by layer: the Hungarian assignment maximising
/// Σ_j q_{j,π(j)}, q_{jk} = w^a_{l,j}·w^b_{l,k}/n_l (the rows of layer l over the inputs already aligned), then the relabelled
/// units' outgoing weights (the next layer's columns) follow. The output units are classes and stay. The aligned network
/// computes the same function (a relabelling of hidden units), so only the overlaps change: linear connectivity and
/// weight comparisons "modulo permutation".
/// </summary>
public static class MlpAlignment
{
    /// <summary><paramref name="other"/> with its hidden units relabelled to match <paramref name="reference"/>.</summary>
    public static MlpNetwork Align(MlpNetwork reference, MlpNetwork other) => Align(reference, other, out _);

    /// <summary><see cref="Align(MlpNetwork, MlpNetwork)"/>, also giving the relabelling of each hidden layer: unit j of the result
    /// is unit π_l(j) of <paramref name="other"/>.</summary>
    public static MlpNetwork Align(MlpNetwork reference, MlpNetwork other, out int[][] permutations)
    {
        var shape = reference.Shape;
        var current = other;
        permutations = new int[shape.Layers - 1][];
        for (int l = 0; l < shape.Layers - 1; l++)
        {
            int width = shape.Width(l), n = shape.FanIn(l);
            var cost = new double[width, width];
            for (int j = 0; j < width; j++)
                for (int k = 0; k < width; k++) cost[j, k] = -PackedSpins.Dot(reference.Row(l, j), current.Row(l, k), n);
            var pi = new int[width];
            Assignment.MinimumCost(cost, pi);
            current = Relabel(current, l, pi);
            permutations[l] = pi;
        }
        return current;
    }

    /// <summary>The network whose unit j of hidden layer <paramref name="l"/> is unit π(j) of <paramref name="net"/> (rows of layer l
    /// and columns of layer l + 1 permuted together: the same function).</summary>
    public static MlpNetwork Relabel(MlpNetwork net, int l, ReadOnlySpan<int> pi)
    {
        var shape = net.Shape;
        var result = new MlpNetwork(shape);
        net.Bits.CopyTo(result.Bits, 0);
        for (int j = 0; j < shape.Width(l); j++) net.Row(l, pi[j]).CopyTo(result.Row(l, j));
        for (int k = 0; k < shape.Width(l + 1); k++)
        {
            var row = result.Row(l + 1, k);
            var source = net.Row(l + 1, k);
            row.Clear();
            for (int j = 0; j < shape.Width(l); j++)
                if (((source[pi[j] >> 6] >> (pi[j] & 63)) & 1) != 0) row[j >> 6] |= 1UL << (j & 63);
        }
        return result;
    }

    /// <summary>Per layer: w^a_l·w^b_l/(n_l·W_l), the overlap of the two networks' layer-l weights as labelled.</summary>
    public static double[] LayerOverlaps(MlpNetwork a, MlpNetwork b)
    {
        var shape = a.Shape;
        var q = new double[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            long sum = 0;
            for (int j = 0; j < shape.Width(l); j++) sum += PackedSpins.Dot(a.Row(l, j), b.Row(l, j), shape.FanIn(l));
            q[l] = (double)sum / ((double)shape.FanIn(l) * shape.Width(l));
        }
        return q;
    }
}
