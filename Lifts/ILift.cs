namespace MCoverPhysics.Lifts;

/// <summary>
/// The M-cover lift of a learning problem: M weight copies (i, a) and M factor copies (μ, b); factor copy (μ, b)
/// is wired to weight copy (i, π_{iμ}(b)). A local rule evaluated on factor copy (μ, b) sees the routed model
/// w̃_i = w_i^{π_{iμ}(b)} and its update to coordinate i goes back to copy π_{iμ}(b).
/// </summary>
/// <remarks>docs/mcover.md. The trainer asks the lift for routing; the identity lift (π ≡ id) is M independent students.</remarks>
public interface ILift
{
    /// <summary>Number of copies M ≥ 1.</summary>
    int Copies { get; }

    /// <summary>The mixing kernel's name as written in results ("identity", "uniform", "ring:sigma=1", …).</summary>
    string Kernel { get; }

    /// <summary>
    /// True when every factor copy (μ, b) reads weight copy b unchanged, so the copies evolve independently
    /// and the trainer may run them in parallel without routing.
    /// </summary>
    bool IsIdentity { get; }

    /// <summary>λ₂(Q): the largest eigenvalue modulus of the mixing kernel after the leading 1 (1 for Q = identity).</summary>
    double Lambda2 { get; }
}
