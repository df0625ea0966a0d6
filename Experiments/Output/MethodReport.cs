using System.Globalization;
using System.Text;
using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The comparison study (<c>--preset comparison</c>): one student, M independent students, replicated coupling, output
/// consensus and M-cover lifts on the same seeds. Per model and α: ε_g ± sem, the paired difference against M
/// independent students, diversity 1 − q, training error and wall time per task. Written as comparison.md and
/// comparison.png whenever a sweep holds more than one of these methods besides kernels alone (kernels alone are
/// <see cref="ComparisonReport"/>'s).
/// </summary>
public static class MethodReport
{
    /// <summary>Parameters that define a method (and the budget it gets); everything else must match for a pairing.</summary>
    private static readonly string[] MethodKeys = ["copies", "kernel", "schedule", "granularity", "sampler", "routing", "coupling", "gamma", "gamma-step", "lambda", "epochs", "seed"];

    /// <summary>
    /// The generalisation error compared: the output's, ε_g from the overlaps (= arccos(R)/π for the perceptron; for a
    /// committee the majority vote's disagreement, not the hidden units' arccos(R)/π of the eps_g column).
    /// </summary>
    public static double EpsG(PointResult r) => double.IsFinite(r.EpsGOverlap) ? r.EpsGOverlap : r.Observables.EpsG;

    private static string Value(RunConfig c, string key) => c.ToValues().First(kv => kv.Key == key).Value;

    private static string Baseline(RunConfig c) => string.Join(";", c.ToValues().Where(kv => !MethodKeys.Contains(kv.Key)).Select(kv => kv.Value));

    /// <summary>The method a config runs: one student, independent, replicated, consensus, or the M-cover lift with its kernel.</summary>
    public static string Method(RunConfig c) => c switch
    {
        { Copies: 1 } => "one student",
        _ when c.Coupling.Couples => c.Coupling.Name,
        _ when c.IsIdentityLift => "independent",
        _ => $"M-cover {c.KernelSpec}" + (c.Lift.Schedule == Lifts.Routing.Schedule.Annealed ? " annealed" : "") + c.Lift.Granularity switch { Lifts.Routing.Granularity.Word => " word", Lifts.Routing.Granularity.Unit => " unit", _ => "" },
    };

    private static int Order(string method) => method switch { "one student" => 0, "independent" => 1, "replicated" => 2, "consensus" => 3, _ => 4 };

    /// <summary>True when the sweep compares methods beyond kernels: couplings or a single student next to M copies.</summary>
    public static bool Applies(IReadOnlyList<PointResult> results)
    {
        var methods = results.Select(r => Method(r.Config)).Distinct().ToList();
        return methods.Count > 1 && methods.Any(m => m is "one student" or "replicated" or "consensus");
    }

    /// <summary>The markdown report.</summary>
    public static string Markdown(IReadOnlyList<PointResult> results, string title)
    {
        // One row per grid point (every parameter but the seed). Rows that share model, point and method but differ in a method
        // parameter (M, epochs, γ, λ, …) name the parameters that differ.
        var groups = results.GroupBy(r => ResultWriter.PointKey(r.Config)).Select(g => g.ToList()).ToList();
        var varying = groups.GroupBy(g => (Baseline(g[0].Config), Method(g[0].Config)))
            .ToDictionary(s => s.Key, s => MethodKeys.Where(k => k != "seed" && s.Select(g => Value(g[0].Config, k)).Distinct().Count() > 1).ToList());
        string Label(RunConfig c) => Method(c) + string.Concat(varying[(Baseline(c), Method(c))].Select(k => $" {k}={Value(c, k)}"));
        var independent = groups.Where(g => Method(g[0].Config) == "independent").ToList();
        // The reference of a row: M independent students at the same point, preferring the same M and epochs.
        List<PointResult>? Reference(RunConfig c)
        {
            var same = independent.Where(g => Baseline(g[0].Config) == Baseline(c)).ToList();
            return same.FirstOrDefault(g => g[0].Config.Copies == c.Copies && g[0].Config.Rule.Budget == c.Rule.Budget)
                ?? same.FirstOrDefault(g => g[0].Config.Copies == c.Copies) ?? (same.Count == 1 ? same[0] : null);
        }
        var rows = groups.Select(g =>
        {
            var c = g[0].Config;
            var eps = g.ToDictionary(r => r.Config.Seed, EpsG);
            var reference = Method(c) == "independent" ? null : Reference(c);
            var delta = reference is null ? null : PairedDifference.Of(eps, reference.ToDictionary(r => r.Config.Seed, EpsG));
            return (Config: c, Method: Label(c), Reference: Method(c) == "independent", Eps: SeedSummary.Of(eps.Values), Delta: delta,
                Diversity: SeedSummary.Of(g.Select(r => r.Observables.Diversity)), Train: SeedSummary.Of(g.Select(r => r.Observables.TrainError)),
                Seconds: g.Average(r => r.Seconds), Epochs: c.Rule.Budget, M: c.Copies);
        }).OrderBy(r => r.Config.Model.Name, StringComparer.Ordinal).ThenBy(r => r.Config.Alpha).ThenBy(r => Baseline(r.Config), StringComparer.Ordinal).ThenBy(r => Order(Method(r.Config)))
            .ThenBy(r => r.Method, StringComparer.Ordinal).ToList();

        static string F(double x, int d = 4) => double.IsNaN(x) ? "—" : x.ToString("F" + d, CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        var first = results[0].Config;
        sb.AppendLine($"# {title}").AppendLine();
        sb.AppendLine($"Generated by `mcover` {Provenance.Version} (commit {Provenance.Commit}): task {(first.Task == Models.Data.LearningTask.Storage ? "storage" : "teacher")}, " +
            $"rule {string.Join("/", results.Select(r => r.Config.Rule.Name).Distinct())}, N = {string.Join("/", results.Select(r => r.Config.N).Distinct())}, " +
            $"{results.Select(r => r.Config.Seed).Distinct().Count()} paired seeds (same teacher, patterns, initial state of copy a, pattern order and rule noise for a seed across methods).").AppendLine();
        sb.AppendLine("Budgets: every M-copy method runs the same epochs with the same M, so the same number of rule presentations; the single " +
            "student gets M times the epochs (equal total updates). Δε_g = ε_g(method) − ε_g(M independent students) on the same seed, mean ± sem; " +
            "negative means better than independent copies; * marks |Δ| > 2 sem. ε_g is the output's generalisation error: " +
            "arccos(R)/π for the perceptron, the majority vote's disagreement with the teacher from the overlap matrices for committees " +
            "(column eps_g_overlap). Wall time is the mean per task (one core per task).").AppendLine();
        sb.AppendLine("| model | α | method | M | epochs | ε_g ± sem | Δε_g ± sem | 1 − q | train error | wall s |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var tally = new Dictionary<(string Model, string Method), (int Better, int Worse, int Same)>();
        foreach (var r in rows)
        {
            string delta = r.Reference ? "(reference)" : "—";
            if (r.Delta is { } d)
            {
                bool sig = d.Count > 1 && Math.Abs(d.Mean) > 2 * d.Sem;
                var key = (ModelLabel(r.Config), Method(r.Config));
                var t = tally.GetValueOrDefault(key);
                tally[key] = sig && d.Mean < 0 ? (t.Better + 1, t.Worse, t.Same) : sig ? (t.Better, t.Worse + 1, t.Same) : (t.Better, t.Worse, t.Same + 1);
                delta = $"{F(d.Mean)} ± {F(d.Sem)}{(sig ? " *" : "")}";
            }
            sb.AppendLine($"| {ModelLabel(r.Config)} | {r.Config.Alpha.ToString(CultureInfo.InvariantCulture)} | {r.Method} | {r.M} | {r.Epochs} | {F(r.Eps.Mean)} ± {F(r.Eps.Sem)} | {delta} | " +
                $"{F(r.Diversity.Mean, 3)} | {F(r.Train.Mean)} | {F(r.Seconds, 3)} |");
        }
        sb.AppendLine().AppendLine("Against M independent students, per method (grid points where Δε_g is significantly negative / positive / indistinguishable):").AppendLine();
        foreach (var ((model, method), t) in tally.OrderBy(kv => kv.Key.Model, StringComparer.Ordinal).ThenBy(kv => Order(kv.Key.Method)).ThenBy(kv => kv.Key.Method, StringComparer.Ordinal))
            sb.AppendLine($"- {model}, {method}: {t.Better} better, {t.Worse} worse, {t.Same} indistinguishable");
        return sb.ToString();
    }

    private static string ModelLabel(RunConfig c)
    {
        var values = c.ToValues().ToDictionary(kv => kv.Key, kv => kv.Value);
        return values.TryGetValue("hidden", out var k) && c.IsCommittee ? $"{c.Model.Name} K={k} {values.GetValueOrDefault("arch", "")}".Trim() : c.Model.Name;
    }

    /// <summary>ε_g against α, one series per (model, method), with sem error bars (PNG).</summary>
    public static void Plot(IReadOnlyList<PointResult> results, string pngPath)
        => ComparisonReport.EpsPlot(results.GroupBy(r => $"{ModelLabel(r.Config)}: {Method(r.Config)}"), EpsG,
            "one student, independent copies, couplings and M-cover lifts (mean ± sem over seeds)", pngPath);
}
