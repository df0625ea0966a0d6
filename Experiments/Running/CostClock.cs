using System.Diagnostics;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// ETA from the measured cost of the tasks left. Each remaining task is priced at the mean measured seconds of the
/// finished seeds of its grid point (seeds of a point cost alike, including early stops the cost model cannot know);
/// a point with no finished seed yet is priced from the cost model N·P·M·budget (<see cref="SweepPlan.Cost"/>) at the
/// seconds per unit of cost measured so far. ETA = elapsed × (estimated seconds left)/(measured seconds done), which
/// accounts for the threads working at once. The estimate is marked a guess while fewer than <see cref="MinMeasured"/>
/// tasks have finished or more than half of the work left is priced from the cost model.
/// </summary>
internal sealed class CostClock
{
    /// <summary>Tasks to finish before the ETA is more than a guess.</summary>
    public const int MinMeasured = 3;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, Point> _points = new();
    private double _seconds, _cost; // measured seconds and model cost of the finished tasks
    private int _done;

    private sealed class Point(double cost)
    {
        public double Cost { get; } = cost; // model cost of one task (seeds cost alike)
        public int Left { get; set; }
        public int Done { get; set; }
        public double Seconds { get; set; }
    }

    /// <summary>A clock over the tasks <paramref name="tasks"/> still to run.</summary>
    public CostClock(IEnumerable<RunConfig> tasks)
    {
        foreach (var t in tasks)
        {
            var key = ResultWriter.PointKey(t);
            if (!_points.TryGetValue(key, out var p)) _points[key] = p = new Point(SweepPlan.Cost(t));
            p.Left++;
        }
    }

    /// <summary>Records a finished task (under the caller's lock) that took <paramref name="seconds"/>; returns the ETA.</summary>
    public Eta Finished(RunConfig config, double seconds) => Finished(config, seconds, _clock.Elapsed);

    /// <summary>As <see cref="Finished(RunConfig, double)"/> with the elapsed wall time given (tests).</summary>
    internal Eta Finished(RunConfig config, double seconds, TimeSpan elapsed)
    {
        if (_points.TryGetValue(ResultWriter.PointKey(config), out var p) && p.Left > 0)
        {
            p.Left--;
            p.Done++;
            p.Seconds += Math.Max(0, seconds);
        }
        _seconds += Math.Max(0, seconds);
        _cost += SweepPlan.Cost(config);
        _done++;
        var (left, modelled) = SecondsLeft();
        if (left <= 0) return new Eta(TimeSpan.Zero, false);
        bool guess = _done < MinMeasured || modelled > 0.5 * left;
        // Wall time per measured task-second so far; with nothing measured (seconds 0), the model cost of the finished tasks.
        double wallPerSecond = _seconds > 0 ? elapsed.TotalSeconds / _seconds : double.NaN;
        double eta = double.IsFinite(wallPerSecond) ? left * wallPerSecond : elapsed.TotalSeconds * (ModelCostLeft() / Math.Max(_cost, 1e-300));
        return new Eta(TimeSpan.FromSeconds(Math.Min(eta, TimeSpan.MaxValue.TotalSeconds / 2)), guess || !double.IsFinite(wallPerSecond));
    }

    /// <summary>Estimated task-seconds left, and the part of it priced from the cost model (points with no finished seed).</summary>
    internal (double Left, double Modelled) SecondsLeft()
    {
        double rate = _cost > 0 ? _seconds / _cost : 0; // measured seconds per unit of model cost
        double left = 0, modelled = 0;
        foreach (var p in _points.Values.Where(p => p.Left > 0))
        {
            if (p.Done > 0) left += p.Left * p.Seconds / p.Done;
            else
            {
                left += p.Left * p.Cost * rate;
                modelled += p.Left * p.Cost * rate;
            }
        }
        return (left, modelled);
    }

    private double ModelCostLeft() => _points.Values.Sum(p => p.Left * p.Cost);

    /// <summary>Tasks per second so far.</summary>
    public double Rate(int done) => done / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
}
