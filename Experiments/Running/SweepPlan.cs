using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Estimated cost of tasks and their deterministic partition into shards.</summary>
public static class SweepPlan
{
    /// <summary>
    /// Estimated cost of a task in spin updates: N·P·M·epochs (online rules, at the epoch budget), N·P·M·iters
    /// (amp, rbp), N·P·M·sweeps (mc, sa, pt: a sweep is N proposals, each touching the P stabilities), N·P·M (clipped
    /// Hebb, one pass), W·P·M·epochs for the MLP (W its weights per network: a sample's forward and backward pass touch
    /// each weight). Only ratios matter: balancing shards and the ETA.
    /// </summary>
    public static double Cost(RunConfig c)
        => (double)(c.Model.IsMlp ? c.Model.LoadUnit : c.N) * c.P * c.Copies * Math.Max(1, c.Rule.Budget);

    /// <summary>
    /// Partitions task indices 0 … costs.Count − 1 into <paramref name="shards"/> disjoint sets covering all, by greedy
    /// longest-processing-time (Graham 1969: makespan ≤ 4/3 of optimal): tasks by decreasing cost (ties: lower index
    /// first) each go to the least loaded shard (ties: lower shard). Each set is returned in increasing index order.
    /// Depends only on the costs, so every array task computes the same partition.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Partition(IReadOnlyList<double> costs, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var order = Enumerable.Range(0, costs.Count).OrderByDescending(i => costs[i]).ThenBy(i => i);
        var parts = Enumerable.Range(0, shards).Select(_ => new List<int>()).ToArray();
        var least = new PriorityQueue<int, (double Load, int Shard)>(Enumerable.Range(0, shards).Select(s => (s, (0.0, s))));
        foreach (int i in order)
        {
            least.TryDequeue(out int s, out var key);
            parts[s].Add(i);
            least.Enqueue(s, (key.Load + costs[i], s));
        }
        return parts.Select(p => (IReadOnlyList<int>)p.Order().ToList()).ToList();
    }

    /// <summary>The task indices of <paramref name="shard"/> of <paramref name="tasks"/>.</summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<RunConfig> tasks, Shard shard)
        => Partition(tasks.Select(Cost).ToList(), shard.Count)[shard.Index];
}
