using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>One column of points.csv: its name, class (which fixes its place), legend, and how a row's cell is written.</summary>
/// <param name="Name">Column name (a parameter's flag name with '-' as '_', or an observable's name).</param>
/// <param name="Class">Key, grid parameter, observable or provenance.</param>
/// <param name="Legend">Meaning and unit.</param>
/// <param name="Cell">The cell of a row.</param>
public sealed record ResultColumn(string Name, ColumnClass Class, string Legend, Func<ResultRow, string> Cell);
