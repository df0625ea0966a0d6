using System.Globalization;

namespace MCoverPhysics.Experiments.Running;

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
