namespace MCoverPhysics.Dynamics.Coupling;

/// <summary>
/// Replicated (robust-ensemble) coupling with an elastic center: the center is c = sign(Σ_a w^a) (ties keep the
/// previous center), recomputed after every epoch, and at each presentation each copy is pulled toward it with
/// probability γ_t = min(1, γ + (t − 1)·Δγ) in epoch t by the clipped step h_i^a += 2c_i on every synapse — the field
/// γc_i that the interaction −γ Σ_a w^a·c of the robust-ensemble energy (Baldassi et al., PNAS 113, E7655 (2016))
/// puts on w_i^a. Elastic averaging (Zhang, Choromanska, LeCun, NIPS 2015) moves the center toward the copies' mean;
/// for binary weights with a center that relaxes fast, that is the majority.
/// </summary>
/// <param name="Gamma">γ ∈ [0, 1]: pull probability per presentation in the first epoch.</param>
/// <param name="GammaStep">Δγ ≥ 0: increase of γ per epoch (the schedule that makes the copies collapse, q → 1).</param>
public sealed record ReplicatedCoupling(double Gamma, double GammaStep) : CopyCoupling
{
    /// <inheritdoc />
    public override string Name => "replicated";

    /// <summary>γ_t of epoch <paramref name="epoch"/> (1-based).</summary>
    public double GammaAt(int epoch) => Math.Min(1, Gamma + (epoch - 1) * GammaStep);

    /// <inheritdoc />
    public override bool NeedsCenter => true;

    /// <inheritdoc />
    /// <remarks>Monte Carlo (mc, sa): γ_t = γ + (t − 1)·Δγ in sweep t, not capped (a field strength, not a probability).</remarks>
    public override double FieldAt(int sweep) => Gamma + (sweep - 1) * GammaStep;

    /// <inheritdoc />
    /// <remarks>γ_t = <see cref="GammaAt"/>(t).</remarks>
    public override double PullAt(int epoch) => GammaAt(epoch);
}
