using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Experiments.Config;
using ShellProgressBar;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// A ShellProgressBar of the sweep (tasks done, the last result, ETA from measured cost), with a child bar of steps
/// (epochs, iterations, sweeps) for each point that has run longer than <see cref="LongPoint"/>.
/// </summary>
public sealed class BarProgress : ISweepProgress
{
    /// <summary>A point gets its own bar once it has run this long.</summary>
    public static readonly TimeSpan LongPoint = TimeSpan.FromSeconds(2);

    private readonly ProgressBar _bar;
    private readonly CostClock _clock;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<RunConfig, PointBar> _points = new();

    /// <summary>A bar over the tasks <paramref name="tasks"/> to run.</summary>
    public BarProgress(IReadOnlyList<RunConfig> tasks, string title)
    {
        _clock = new CostClock(tasks);
        _bar = new ProgressBar(tasks.Count, title, new ProgressBarOptions { ShowEstimatedDuration = true, CollapseWhenFinished = false, ProgressCharacter = '─' });
    }

    /// <inheritdoc />
    public IStepObserver? TaskStarted(RunConfig config) => config.Rule.Family is Rules.RuleFamily.OneShot ? null : _points[config] = new PointBar(this, config);

    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total)
    {
        if (_points.TryRemove(result.Config, out var point)) point.Dispose();
        lock (_lock)
        {
            var eta = _clock.Finished(result.Config, result.Seconds);
            _bar.Tick(eta.Left, $"[{done}/{total}] {SweepProgress.Describe(result)}{(eta.Guess ? " (ETA a guess)" : "")}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _bar.Dispose();

    /// <summary>Epochs of one point; the child bar appears once the point is long and updates at most ten times a second.</summary>
    private sealed class PointBar(BarProgress owner, RunConfig config) : IStepObserver, IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _lastTick;
        private ChildProgressBar? _child;

        public void OnStep(int step, ReadOnlySpan<int> trainErrorCounts, IWeightView weights)
        {
            long now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(_lastTick, now) < TimeSpan.FromMilliseconds(100)) return;
            if (_child is null && Stopwatch.GetElapsedTime(_start, now) < LongPoint) return;
            _lastTick = now;
            int errors = 0;
            foreach (int e in trainErrorCounts) errors += e;
            var message = string.Create(CultureInfo.InvariantCulture,
                $"rule={config.Rule.Name} alpha={config.Alpha:G4} n={config.N} seed={config.Seed}: {Unit} {step}/{config.Rule.Budget}, training errors {errors}");
            lock (owner._lock)
            {
                _child ??= owner._bar.Spawn(Math.Max(1, config.Rule.Budget), message, new ProgressBarOptions { CollapseWhenFinished = true, ProgressCharacter = '·' });
                _child.Tick(Math.Min(step, config.Rule.Budget), message);
            }
        }

        private string Unit => config.Rule.Family switch
        {
            Rules.RuleFamily.MessagePassing => "iteration",
            Rules.RuleFamily.MonteCarlo => "sweep",
            _ => "epoch",
        };

        public void Dispose()
        {
            lock (owner._lock) _child?.Dispose();
        }
    }
}
