using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Runs a list of tasks on <c>threads</c> cores; the results (in task order) never depend on the thread count.</summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs every task. With at least as many tasks as threads, tasks run in parallel (one core each); otherwise tasks
    /// run one after another with their copies spread over the threads.
    /// </summary>
    public static IReadOnlyList<PointResult> Run(IReadOnlyList<RunConfig> tasks, int threads, ISweepProgress progress, bool trace = false, CancellationToken cancel = default)
    {
        var results = new PointResult[tasks.Count];
        int done = 0;
        void Finish(int i, PointResult r)
        {
            results[i] = r;
            progress.TaskDone(r, Interlocked.Increment(ref done), tasks.Count);
        }
        if (tasks.Count >= threads && threads > 1)
            Parallel.For(0, tasks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel },
                i => Finish(i, PointRunner.Run(tasks[i], 1, trace)));
        else
            for (int i = 0; i < tasks.Count; i++) Finish(i, PointRunner.Run(tasks[i], threads, trace));
        return results;
    }
}
