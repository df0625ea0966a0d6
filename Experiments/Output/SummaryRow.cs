using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Output;

/// <summary>What a summary.csv cell is written from: one grid point and its statistics over seeds.</summary>
/// <param name="Point">The grid point's config (its first seed).</param>
/// <param name="Values">Its parameter values in table order (<see cref="RunConfig.ToValues"/>).</param>
/// <param name="Seeds">Seeds run at the point.</param>
/// <param name="Stats">Mean, sem and t interval per observable, in the order of <see cref="ResultWriter.Observables"/>.</param>
/// <param name="Boot">Percentile-bootstrap interval of the mean per observable.</param>
/// <param name="Solved">Wilson interval of P(solved).</param>
public readonly record struct SummaryRow(RunConfig Point, IReadOnlyList<KeyValuePair<string, string>> Values, int Seeds,
    IReadOnlyList<SeedSummary> Stats, IReadOnlyList<(double Lo, double Hi)> Boot, (double Lo, double Hi) Solved);
