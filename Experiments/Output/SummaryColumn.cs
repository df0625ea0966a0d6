namespace MCoverPhysics.Experiments.Output;

/// <summary>One column of summary.csv: its name, class (which fixes its place), legend, and how a grid point's cell is written.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Class">Grid parameter, observable statistic or provenance.</param>
/// <param name="Legend">Meaning and unit.</param>
/// <param name="Cell">The cell of a grid point.</param>
public sealed record SummaryColumn(string Name, ColumnClass Class, string Legend, Func<SummaryRow, string> Cell);
