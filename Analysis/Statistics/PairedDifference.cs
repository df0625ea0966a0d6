namespace MCoverPhysics.Analysis.Statistics;

/// <summary>
/// Paired comparison over seeds: Δ_s = x_s − y_s for the seeds present in both, summarised like any observable.
/// Pairing removes the seed-to-seed variance shared by both (same teacher, patterns, initial states, pattern order).
/// </summary>
public static class PairedDifference
{
    /// <summary>Summary of x_s − y_s over the common seeds s (non-finite differences are dropped).</summary>
    public static SeedSummary Of(IReadOnlyDictionary<ulong, double> treatment, IReadOnlyDictionary<ulong, double> control)
        => SeedSummary.Of(treatment.Where(kv => control.ContainsKey(kv.Key)).Select(kv => kv.Value - control[kv.Key]));
}
