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
    /// <summary>Axis labels with units for the columns a physicist plots most.</summary>
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["alpha"] = "load α = P/N", ["n"] = "N (synapses)", ["copies"] = "copies M", ["lambda2"] = "λ₂(Q)",
        ["eps_g"] = "generalisation error ε_g = arccos(R)/π", ["test_error"] = "test error (fraction misclassified)",
        ["train_error"] = "training error (fraction of patterns)", ["overlap_R"] = "teacher overlap R = w·w*/N",
        ["overlap_posterior_mean"] = "posterior overlap m·w*/N", ["diversity"] = "replica diversity 1 − q", ["solved"] = "fraction solved",
        ["eps_g_consensus"] = "ε_g of the consensus student", ["eps_g_posterior"] = "ε of the posterior-mean predictor sign(m·ξ)", ["eps_g_best"] = "ε_g of the best copy",
    };

    public static Command Build(TextWriter stdout)
    {
        var command = new Command("plot", "plot an observable of a finished sweep (summary.csv: mean ± sem over seeds) against a grid column, as PNG and SVG");
        var dir = new Argument<string>("DIR") { Description = "a sweep's output directory (holding summary.csv)" };
        var x = new Option<string>("--x") { Description = "grid column on the x axis", DefaultValueFactory = _ => "alpha" };
        var y = new Option<string>("--y") { Description = "observable on the y axis (a points.csv column)", DefaultValueFactory = _ => "eps_g" };
        var by = new Option<string>("--by") { Description = "comma-separated grid columns, one series per value (default: every other column that varies)" };
        var theory = new Option<string>("--theory") { Description = "overlay the RS theory curve of the teacher–student perceptron: bayes (ε_Bayes, or q for overlap_posterior_mean) or gibbs (ε_Gibbs)" };
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

        int task = table.Column("task");
        if (theory is not null && (task < 0 || table.Rows.Any(r => r[task] != "teacher")))
            throw UsageException.Field("theory", theory, "is the teacher–student curve; the sweep holds other tasks");
        int seedsColumn = table.Column("seeds");
        var grid = table.Header.Take(seedsColumn < 0 ? table.Header.Count : seedsColumn).ToList();
        List<int> series;
        if (byColumns is null)
            series = Enumerable.Range(0, grid.Count).Where(c => c != xi && table.Rows.Select(r => r[c]).Distinct().Count() > 1 && grid[c] != "p").ToList();
        else
            series = byColumns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c =>
                table.Column(c) is var k and >= 0 ? k : throw UsageException.Field("by", byColumns, $"'{c}' is not a column of summary.csv")).ToList();

        static double Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
        var plot = new ScottPlot.Plot();
        int drawn = 0;
        foreach (var group in table.Rows.GroupBy(r => string.Join(", ", series.Select(c => $"{table.Header[c]}={r[c]}"))).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var points = group.Select(r => (X: Number(r[xi]), Y: Number(r[mean]), E: sem < 0 ? 0 : Number(r[sem])))
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray();
            if (points.Length == 0) continue;
            drawn += points.Length;
            double[] xs = points.Select(p => p.X).ToArray(), ys = points.Select(p => p.Y).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = group.Key.Length == 0 ? yName : group.Key;
            var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => double.IsFinite(p.E) ? p.E : 0).ToArray());
            bars.Color = line.Color;
        }
        if (drawn == 0) throw UsageException.Field("y", yName, $"has no finite values against --x {xColumn} in {summary} (a column for another task or rule, or a non-numeric x)");
        if (theory is not null)
        {
            var xs = table.Rows.Select(r => Number(r[xi])).Where(double.IsFinite).ToArray();
            if (xColumn != "alpha") throw UsageException.Field("theory", theory, "needs --x alpha");
            double hi = xs.Length == 0 ? 3 : xs.Max();
            var alphas = Enumerable.Range(1, 200).Select(k => hi * k / 200.0).ToArray();
            var curve = TeacherStudentTheory.Curve(alphas);
            var ys = curve.Select(p => yName == "overlap_posterior_mean" ? p.Overlap : theory == "bayes" ? p.EpsBayes : p.EpsGibbs).ToArray();
            var line = plot.Add.Scatter(alphas, ys);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.Color = ScottPlot.Colors.Black;
            line.LinePattern = ScottPlot.LinePattern.Dashed;
            line.LegendText = theory == "bayes" ? (yName == "overlap_posterior_mean" ? "RS theory q(α) (state evolution)" : "RS theory ε_Bayes = arccos(√q)/π")
                : "RS theory ε_Gibbs = arccos(q)/π";
        }
        plot.XLabel(Labels.GetValueOrDefault(xColumn, xColumn));
        plot.YLabel(Labels.GetValueOrDefault(yName, yName));
        plot.Title($"{yName} against {xColumn} (mean ± sem over seeds)");
        plot.ShowLegend();
        string svg = Path.ChangeExtension(png, ".svg");
        if (Directory.Exists(png) || Directory.Exists(svg)) throw UsageException.Field("out", png, "is a directory");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(png))!);
            // Both figures are drawn to temp files first, then renamed: a failure while drawing leaves the old pair.
            AtomicFile.Write(png, pngTmp => AtomicFile.Write(svg, svgTmp =>
            {
                plot.SavePng(pngTmp, 1000, 650);
                plot.SaveSvg(svgTmp, 1000, 650);
            }, overwrite: true), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.Field("out", png, $"cannot be written: {e.Message}");
        }
        return [png, svg];
    }
}
