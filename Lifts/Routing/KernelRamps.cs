namespace MCoverPhysics.Lifts.Routing;

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
