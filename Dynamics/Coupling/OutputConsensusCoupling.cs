namespace MCoverPhysics.Dynamics.Coupling;

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

    /// <inheritdoc />
    public override bool Lockstep => true;

    /// <inheritdoc />
    public override double ConsensusRate => Lambda;
}
