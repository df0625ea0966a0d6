using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The tasks of run.json as JSON: one object per task with its task_id and every parameter under its CSV column name,
/// numbers as JSON numbers, choices as strings, parameters the task does not use as null; so a script joins run.json
/// to points.csv on task_id or on the parameter columns. Records of older versions (flag names, every value a string)
/// read back the same.
/// </summary>
public static class RunRecord
{
    /// <summary>Task <paramref name="taskId"/> as a JSON object.</summary>
    public static JsonObject TaskJson(int taskId, RunConfig config)
    {
        var o = new JsonObject { [ResultColumns.TaskId] = taskId };
        var values = config.ToValues();
        for (int k = 0; k < values.Count; k++) o[Parameters.All[k].Column] = Parameters.All[k].Json(values[k].Value);
        return o;
    }

    /// <summary>Reads a task object written by <see cref="TaskJson"/> (or by an older version) back to its config; parameters
    /// a task does not use are not refused (<see cref="RunConfig.FromValues"/> with strict false).</summary>
    public static RunConfig ReadTask(JsonObject task)
    {
        var values = new Dictionary<string, string>();
        foreach (var (key, node) in task)
        {
            if (key == ResultColumns.TaskId) continue;
            var p = Parameters.Find(key) ?? throw new UsageException($"run.json task key '{key}' is not a parameter");
            values[p.Name] = node?.ToString() ?? "";
        }
        return RunConfig.FromValues(values, strict: false);
    }

    /// <summary>The flag names of the parameters a run.json config object gives (keys in either spelling).</summary>
    public static HashSet<string> GivenParameters(JsonObject config)
        => config.Select(kv => Parameters.Find(kv.Key)?.Name ?? kv.Key).ToHashSet();
}
