using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>The console summary: one line per grid point, mean ± sem over seeds of the main order parameters
/// (the mean alone where a point has one seed).</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter w, IReadOnlyList<PointResult> results)
    {
        var summary = ResultWriter.Summarise(results);
        foreach (var c in results.Select(r => r.Config).DistinctBy(c => (c.KernelSpec, c.Copies)))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kernel {c.KernelSpec} at M = {c.Copies}: λ₂(Q) = {c.Lambda2:G4}"));
        // Show only the parameters that vary across points (a parameter some rows do not use is empty there: not a variation), then the observables.
        var varying = Parameters.All.Where(p => p.Name != "seed")
            .Where(p => summary.Select(s => s.Point.ToValues().First(kv => kv.Key == p.Name).Value).Where(v => v.Length > 0).Distinct().Count() > 1).ToList();
        if (varying.Count == 0) varying = [Parameters.Rule, Parameters.Alpha];
        string[] shown = ["eps_g", "train_error", "overlap_R", "diversity", "solved"];
        var index = shown.Select(name => ResultWriter.Observables.ToList().FindIndex(o => o.Name == name)).ToArray();
        var widths = varying.Select(p => Math.Max(p.Column.Length, summary.Max(s => s.Point.ToValues().First(kv => kv.Key == p.Name).Value.Length))).ToArray();
        w.WriteLine(string.Join("  ", varying.Select((p, i) => p.Column.PadLeft(widths[i])).Concat(["seeds"]).Concat(shown.Select(s => $"{s,-19}"))));
        foreach (var (point, stats, seeds) in summary)
        {
            var values = point.ToValues();
            var cells = varying.Select((p, i) => values.First(kv => kv.Key == p.Name).Value.PadLeft(widths[i]))
                .Append(seeds.ToString(CultureInfo.InvariantCulture).PadLeft(5))
                .Concat(index.Select(i => Cell(stats[i].Mean, stats[i].Sem, seeds)));
            w.WriteLine(string.Join("  ", cells));
        }
    }

    /// <summary>"mean ± sem" in 19 characters; one seed has no standard error, so the mean alone, padded to the same width.</summary>
    internal static string Cell(double mean, double sem, int seeds)
        => seeds > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{mean,8:F4} ± {sem,-8:F4}")
            : string.Create(CultureInfo.InvariantCulture, $"{mean,8:F4}").PadRight(19);
}
