using System.CommandLine;
using System.Globalization;
using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover plot DIR</c>: an observable's mean ± sem over seeds (summary.csv) against a grid column, one series per
/// value of the --by columns, optionally with the replica-symmetric theory curve; PNG and SVG (ScottPlot).
/// </summary>
internal static class PlotCommand
{
    public static Command Build(TextWriter stdout)
    {
        var command = new Command("plot", "plot an observable of a finished sweep (summary.csv: mean ± sem over seeds) against a grid column, as PNG and SVG");
        var dir = new Argument<string>("DIR") { Description = "a sweep's output directory (holding summary.csv)" };
        var x = new Option<string>("--x") { Description = "grid column on the x axis", DefaultValueFactory = _ => "alpha" };
        var y = new Option<string>("--y") { Description = "observable on the y axis (a points.csv column)", DefaultValueFactory = _ => "eps_g" };
        var by = new Option<string>("--by") { Description = "comma-separated grid columns, one series per value (default: every other column that varies)" };
        var theory = new Option<string>("--theory") { Description = "overlay the RS theory curve of the teacher–student perceptron (its state-evolution branch from q = 0, which drops to 0 at α_spinodal ≈ 1.493): bayes (ε_Bayes, or q for overlap_posterior_mean) or gibbs (ε_Gibbs); refused over committee or storage data" };
        var output = new Option<string>("--out") { Description = "PNG path (an SVG is written next to it)", Required = true };
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { x, y, by, theory, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string png = parse.GetValue(output)!;
            var written = Plot(parse.GetValue(dir)!, parse.GetValue(x)!, parse.GetValue(y)!, parse.GetValue(by), parse.GetValue(theory), png);
            stdout.WriteLine($"wrote {string.Join(", ", written)}");
            return 0;
        });
        return command;
    }

    /// <summary>Draws the figure and writes PNG and SVG atomically; returns the paths written.</summary>
    public static string[] Plot(string dir, string xColumn, string yName, string? byColumns, string? theory, string png)
    {
        string summary = Path.Combine(dir, "summary.csv");
        if (!File.Exists(summary)) throw UsageException.Argument("DIR", dir, "holds no summary.csv (not a finished sweep)");
        if (!png.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw UsageException.Field("out", png, "must end in .png");
        CsvTable table;
        try { table = CsvTable.Read(summary); }
        catch (FormatException e) { throw UsageException.Argument("DIR", dir, e.Message); }
        int xi = table.Column(xColumn), mean = table.Column(yName + "_mean"), sem = table.Column(yName + "_sem");
        if (xi < 0) throw UsageException.Field("x", xColumn, $"is not a column of summary.csv; expected one of {string.Join(", ", table.Header.Where(h => !h.Contains('_') || Parameters.Find(h.Replace('_', '-')) is not null))}");
        if (mean < 0) throw UsageException.Field("y", yName, $"is not an observable of summary.csv; expected one of {string.Join(", ", ResultWriter.Observables.Select(o => o.Name))}");
        if (theory is not null and not ("bayes" or "gibbs")) throw UsageException.Field("theory", theory, "is not a theory curve; expected bayes, gibbs");
        if (theory is not null && yName is not ("eps_g" or "test_error" or "eps_g_consensus" or "eps_g_best" or "eps_g_posterior" or "overlap_posterior_mean"))
            throw UsageException.Field("theory", theory, $"has no curve for --y {yName}; use eps_g, eps_g_posterior, test_error, eps_g_consensus, eps_g_best or overlap_posterior_mean");
        if (theory is not null && yName == "overlap_posterior_mean" && theory != "bayes") throw UsageException.Field("theory", theory, "for overlap_posterior_mean the curve is q(α): use bayes");

        int task = table.Column("task"), model = table.Column("model");
        if (theory is not null && (task < 0 || table.Rows.Any(r => r[task] != "teacher")))
            throw UsageException.Field("theory", theory, "is the teacher–student curve; the sweep holds other tasks");
        if (theory is not null && model >= 0 && table.Rows.FirstOrDefault(r => r[model] is not ("perceptron" or "")) is { } other)
            throw UsageException.Field("theory", theory, $"is the curve of the binary perceptron; the sweep holds --model {other[model]} rows");
        int seedsColumn = table.Column("seeds");
        var grid = table.Header.Take(seedsColumn < 0 ? table.Header.Count : seedsColumn).ToList();
        List<int> series;
        if (byColumns is null)
            series = Enumerable.Range(0, grid.Count).Where(c => c != xi && table.Rows.Select(r => r[c]).Distinct().Count() > 1 && grid[c] != "p").ToList();
        else
            series = byColumns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c =>
                table.Column(c) is var k and >= 0 ? k : throw UsageException.Field("by", byColumns, $"'{c}' is not a column of summary.csv")).ToList();

        static double Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
        // One series column: "rule=cp"; several: their values ("uniform, annealed, edge"), the columns named in the title.
        string Label(IReadOnlyList<string> r) => series.Count == 1 ? $"{table.Header[series[0]]}={r[series[0]]}" : string.Join(", ", series.Select(c => r[c].Length == 0 ? "–" : r[c]));
        var groups = table.Rows.GroupBy(Label).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Points: g.Select(r => (X: Number(r[xi]), Y: Number(r[mean]), E: sem < 0 ? 0 : Number(r[sem])))
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray()))
            .Where(g => g.Points.Length > 0).ToList();
        if (groups.Count == 0) throw UsageException.Field("y", yName, $"has no finite values against --x {xColumn} in {summary} (a column for another task or rule, or a non-numeric x)");
        var xValues = groups.SelectMany(g => g.Points.Select(p => p.X)).Distinct().ToList();
        if (xValues.Count < 2)
            throw UsageException.Field("x", xColumn, $"does not vary in {summary} (every point has {xColumn} = {xValues[0].ToString(CultureInfo.InvariantCulture)}); choose a column that varies" +
                (series.Count > 0 ? $": {string.Join(", ", series.Select(c => table.Header[c]))}" : ""));
        if (theory is not null && xColumn != "alpha") throw UsageException.Field("theory", theory, "needs --x alpha");
        var plot = new ScottPlot.Plot();
        for (int g = 0; g < groups.Count; g++)
        {
            var points = groups[g].Points;
            FigureStyle.AddSeries(plot, g, points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), points.Select(p => p.E).ToArray(),
                groups[g].Key.Length == 0 ? yName : groups[g].Key);
        }
        if (theory is not null)
        {
            double hi = xValues.Max();
            var alphas = Enumerable.Range(1, 200).Select(k => hi * k / 200.0).ToArray();
            var curve = TeacherStudentTheory.Curve(alphas);
            var ys = curve.Select(p => yName == "overlap_posterior_mean" ? p.Overlap : theory == "bayes" ? p.EpsBayes : p.EpsGibbs).ToArray();
            string spinodal = ThresholdFinder.Spinodal().Alpha.ToString("F3", CultureInfo.InvariantCulture);
            string what = theory == "bayes" ? (yName == "overlap_posterior_mean" ? "RS theory q(α) (state evolution)" : "RS theory ε_Bayes = arccos(√q)/π")
                : "RS theory ε_Gibbs = arccos(q)/π";
            string branch = yName == "overlap_posterior_mean" ? $"branch from q = 0: jumps to 1 at α_sp = {spinodal}" : $"branch from q = 0: drops to 0 at α_sp = {spinodal}";
            FigureStyle.AddTheory(plot, alphas, ys, $"{what}, {branch}");
        }
        FigureStyle.Decorate(plot, $"{yName} against {xColumn}{(series.Count > 1 ? $" by {string.Join(", ", series.Select(c => table.Header[c]))}" : "")} (mean ± sem over seeds)", FigureStyle.AxisLabel(xColumn), FigureStyle.AxisLabel(yName));
        string svg = Path.ChangeExtension(png, ".svg");
        if (Directory.Exists(png) || Directory.Exists(svg)) throw UsageException.Field("out", png, "is a directory");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(png))!);
            FigureStyle.Save(plot, png); // both figures drawn to temp files first, then renamed: a failure while drawing leaves the old pair
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.Field("out", png, $"cannot be written: {e.Message}");
        }
        return [png, svg];
    }
}
