namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The atlas's fixed-diversity comparison: a lift's Δε_g against the replicated coupling's Δε_g at the same 1 − q on the
/// same base point. The replicated cells (one per γ) give points (1 − q_γ, Δε_γ ± s_γ); Δε_rep(x) at the lift's x = 1 − q is
/// their linear interpolation between the two neighbouring γ, Δε_rep = (1 − t)·Δε_a + t·Δε_b with t = (x − x_a)/(x_b − x_a)
/// and s_rep² = (1 − t)²·s_a² + t²·s_b², or, outside the range the γ span, the nearest γ's value (flagged). The lift's gain survives at fixed diversity when
/// D = Δε_lift − Δε_rep(x) has its 95% interval D ± 1.96·√(s_lift² + s_rep²) below zero.
/// </summary>
/// <remarks>docs/mcover.md#the-atlas. The interval treats the two cells' errors as independent although they share the
/// reference seeds; the shared reference cancels in D, so the interval is conservative when the two are positively correlated.</remarks>
public static class AtlasFixedDiversity
{
    /// <summary>z of a two-sided 95% normal interval.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>The comparison of one lift cell and measure with the replicated coupling at the lift's 1 − q.</summary>
    /// <param name="Diversity">The lift's 1 − q, where the replicated Δε_g is read.</param>
    /// <param name="Replicated">Δε_rep at that 1 − q (interpolated, or the nearest γ's).</param>
    /// <param name="ReplicatedSem">Its standard error.</param>
    /// <param name="Inside">True when the 1 − q lies inside the range the replicated γ span (interpolated, not the nearest).</param>
    /// <param name="Difference">D = Δε_lift − Δε_rep.</param>
    /// <param name="Low">Lower end of D's 95% interval.</param>
    /// <param name="High">Upper end of D's 95% interval.</param>
    public sealed record Comparison(double Diversity, double Replicated, double ReplicatedSem, bool Inside, double Difference, double Low, double High)
    {
        /// <summary>Whether the lift's gain survives at fixed diversity, in words.</summary>
        public string Verdict => (High < 0 ? "survives (beats replicated)" : Low > 0 ? "no: replicated better" : "no: as replicated")
            + (Inside ? "" : " (nearest γ, outside its range)");
    }

    /// <summary>
    /// Δε of the replicated coupling at 1 − q = <paramref name="x"/> from its cells' points (1 − q, Δε, s): linear between the
    /// neighbours that bracket x (points at equal 1 − q are averaged), else the nearest point with <c>Inside</c> false.
    /// </summary>
    public static (double Value, double Sem, bool Inside) Interpolate(IReadOnlyList<(double X, double Y, double Sem)> points, double x)
    {
        var sorted = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Sem))
            .GroupBy(p => p.X).Select(g => (X: g.Key, Y: g.Average(p => p.Y), Sem: Math.Sqrt(g.Sum(p => p.Sem * p.Sem)) / g.Count()))
            .OrderBy(p => p.X).ToArray();
        if (sorted.Length == 0 || !double.IsFinite(x)) return (double.NaN, double.NaN, false);
        if (x <= sorted[0].X) return (sorted[0].Y, sorted[0].Sem, x == sorted[0].X);
        if (x >= sorted[^1].X) return (sorted[^1].Y, sorted[^1].Sem, x == sorted[^1].X);
        int b = Array.FindIndex(sorted, p => p.X >= x);
        var (lo, hi) = (sorted[b - 1], sorted[b]);
        double t = (x - lo.X) / (hi.X - lo.X);
        return ((1 - t) * lo.Y + t * hi.Y, Math.Sqrt((1 - t) * (1 - t) * lo.Sem * lo.Sem + t * t * hi.Sem * hi.Sem), true);
    }

    /// <summary>The comparison of <paramref name="lift"/>'s measure <paramref name="measure"/> with the replicated cells
    /// <paramref name="replicated"/> of its base point; null without replicated cells.</summary>
    public static Comparison? Compare(AtlasReport.Cell lift, int measure, IEnumerable<AtlasReport.Cell> replicated)
    {
        var points = replicated.Select(c => (c.Diversity, c.Mean[measure], c.Sem.Length > measure ? c.Sem[measure] : double.NaN)).ToList();
        var (value, sem, inside) = Interpolate(points, lift.Diversity);
        if (double.IsNaN(value)) return null;
        double own = lift.Sem.Length > measure ? lift.Sem[measure] : double.NaN;
        double d = lift.Mean[measure] - value, half = Z * Math.Sqrt(own * own + sem * sem);
        return new Comparison(lift.Diversity, value, sem, inside, d, d - half, d + half);
    }
}
