using System.Diagnostics;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// ETA from measured cost: elapsed time × (estimated cost left)/(estimated cost done), costs N·P·M·epochs
/// (<see cref="SweepPlan.Cost"/>), so a sweep whose large-N points come last is not promised too early an end.
/// </summary>
internal sealed class CostClock(IReadOnlyList<double> costs)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _total = costs.Sum();
    private double _done;

    /// <summary>Adds the cost of a finished task (under the caller's lock) and returns the ETA.</summary>
    public TimeSpan Finished(RunConfig config)
    {
        _done += SweepPlan.Cost(config);
        return _done <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * Math.Max(0, _total - _done) / _done);
    }

    /// <summary>Tasks per second so far.</summary>
    public double Rate(int done) => done / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
}
