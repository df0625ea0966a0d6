using System.Diagnostics;
using System.Globalization;
using ShellProgressBar;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Observes a sweep: one call per finished task. Implementations are thread-safe.</summary>
public interface ISweepProgress : IDisposable
{
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
    /// <summary>Progress for <paramref name="total"/> tasks.</summary>
    public static ISweepProgress For(int total, bool quiet)
        => quiet ? new SilentProgress()
            : Console.IsOutputRedirected || Console.IsErrorRedirected || TerminalWidth() < 40 ? new LineProgress(Console.Error) : new BarProgress(total);

    /// <summary>Columns of the terminal (0 when unknown): ShellProgressBar needs about 30 and crashes below.</summary>
    private static int TerminalWidth()
    {
        try { return Console.WindowWidth; }
        catch (IOException) { return 0; }
    }

    internal static string Describe(PointResult r) => string.Create(CultureInfo.InvariantCulture,
        $"rule={r.Config.Rule} alpha={r.Config.Alpha:G4} n={r.Config.N} M={r.Config.Copies} seed={r.Config.Seed}: " +
        $"eps_g={r.Observables.EpsG:F4} train_error={r.Observables.TrainError:F4} epochs={r.EpochsRun} ({r.Seconds:F1} s)");

    internal static TimeSpan Eta(Stopwatch clock, int done, int total)
        => done == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (total - done));
}

/// <summary>One line per finished task, with an ETA (when stdout or stderr is not a terminal).</summary>
public sealed class LineProgress(TextWriter writer) : ISweepProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total)
    {
        lock (_lock)
            writer.WriteLine($"[{done}/{total}] {SweepProgress.Describe(result)} ETA {SweepProgress.Eta(_clock, done, total):hh\\:mm\\:ss}");
    }

    /// <inheritdoc />
    public void Dispose() => writer.Flush();
}

/// <summary>A ShellProgressBar: tasks done, the last result and the ETA from measured cost.</summary>
public sealed class BarProgress : ISweepProgress
{
    private readonly ProgressBar _bar;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    /// <summary>A bar of <paramref name="total"/> ticks.</summary>
    public BarProgress(int total)
        => _bar = new ProgressBar(total, $"sweep: {total} tasks", new ProgressBarOptions { ShowEstimatedDuration = true, CollapseWhenFinished = false, ProgressCharacter = '─' });

    /// <inheritdoc />
    public void TaskDone(PointResult result, int done, int total)
    {
        lock (_lock) _bar.Tick(SweepProgress.Eta(_clock, done, total), $"[{done}/{total}] {SweepProgress.Describe(result)}");
    }

    /// <inheritdoc />
    public void Dispose() => _bar.Dispose();
}
