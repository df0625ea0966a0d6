using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The atlas (docs/results/atlas.md, <c>mcover atlas</c>): every lift or coupling of a sweep against M independent copies
/// (kernel identity, no coupling) on the same base point (model, data, rule, M, N, α, budget) and the same seeds. Per cell:
/// paired differences Δε_g per copy (eps_g), of the consensus student and of the routed ensemble (test_error_routed against
/// the copies' output majority), Δ(1 − q), Δ solved and the cost ratio, with 95% percentile-bootstrap intervals; paired
/// two-sided t-tests of the three Δε_g, Benjamini–Hochberg over every test of the atlas; figures Δε_g against λ₂ and
/// against 1 − q.
/// </summary>
public static partial class AtlasReport
{
    /// <summary>Columns that name the method (lift or coupling) of a row; every other parameter column (but seed) is the base point.</summary>
    public static readonly string[] MethodColumns = ["kernel", "schedule", "granularity", "sampler", "routing", "cycle_weight", "wiring", "kernel_to", "kernel_ramp", "coupling", "gamma", "gamma_step", "lambda"];

    /// <summary>The compared observables: column, label, and whether it enters the significance tests.</summary>
    private static readonly (string Column, string Label, bool Tested)[] Measures =
    [
        ("eps_g", "Δε_g per copy", true), ("eps_g_consensus", "Δε_g consensus", true), ("test_error_routed", "Δε routed ensemble", true),
        ("diversity", "Δ(1 − q)", false), ("solved", "Δ solved", false),
    ];

    /// <summary>Bootstrap resamples per interval.</summary>
    public const int Resamples = 2000;

    /// <summary>One compared cell: a method on a base point, with its paired differences.</summary>
    public sealed record Cell(string Base, string Method, double Lambda2, double Diversity, int Pairs, double[] Mean, double[] Low, double[] High, double[] P, double CostRatio)
    {
        /// <summary>Benjamini–Hochberg-adjusted p-values of the tested measures.</summary>
        public double[] Q { get; init; } = [];

        /// <summary>Standard error of each measure's mean difference, s/√pairs.</summary>
        public double[] Sem { get; init; } = [];
    }

    /// <summary>The cells of a sweep's points.csv (rows with an empty seed or without a reference are skipped).</summary>
    public static IReadOnlyList<Cell> Compute(CsvTable table)
    {
        int Col(string name) => table.Column(name) is var c and >= 0 ? c : throw new FormatException($"points.csv has no column {name}");
        var parameters = Parameters.All.Select(p => p.Column).Where(c => table.Column(c) >= 0 && c != "seed" && !MethodColumns.Contains(c)).ToArray();
        var methods = MethodColumns.Where(c => table.Column(c) >= 0).ToArray();
        int seed = Col("seed"), lambda2 = Col("lambda2"), seconds = Col("seconds");
        string Key(IReadOnlyList<string> row, string[] columns) => string.Join(" ", columns.Where(c => row[table.Column(c)].Length > 0).Select(c => $"{c}={row[table.Column(c)]}"));
        bool Reference(IReadOnlyList<string> row) => row[table.Column("kernel")] == "identity" && (table.Column("coupling") < 0 || row[table.Column("coupling")] is "none" or "");
        var cells = new List<Cell>();
        foreach (var point in table.Rows.GroupBy(r => Key(r, parameters)))
        {
            var reference = point.Where(Reference).GroupBy(r => r[seed]).ToDictionary(g => g.Key, g => g.First());
            if (reference.Count == 0) continue;
            foreach (var method in point.Where(r => !Reference(r)).GroupBy(r => Key(r, methods)))
            {
                var pairs = method.GroupBy(r => r[seed]).Where(g => reference.ContainsKey(g.Key)).Select(g => (Run: g.First(), Ref: reference[g.Key])).ToList();
                if (pairs.Count < 2) continue;
                int k = Measures.Length;
                var mean = new double[k]; var low = new double[k]; var high = new double[k]; var p = new double[k]; var sem = new double[k];
                for (int m = 0; m < k; m++)
                {
                    int c = Col(Measures[m].Column);
                    var d = pairs.Select(x => R(x.Run[c]) - R(x.Ref[c])).Where(double.IsFinite).ToArray();
                    (mean[m], low[m], high[m], p[m]) = d.Length < 2 ? (double.NaN, double.NaN, double.NaN, double.NaN) : Paired(d, Key(pairs[0].Run, parameters) + Key(pairs[0].Run, methods) + m);
                    sem[m] = d.Length < 2 ? double.NaN : Math.Sqrt(d.Sum(x => (x - mean[m]) * (x - mean[m])) / (d.Length - 1) / d.Length);
                }
                double cost = pairs.Sum(x => R(x.Run[seconds])) / Math.Max(1e-12, pairs.Sum(x => R(x.Ref[seconds])));
                cells.Add(new Cell(point.Key, method.Key, R(method.First()[lambda2]), pairs.Average(x => R(x.Run[Col("diversity")])), pairs.Count, mean, low, high, p, cost) { Sem = sem });
            }
        }
        return WithBenjaminiHochberg(cells);
    }

    /// <summary>Mean, 95% percentile-bootstrap interval (seeded by the cell's name: reproducible) and the two-sided paired t-test p.</summary>
    internal static (double Mean, double Low, double High, double P) Paired(double[] d, string name)
    {
        int n = d.Length;
        double mean = d.Average(), sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        double p = sd == 0 ? (mean == 0 ? 1 : 0) : 2 * StudentT.CDF(0, 1, n - 1, -Math.Abs(mean / (sd / Math.Sqrt(n))));
        var rng = RngStream.For((ulong)StableHash(name), StreamTag.Routing);
        var means = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += d[rng.NextInt(n)];
            means[b] = s / n;
        }
        Array.Sort(means);
        return (mean, means[(int)(0.025 * Resamples)], means[(int)(0.975 * Resamples) - 1], p);
    }

    /// <summary>Benjamini–Hochberg adjusted p-values q over every tested measure of every cell (the whole atlas).</summary>
    internal static IReadOnlyList<Cell> WithBenjaminiHochberg(List<Cell> cells)
    {
        var tests = new List<(int Cell, int Measure, double P)>();
        for (int c = 0; c < cells.Count; c++)
            for (int m = 0; m < Measures.Length; m++)
                if (Measures[m].Tested && double.IsFinite(cells[c].P[m])) tests.Add((c, m, cells[c].P[m]));
        var adjusted = BenjaminiHochberg(tests.Select(t => t.P).ToArray());
        var q = cells.Select(_ => Enumerable.Repeat(double.NaN, Measures.Length).ToArray()).ToArray();
        for (int t = 0; t < tests.Count; t++) q[tests[t].Cell][tests[t].Measure] = adjusted[t];
        return cells.Select((c, i) => c with { Q = q[i] }).ToList();
    }

    /// <summary>q_(i) = min_{j ≥ i} p_(j)·T/j over the sorted p-values (Benjamini &amp; Hochberg, JRSS B 57, 289 (1995)).</summary>
    public static double[] BenjaminiHochberg(double[] p)
    {
        int t = p.Length;
        var order = Enumerable.Range(0, t).OrderBy(i => p[i]).ToArray();
        var q = new double[t];
        double running = 1;
        for (int r = t - 1; r >= 0; r--)
        {
            running = Math.Min(running, p[order[r]] * t / (r + 1));
            q[order[r]] = running;
        }
        return q;
    }

    /// <summary>The value of entry <paramref name="name"/> in a key "a=1 b=2" ("" when absent).</summary>
    internal static string Field(string key, string name) => key.Split(' ').FirstOrDefault(x => x.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "";
    private static double R(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;
    private static string G(double x) => double.IsNaN(x) ? "—" : x.ToString("G3", CultureInfo.InvariantCulture);
    private static int StableHash(string s) { unchecked { int h = 17; foreach (char c in s) h = h * 31 + c; return h & int.MaxValue; } }
}
