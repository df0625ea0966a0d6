namespace MCoverPhysics.Dynamics.Coupling;

/// <summary>
/// A coupling between the M copies of an identity lift in parameter or output space: the methods the M-cover lift is
/// measured against (docs/physics/couplings.md). The local rule is unchanged; the coupling adds steps of its own,
/// drawn from each copy's coupling stream (seed, Coupling, a), so a coupling that never fires reproduces M independent
/// students bit for bit.
/// </summary>
public abstract record CopyCoupling
{
    /// <summary>Short name used in results: none, replicated, consensus.</summary>
    public abstract string Name { get; }

    /// <summary>No coupling: M independent students.</summary>
    public static CopyCoupling None { get; } = new NoCoupling();
}

/// <summary>M independent students.</summary>
public sealed record NoCoupling : CopyCoupling
{
    /// <inheritdoc />
    public override string Name => "none";
}

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
}

/// <summary>
/// Output consensus on the ring of copies (neighbours a ± 1 mod M): at the presentation of pattern μ the copies take
/// turns a = 0, …, M − 1 (sequential: synchronous majority updates on a ring oscillate); after its rule step the target
/// τ = sign(Σ_{b ∈ {a−1, a+1}} sign(w^b·ξ^μ)) of copy a's neighbours' current outputs (none when they disagree) pulls copy a, with probability λ, by the extra clipped-perceptron step h^a += 2τξ^μ when its own
/// output disagrees, τ w^a·ξ^μ &lt; 0. Agreement of outputs, not of weights (cf. diffusion with output consensus,
/// Fainman, Li, Vlaski 2025). The copies move in lockstep, so a run with this coupling trains on one core.
/// </summary>
/// <param name="Lambda">λ ∈ [0, 1]: probability of the consensus step.</param>
public sealed record OutputConsensusCoupling(double Lambda) : CopyCoupling
{
    /// <inheritdoc />
    public override string Name => "consensus";
}
