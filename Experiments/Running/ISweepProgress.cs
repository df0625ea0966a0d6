using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Observes a sweep: one call per started and per finished task. Implementations are thread-safe.</summary>
public interface ISweepProgress : IDisposable
{
    /// <summary>Task <paramref name="config"/> starts; the observer returned (if any) sees its steps (epochs, iterations or sweeps).</summary>
    IStepObserver? TaskStarted(RunConfig config) => null;

    /// <summary>Task <paramref name="result"/> finished; <paramref name="done"/> of <paramref name="total"/> are done.</summary>
    void TaskDone(PointResult result, int done, int total);
}
