using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>One measured column: its name (shared by CSV, run.json and console), unit/legend, and how to read it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Legend">Meaning and unit.</param>
/// <param name="Value">Reads it from a result.</param>
public sealed record Observable(string Name, string Legend, Func<PointResult, double> Value);
