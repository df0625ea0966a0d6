namespace MCoverPhysics.Models.Combinatorics;

/// <summary>The linear assignment problem: a permutation π minimising Σ_i C_{i,π(i)} (or maximising a weight).</summary>
/// <remarks>
/// Hungarian algorithm (Kuhn 1955; Munkres 1957) in its O(n³) shortest-augmenting-path form with potentials u, v.
/// Used by the Gumbel permutation sampler of the lifts and by the hidden-unit alignment of committee order parameters.
/// </remarks>
public static class Assignment
{
    /// <summary>Writes into <paramref name="assignment"/> the π with assignment[i] = π(i) minimising Σ_i cost[i, π(i)].</summary>
    /// <param name="cost">Square n×n cost matrix (finite entries).</param>
    /// <param name="assignment">Destination of length ≥ n.</param>
    public static void MinimumCost(double[,] cost, Span<int> assignment)
    {
        int n = cost.GetLength(0);
        if (cost.GetLength(1) != n) throw new ArgumentException("cost matrix must be square", nameof(cost));
        if (assignment.Length < n) throw new ArgumentException("assignment shorter than the matrix", nameof(assignment));
        bool small = n < 256; // work rows on the stack (no allocation: the Gumbel sampler calls this per draw)
        Span<double> u = small ? stackalloc double[n + 1] : new double[n + 1];
        Span<double> v = small ? stackalloc double[n + 1] : new double[n + 1];
        Span<double> minv = small ? stackalloc double[n + 1] : new double[n + 1];
        Span<int> p = small ? stackalloc int[n + 1] : new int[n + 1];
        Span<int> way = small ? stackalloc int[n + 1] : new int[n + 1];
        Span<bool> used = small ? stackalloc bool[n + 1] : new bool[n + 1];
        u.Clear();
        v.Clear();
        p.Clear();
        way.Clear();
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            minv.Fill(double.PositiveInfinity);
            used.Clear();
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    double cur = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= n; j++)
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                j0 = j1;
            } while (p[j0] != 0);
            do { int j1 = way[j0]; p[j0] = p[j1]; j0 = j1; } while (j0 != 0);
        }
        for (int j = 1; j <= n; j++) assignment[p[j] - 1] = j - 1;
    }

    /// <summary>The π maximising Σ_i weight[i, π(i)] (assignment[i] = π(i)).</summary>
    public static int[] MaximumWeight(double[,] weight)
    {
        int n = weight.GetLength(0);
        var cost = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < weight.GetLength(1); j++) cost[i, j] = -weight[i, j];
        var pi = new int[n];
        MinimumCost(cost, pi);
        return pi;
    }
}
