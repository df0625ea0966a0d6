using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>What a cell is written from: the result, its task index, and its parameter values in table order (<see cref="Config.RunConfig.ToValues"/>).</summary>
/// <param name="Result">The (grid point, seed) result.</param>
/// <param name="TaskId">Index of the task in the run's task list (run.json's tasks, tasks/task-NNNNNN records), from 0.</param>
/// <param name="Values">The parameter values as text, one per entry of <see cref="Config.Parameters.All"/>.</param>
public readonly record struct ResultRow(PointResult Result, int TaskId, IReadOnlyList<KeyValuePair<string, string>> Values);
