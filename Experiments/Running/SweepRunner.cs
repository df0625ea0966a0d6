using System.Collections.Concurrent;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Runs a list of tasks on <c>threads</c> cores; the results (in task order) never depend on the thread count.</summary>
public static class SweepRunner
{
    /// <summary>Runs every task (see <see cref="RunSome"/>).</summary>
    public static IReadOnlyList<PointResult> Run(IReadOnlyList<RunConfig> tasks, int threads, ISweepProgress progress, bool trace = false, CancellationToken cancel = default)
        => RunSome(tasks, Enumerable.Range(0, tasks.Count).ToList(), threads, progress, trace, null, cancel);

    /// <summary>
    /// Runs the tasks <paramref name="todo"/> (indices into <paramref name="tasks"/>) and returns their results in the
    /// order of <paramref name="todo"/>; <paramref name="finished"/> sees each (index, result) as soon as it is done
    /// (from the worker thread: it records the task durably). With at least as many tasks as threads, each task runs
    /// on one core, the costliest first (<see cref="SweepPlan.Cost"/>) and the next task to whichever core frees up;
    /// with fewer tasks than threads, all run at once and share the threads over their copies.
    /// </summary>
    public static IReadOnlyList<PointResult> RunSome(IReadOnlyList<RunConfig> tasks, IReadOnlyList<int> todo, int threads, ISweepProgress progress,
        bool trace, Action<int, PointResult>? finished, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var results = new PointResult[todo.Count];
        if (todo.Count == 0) return results;
        int done = 0;
        void Do(int k, int copyThreads)
        {
            var config = tasks[todo[k]];
            var r = PointRunner.Run(config, copyThreads, trace, progress.TaskStarted(config));
            results[k] = r;
            finished?.Invoke(todo[k], r);
            progress.TaskDone(r, Interlocked.Increment(ref done), todo.Count);
        }
        if (threads == 1 || todo.Count == 1)
        {
            for (int k = 0; k < todo.Count; k++)
            {
                cancel.ThrowIfCancellationRequested();
                Do(k, threads);
            }
        }
        else if (todo.Count >= threads)
        {
            // Longest first, one task per grab: no core idles on a long task picked last (Graham's LPT list scheduling).
            var order = Enumerable.Range(0, todo.Count).OrderByDescending(k => SweepPlan.Cost(tasks[todo[k]])).ThenBy(k => k).ToArray();
            Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel }, k => Do(k, 1));
        }
        else
        {
            // Fewer tasks than threads: task k gets ⌊threads/tasks⌋ threads for its copies, the first threads mod tasks one more.
            Parallel.For(0, todo.Count, new ParallelOptions { MaxDegreeOfParallelism = todo.Count, CancellationToken = cancel },
                k => Do(k, threads / todo.Count + (k < threads % todo.Count ? 1 : 0)));
        }
        return results;
    }
}
