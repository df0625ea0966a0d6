namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The role of a result column, which fixes its place in every table: the key (task_id), then the grid parameters (the
/// physics configuration and what follows from it), then the observables (measured), then provenance (how and by what
/// binary a row was computed). Columns are sorted by class, in their table order within a class.
/// </summary>
public enum ColumnClass
{
    /// <summary>The row's identity shared by every table of a run (task_id).</summary>
    Key,
    /// <summary>A parameter of the run (the table of <see cref="Config.Parameters"/>) or a value derived from them (p, λ₂).</summary>
    Grid,
    /// <summary>A measured quantity (<see cref="ResultWriter.Observables"/>) or its statistics over seeds.</summary>
    Observable,
    /// <summary>Cost and origin: seconds, package version, git commit.</summary>
    Provenance,
}
