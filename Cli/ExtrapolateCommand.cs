using System.CommandLine;
using System.Globalization;
using System.Text;
using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover extrapolate DIR --y eps_g</c>: for each series of grid points that differ only in N, the weighted
/// least-squares fit y(N) = y_∞ + b/N of the seed means (weights 1/sem²), written to DIR/extrapolation-Y.csv.
/// </summary>
internal static class ExtrapolateCommand
{
    public static Command Build(TextWriter stdout)
    {
        var command = new Command("extrapolate",
            "finite-size extrapolation of an observable of a finished sweep over several n: per series of grid points that differ only in n, " +
            "the weighted least-squares fit y = y_inf + b/N of the seed means (weights 1/sem²); writes DIR/extrapolation-Y.csv");
        var dir = new Argument<string>("DIR") { Description = "a finished sweep over at least two n (holding summary.csv)" };
        var y = new Option<string>("--y") { Description = "observable column of points.csv, e.g. eps_g, overlap_R, train_error, q_mean", Required = true };
        command.Arguments.Add(dir);
        command.Options.Add(y);
        command.SetAction(parse => Execute(parse.GetValue(dir)!, parse.GetValue(y)!, stdout));
        return command;
    }

    /// <summary>The parameter names the config in run.json gives (null when run.json is absent or unreadable).</summary>
    private static HashSet<string>? GivenParameters(string dir)
    {
        try
        {
            var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run.json")))?["config"]?.AsObject();
            return config is null ? null : RunRecord.GivenParameters(config);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string F(double x) => double.IsNaN(x) ? "NaN" : x.ToString("G10", CultureInfo.InvariantCulture);

    private static int Execute(string dir, string y, TextWriter stdout)
    {
        var summary = Path.Combine(dir, "summary.csv");
        if (!File.Exists(summary)) throw UsageException.Argument("DIR", dir, "holds no summary.csv (not a finished sweep)");
        if (ResultWriter.Observables.All(o => o.Name != y))
            throw UsageException.Field("y", y, $"is not an observable; expected one of {string.Join(", ", ResultWriter.Observables.Select(o => o.Name))}");
        CsvTable table;
        try { table = CsvTable.Read(summary); }
        catch (FormatException e) { throw UsageException.Argument("DIR", dir, $"has a malformed summary.csv: {e.Message}"); }
        int nCol = table.Column("n"), mean = table.Column($"{y}_mean"), sem = table.Column($"{y}_sem");
        if (nCol < 0 || mean < 0 || sem < 0) throw UsageException.Argument("DIR", dir, $"summary.csv lacks n, {y}_mean or {y}_sem");
        // A series: every parameter given in the sweep's config except n equal. Parameters left at their defaults are
        // constant, or, like k = auto (the odd number nearest 2√N), functions of n that must not split a series.
        var given = GivenParameters(dir);
        var keyCols = Parameters.All.Where(p => p.Name is not ("n" or "seed") && (given is null ? p.Name != "bound" : given.Contains(p.Name)))
            .Select(p => table.Column(p.Column)).Where(c => c >= 0).ToList();
        var series = table.Rows.GroupBy(r => string.Join("\u0001", keyCols.Select(c => r[c]))).ToList();
        var varying = keyCols.Where(c => table.Rows.Select(r => r[c]).Distinct().Count() > 1).ToList();
        var sb = new StringBuilder();
        sb.AppendJoin(',', varying.Select(c => table.Header[c]).Concat(["y", "sizes", "n_min", "n_max", $"{y}_inf", $"{y}_inf_err", "slope_b", "slope_b_err", "chi2", "dof"])).Append('\n');
        int fitted = 0;
        var skipped = new List<string>();
        foreach (var s in series)
        {
            var rows = s.OrderBy(r => double.Parse(r[nCol], CultureInfo.InvariantCulture)).ToList();
            var label = varying.Count == 0 ? "the sweep" : string.Join(" ", varying.Select(c => $"{table.Header[c]}={rows[0][c]}"));
            var ns = rows.Select(r => double.Parse(r[nCol], CultureInfo.InvariantCulture)).ToList();
            var ys = rows.Select(r => double.Parse(r[mean], CultureInfo.InvariantCulture)).ToList();
            var es = rows.Select(r => double.Parse(r[sem], CultureInfo.InvariantCulture)).ToList();
            FiniteSizeExtrapolation fit;
            try { fit = FiniteSizeExtrapolation.Fit(ns, ys, es); }
            catch (ArgumentException e)
            {
                skipped.Add($"{label}: {e.Message}");
                continue;
            }
            fitted++;
            sb.AppendJoin(',', varying.Select(c => ResultWriter.Csv(rows[0][c]))
                .Concat([y, ns.Count.ToString(CultureInfo.InvariantCulture), F(ns[0]), F(ns[^1]), F(fit.Intercept), F(fit.InterceptError), F(fit.Slope), F(fit.SlopeError), F(fit.ChiSquare),
                    fit.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture)])).Append('\n');
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {y}(N → ∞) = {fit.Intercept:G6} ± {fit.InterceptError:G3}  (b = {fit.Slope:G4} ± {fit.SlopeError:G3}, χ²/dof = {fit.ChiSquare:G3}/{fit.DegreesOfFreedom}, N = {ns[0]}…{ns[^1]})"));
        }
        foreach (var s in skipped) stdout.WriteLine($"skipped {s}");
        if (fitted == 0) throw UsageException.Argument("DIR", dir, $"has no series with two or more n and finite sem > 0 to extrapolate ({skipped.FirstOrDefault()})");
        var path = Path.Combine(dir, $"extrapolation-{y}.csv");
        AtomicFile.Write(path, tmp => File.WriteAllText(tmp, sb.ToString()), overwrite: true); // derived from summary.csv: redone in place like a figure
        stdout.WriteLine($"wrote {path} ({fitted} series)");
        return 0;
    }
}
