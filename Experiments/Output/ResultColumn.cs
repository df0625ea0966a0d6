using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>One column of points.csv: its name, class (which fixes its place), legend, and how a row's cell is written.</summary>
/// <param name="Name">Column name (a parameter's flag name with '-' as '_', or an observable's name).</param>
/// <param name="Class">Key, grid parameter, observable or provenance.</param>
/// <param name="Legend">Meaning and unit.</param>
/// <param name="Cell">The cell of a row.</param>
public sealed record ResultColumn(string Name, ColumnClass Class, string Legend, Func<ResultRow, string> Cell);

/// <summary>What a cell is written from: the result, its task index, and its parameter values in table order (<see cref="Config.RunConfig.ToValues"/>).</summary>
/// <param name="Result">The (grid point, seed) result.</param>
/// <param name="TaskId">Index of the task in the run's task list (run.json's tasks, tasks/task-NNNNNN records), from 0.</param>
/// <param name="Values">The parameter values as text, one per entry of <see cref="Config.Parameters.All"/>.</param>
public readonly record struct ResultRow(PointResult Result, int TaskId, IReadOnlyList<KeyValuePair<string, string>> Values);
