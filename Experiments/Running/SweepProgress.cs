using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Experiments.Config;
using ShellProgressBar;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Observes a sweep: one call per started and per finished task. Implementations are thread-safe.</summary>
public interface ISweepProgress : IDisposable
{
    /// <summary>Task <paramref name="config"/> starts; the observer returned (if any) sees its steps (epochs, iterations or sweeps).</summary>
    IStepObserver? TaskStarted(RunConfig config) => null;

    /// <summary>Task <paramref name="result"/> finished; <paramref name="done"/> of <paramref name="total"/> are done.</summary>
    void TaskDone(PointResult result, int done, int total);
}

/// <summary>Reports nothing (library use, tests).</summary>
public sealed class SilentProgress : ISweepProgress
{
    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total) { }
    /// <inheritdoc />
    public void Dispose() { }
}

/// <summary>Chooses a progress bar on a terminal and plain lines otherwise (logs, SLURM, CI).</summary>
public static class SweepProgress
{
    /// <summary>Progress for <paramref name="total"/> tasks of equal cost.</summary>
    public static ISweepProgress For(int total, bool quiet) => For(Enumerable.Repeat(1.0, total).ToList(), quiet, $"sweep: {total} tasks");

    /// <summary>Progress for tasks of estimated costs <paramref name="costs"/> (<see cref="SweepPlan.Cost"/>), headed <paramref name="title"/>.</summary>
    public static ISweepProgress For(IReadOnlyList<double> costs, bool quiet, string title)
        => quiet ? new SilentProgress()
            : Console.IsOutputRedirected || Console.IsErrorRedirected || TerminalWidth() < 40 ? new LineProgress(Console.Error, costs) : new BarProgress(costs, title);

    /// <summary>Columns of the terminal (0 when unknown): ShellProgressBar needs about 30 and crashes below.</summary>
    private static int TerminalWidth()
    {
        try { return Console.WindowWidth; }
        catch (IOException) { return 0; }
    }

    internal static string Describe(PointResult r) => string.Create(CultureInfo.InvariantCulture,
        $"rule={r.Config.Rule.Name} alpha={r.Config.Alpha:G4} n={r.Config.N} M={r.Config.Copies} seed={r.Config.Seed}: " +
        $"eps_g={r.Observables.EpsG:F4} train_error={r.Observables.TrainError:F4} epochs={r.EpochsRun} ({r.Seconds:F1} s)");
}

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

/// <summary>One line per finished task, with an ETA (when stdout or stderr is not a terminal: SLURM logs, CI).</summary>
public sealed class LineProgress : ISweepProgress
{
    private readonly TextWriter _writer;
    private readonly CostClock _clock;
    private readonly Lock _lock = new();

    /// <summary>Lines on <paramref name="writer"/> for tasks of estimated costs <paramref name="costs"/>.</summary>
    public LineProgress(TextWriter writer, IReadOnlyList<double> costs) => (_writer, _clock) = (writer, new CostClock(costs));

    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total)
    {
        lock (_lock)
        {
            var eta = _clock.Finished(result.Config);
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{done}/{total}] {SweepProgress.Describe(result)} {_clock.Rate(done):G3} tasks/s ETA {eta:hh\\:mm\\:ss}"));
            _writer.Flush(); // a log read while the job runs (tail -f) shows every finished task
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Flush();
}

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

    /// <summary>A bar over tasks of estimated costs <paramref name="costs"/>.</summary>
    public BarProgress(IReadOnlyList<double> costs, string title)
    {
        _clock = new CostClock(costs);
        _bar = new ProgressBar(costs.Count, title, new ProgressBarOptions { ShowEstimatedDuration = true, CollapseWhenFinished = false, ProgressCharacter = '─' });
    }

    /// <inheritdoc />
    public IStepObserver? TaskStarted(RunConfig config) => config.Rule.Family is Rules.RuleFamily.OneShot ? null : _points[config] = new PointBar(this, config);

    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total)
    {
        if (_points.TryRemove(result.Config, out var point)) point.Dispose();
        lock (_lock) _bar.Tick(_clock.Finished(result.Config), $"[{done}/{total}] {SweepProgress.Describe(result)}");
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
