using MCoverPhysics.Models.Combinatorics;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>Gumbel-perturbed maximum-weight assignment (Hungarian algorithm): approximate law, O(M³) per sample, any M.</summary>
public sealed class GumbelSampler(MixingKernel kernel) : PermutationSampler
{
    private readonly double[,] _logQ = LogOf(kernel.ToArray());

    /// <inheritdoc />
    public override int Copies => kernel.Copies;

    private static double[,] LogOf(double[,] q)
    {
        int m = q.GetLength(0);
        var l = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) l[a, b] = q[a, b] > 0 ? Math.Log(q[a, b]) : -1e9;
        return l;
    }

    // One cost matrix per thread and size: samplers are shared by the threads that fill a table's rows.
    [ThreadStatic] private static double[,]? _cost;

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        int m = Copies;
        var cost = _cost is { } c && c.GetLength(0) == m ? c : _cost = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) cost[a, b] = -(_logQ[a, b] - Math.Log(-Math.Log(1 - rng.NextDouble())));
        Assignment.MinimumCost(cost, perm);
    }
}
