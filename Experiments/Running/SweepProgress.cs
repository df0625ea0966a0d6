using System.Globalization;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Chooses a progress bar on a terminal and plain lines otherwise (logs, SLURM, CI).</summary>
public static class SweepProgress
{
    /// <summary>Progress for the tasks <paramref name="tasks"/> to run, headed <paramref name="title"/>; the ETA prices them by measured cost (<see cref="CostClock"/>).</summary>
    public static ISweepProgress For(IReadOnlyList<Config.RunConfig> tasks, bool quiet, string title)
        => quiet ? new SilentProgress()
            : Console.IsOutputRedirected || Console.IsErrorRedirected || TerminalWidth() < 40 ? new LineProgress(Console.Error, tasks) : new BarProgress(tasks, title);

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
