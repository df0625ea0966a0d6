using System.Globalization;

namespace MCoverPhysics.Experiments.Running;

/// <summary>One line per finished task, with an ETA (when stdout or stderr is not a terminal: SLURM logs, CI).</summary>
public sealed class LineProgress : ISweepProgress
{
    private readonly TextWriter _writer;
    private readonly CostClock _clock;
    private readonly Lock _lock = new();

    /// <summary>Lines on <paramref name="writer"/> for the tasks <paramref name="tasks"/> to run.</summary>
    public LineProgress(TextWriter writer, IReadOnlyList<Config.RunConfig> tasks) => (_writer, _clock) = (writer, new CostClock(tasks));

    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total)
    {
        lock (_lock)
        {
            var eta = _clock.Finished(result.Config, result.Seconds);
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{done}/{total}] {SweepProgress.Describe(result)} {_clock.Rate(done):G3} tasks/s {eta}"));
            _writer.Flush(); // a log read while the job runs (tail -f) shows every finished task
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Flush();
}
