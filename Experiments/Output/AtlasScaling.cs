using MCoverPhysics.Analysis.Statistics;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// How the atlas's Δε_g scales with N: the cells of one method on base points that differ only in N (and the clip bound
/// that follows it), fitted by
/// Δε_g(N) = Δε_∞ + b/N with weights 1/s² (<see cref="FiniteSizeExtrapolation"/>, the fit of <c>mcover extrapolate</c>).
/// </summary>
/// <remarks>docs/mcover.md#the-atlas.</remarks>
public static class AtlasScaling
{
    /// <summary>One method's Δε_g (a measure) against N on one base point (without N).</summary>
    /// <param name="Base">The base point without its n.</param>
    /// <param name="Method">The method.</param>
    /// <param name="N">The sizes, increasing.</param>
    /// <param name="Mean">Δε at each N.</param>
    /// <param name="Sem">Its standard error at each N.</param>
    /// <param name="Fit">Δε_∞ + b/N; null when fewer than two N have a standard error &gt; 0.</param>
    public sealed record Series(string Base, string Method, int[] N, double[] Mean, double[] Sem, FiniteSizeExtrapolation? Fit);

    /// <summary>Every method seen at two or more N on the same base point, for measure <paramref name="measure"/>.</summary>
    public static IReadOnlyList<Series> Compute(IReadOnlyList<AtlasReport.Cell> cells, int measure = 0)
    {
        var series = new List<Series>();
        foreach (var group in cells.GroupBy(c => (Base: WithoutN(c.Base), c.Method)))
        {
            var points = group.Select(c => (N: int.TryParse(AtlasReport.Field(c.Base, "n"), out int n) ? n : 0, c.Mean[measure], c.Sem.Length > measure ? c.Sem[measure] : double.NaN))
                .Where(p => p.N > 0 && double.IsFinite(p.Item2)).OrderBy(p => p.N).ToArray();
            if (points.Select(p => p.N).Distinct().Count() < 2) continue;
            var fitted = points.Where(p => p.Item3 > 0 && double.IsFinite(p.Item3)).ToArray();
            var fit = fitted.Select(p => p.N).Distinct().Count() >= 2
                ? FiniteSizeExtrapolation.Fit(fitted.Select(p => (double)p.N).ToArray(), fitted.Select(p => p.Item2).ToArray(), fitted.Select(p => p.Item3).ToArray())
                : null;
            series.Add(new Series(group.Key.Base, group.Key.Method, points.Select(p => p.N).ToArray(), points.Select(p => p.Item2).ToArray(), points.Select(p => p.Item3).ToArray(), fit));
        }
        return series;
    }

    /// <summary>The base point's key without its n entry and the clip bound (by default the odd number nearest 2√n, so it follows N).</summary>
    public static string WithoutN(string key) => string.Join(" ", key.Split(' ').Where(x => !x.StartsWith("n=", StringComparison.Ordinal) && !x.StartsWith("bound=", StringComparison.Ordinal)));
}
