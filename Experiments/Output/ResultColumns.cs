using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The columns of the result tables, built from the typed tables (<see cref="Parameters.All"/>,
/// <see cref="ResultWriter.Observables"/>) and ordered by <see cref="ColumnClass"/>: key → grid parameters →
/// observables → provenance. A parameter or observable added to its table falls into its place here; nothing lists
/// columns by hand. Every column is documented in docs/physics/observables.md (a test checks).
/// </summary>
public static class ResultColumns
{
    /// <summary>The key column every table of a run carries: the task's index in run.json's tasks, from 0.</summary>
    public const string TaskId = "task_id";

    /// <summary>Every column of points.csv, in order.</summary>
    public static IReadOnlyList<ResultColumn> Points()
    {
        var columns = new List<ResultColumn>
        {
            new(TaskId, ColumnClass.Key, "index of the task in run.json's tasks (0, 1, …): joins points.csv to q_matrix.csv, R_matrix.csv, trajectory.csv, barrier.csv and path.csv", r => I(r.TaskId)),
        };
        columns.AddRange(Parameters.All.Select((p, k) => new ResultColumn(p.Column, ColumnClass.Grid, p.Help, r => ResultWriter.Csv(r.Values[k].Value))));
        columns.Add(new("p", ColumnClass.Grid, "number of training patterns P = max(1, round(αN)) (mlp: α·weights for generated data, the data set's size for fashion-mnist)", r => I(r.Result.Config.P)));
        columns.Add(new("lambda2", ColumnClass.Grid, "λ₂(Q): the largest eigenvalue modulus of the mixing kernel after the leading 1 (NaN for M = 1)", r => F(r.Result.Config.Lambda2)));
        columns.AddRange(ResultWriter.Observables.Select(o => new ResultColumn(o.Name, ColumnClass.Observable, o.Legend, r => F(o.Value(r.Result)))));
        columns.Add(new("seconds", ColumnClass.Provenance, "wall time of data generation, training and measurement, s", r => F(r.Result.Seconds)));
        columns.AddRange(ProvenanceColumns<ResultRow>().Select(c => new ResultColumn(c.Name, ColumnClass.Provenance, c.Legend, c.Cell)));
        return Ordered(columns, c => c.Class);
    }

    /// <summary>Every column of summary.csv (one row per grid point), in order.</summary>
    public static IReadOnlyList<SummaryColumn> Summary()
    {
        var columns = new List<SummaryColumn>();
        columns.AddRange(Parameters.All.Select((p, k) => (p, k)).Where(x => x.p != Parameters.Seed)
            .Select(x => new SummaryColumn(x.p.Column, ColumnClass.Grid, x.p.Help, s => ResultWriter.Csv(s.Values[x.k].Value))));
        columns.Add(new("p", ColumnClass.Grid, "number of training patterns P", s => I(s.Point.P)));
        columns.Add(new("seeds", ColumnClass.Grid, "number of seeds run at the point (including those with NaN values)", s => I(s.Seeds)));
        foreach (var (o, k) in ResultWriter.Observables.Select((o, k) => (o, k)))
        {
            columns.Add(new($"{o.Name}_mean", ColumnClass.Observable, $"mean over seeds of {o.Name}", s => F(s.Stats[k].Mean)));
            columns.Add(new($"{o.Name}_sem", ColumnClass.Observable, $"standard error of {o.Name}_mean", s => F(s.Stats[k].Sem)));
            columns.Add(new($"{o.Name}_ci_lo", ColumnClass.Observable, "Student-t 95% interval, lower end", s => F(s.Stats[k].CiLo)));
            columns.Add(new($"{o.Name}_ci_hi", ColumnClass.Observable, "Student-t 95% interval, upper end", s => F(s.Stats[k].CiHi)));
            columns.Add(new($"{o.Name}_boot_lo", ColumnClass.Observable, "percentile-bootstrap 95% interval of the mean, lower end", s => F(s.Boot[k].Lo)));
            columns.Add(new($"{o.Name}_boot_hi", ColumnClass.Observable, "percentile-bootstrap 95% interval of the mean, upper end", s => F(s.Boot[k].Hi)));
        }
        columns.Add(new("solved_wilson_lo", ColumnClass.Observable, "Wilson 95% interval of P(solved), lower end", s => F(s.Solved.Lo)));
        columns.Add(new("solved_wilson_hi", ColumnClass.Observable, "Wilson 95% interval of P(solved), upper end", s => F(s.Solved.Hi)));
        columns.AddRange(ProvenanceColumns<SummaryRow>().Select(c => new SummaryColumn(c.Name, ColumnClass.Provenance, c.Legend, c.Cell)));
        return Ordered(columns, c => c.Class);
    }

    /// <summary>The header of <paramref name="columns"/>.</summary>
    public static string Header(IEnumerable<ResultColumn> columns) => string.Join(',', columns.Select(c => c.Name));

    /// <summary>The cells of <paramref name="columns"/> for task <paramref name="taskId"/>'s result, comma-joined.</summary>
    public static string Cells(IEnumerable<ResultColumn> columns, PointResult result, int taskId)
    {
        var row = new ResultRow(result, taskId, result.Config.ToValues());
        return string.Join(',', columns.Select(c => c.Cell(row)));
    }

    private static IEnumerable<(string Name, string Legend, Func<T, string> Cell)> ProvenanceColumns<T>() =>
    [
        ("mcover_version", "package version of the binary that wrote the row", _ => Provenance.Version),
        ("git_commit", "commit the binary was built from (unknown outside a git checkout)", _ => Provenance.Commit),
    ];

    /// <summary>Stable sort by class: within a class, the order of the typed tables.</summary>
    private static IReadOnlyList<T> Ordered<T>(IEnumerable<T> columns, Func<T, ColumnClass> classOf) => columns.OrderBy(classOf).ToList();

    internal static string F(double x) => double.IsNaN(x) ? "NaN" : x.ToString("G10", CultureInfo.InvariantCulture);

    private static string I(long x) => x.ToString(CultureInfo.InvariantCulture);
}
