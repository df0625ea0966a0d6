namespace MCoverPhysics.Lifts.Routing;

/// <summary>
/// How a time-dependent kernel Q_t = (1 − s_t) Q + s_t Q_to moves from Q to Q_to over the epochs t = 0 … T − 1 (T the
/// step budget): s_0 = 0 and s_{T−1} = 1 in both (docs/mcover.md#time-dependent-q).
/// </summary>
public enum KernelRamp
{
    /// <summary>s_t = t / (T − 1).</summary>
    Linear,
    /// <summary>s_t = 10^{−3(1 − t/(T − 1))} for t ≥ 1 (from 10⁻³ to 1, equal ratios per epoch), s_0 = 0.</summary>
    Geometric,
}

/// <summary>The interpolation weight s_t of a <see cref="KernelRamp"/>.</summary>
public static class KernelRamps
{
    /// <summary>Floor of the geometric ramp after its first epoch.</summary>
    public const double GeometricFloor = 1e-3;

    /// <summary>s_t ∈ [0, 1] at epoch <paramref name="epoch"/> of a ramp over <paramref name="horizon"/> epochs (s = 0 for T ≤ 1).</summary>
    public static double Weight(this KernelRamp ramp, int epoch, int horizon)
    {
        if (epoch <= 0 || horizon <= 1) return 0;
        if (epoch >= horizon - 1) return 1;
        double x = (double)epoch / (horizon - 1);
        return ramp == KernelRamp.Linear ? x : Math.Pow(GeometricFloor, 1 - x);
    }
}
