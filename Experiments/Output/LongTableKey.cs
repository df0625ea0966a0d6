using System.Globalization;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The leading columns of a long-format table (q_matrix.csv, R_matrix.csv, trajectory.csv, barrier.csv, path.csv): task_id,
/// which points.csv carries too, then the grid parameters that vary between the run's tasks, always with rule and seed,
/// in parameter-table order. points.csv holds every other parameter of a task under the same task_id.
/// </summary>
public sealed class LongTableKey
{
    /// <summary>The parameters that are always among the grid columns, whether they vary or not.</summary>
    private static readonly Parameter[] Always = [Parameters.Rule, Parameters.Seed];

    private readonly int[] _columns; // indices into Parameters.All

    /// <summary>The key of the tasks <paramref name="tasks"/> (task i at index i).</summary>
    public LongTableKey(IReadOnlyList<RunConfig> tasks)
    {
        var values = tasks.Select(c => c.ToValues()).ToList();
        _columns = Enumerable.Range(0, Parameters.All.Count)
            .Where(k => Always.Contains(Parameters.All[k]) || values.Select(v => v[k].Value).Distinct().Skip(1).Any()).ToArray();
        Header = string.Join(',', new[] { ResultColumns.TaskId }.Concat(_columns.Select(k => Parameters.All[k].Column)));
    }

    /// <summary>The comma-joined column names.</summary>
    public string Header { get; }

    /// <summary>The comma-joined cells of task <paramref name="taskId"/> with config <paramref name="config"/>.</summary>
    public string Cells(int taskId, RunConfig config)
    {
        var values = config.ToValues();
        return string.Join(',', new[] { taskId.ToString(CultureInfo.InvariantCulture) }.Concat(_columns.Select(k => ResultWriter.Csv(values[k].Value))));
    }
}
