using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Lifts;

/// <summary>
/// The M-cover lift of a learning problem: M weight copies (i, a) and M factor copies (μ, b); factor copy (μ, b)
/// is wired to weight copy (i, π_{iμ}(b)). A local rule evaluated on factor copy (μ, b) sees the routed model
/// w̃_i = w_i^{π_{iμ}(b)} and its update to coordinate i goes back to copy π_{iμ}(b).
/// </summary>
/// <remarks>
/// docs/mcover.md. The trainer asks the lift for routing and never for its type: a lift with
/// <see cref="NeedsRouting"/> false (the identity lift, π ≡ id: M independent students) is trained on the copies'
/// own weights; any other hands out its permutations epoch by epoch through <see cref="Routing"/>.
/// </remarks>
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

    /// <summary>
    /// True when a trainer routes factor copies through <see cref="Routing"/>; false when factor copy b reads copy b by
    /// construction, so the trainer uses the copies' own weights (its routing is then the identity).
    /// </summary>
    bool NeedsRouting { get; }

    /// <summary>When permutations are drawn: once (quenched) or afresh every epoch (annealed).</summary>
    Schedule Schedule { get; }

    /// <summary>What one permutation routes: an edge, a 64-weight word, or (committees) a whole hidden unit.</summary>
    Granularity Granularity { get; }

    /// <summary>True when a run with N coordinates and P patterns draws its permutations on the fly.</summary>
    bool IsHashed(int n, int p, int interleave = 0);

    /// <summary>The routing of epoch <paramref name="epoch"/> (quenched: always epoch 0's).</summary>
    /// <param name="n">Coordinates N.</param>
    /// <param name="p">Rows P.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="epoch">Epoch.</param>
    /// <param name="interleave">Table layout: 0 copy-major, w ≥ 1 copy-interleaved for registers of w factor copies (same permutations).</param>
    /// <param name="reuse">An earlier routing of this lift that is no longer read (an annealed run's previous epoch): its stored
    /// table may be overwritten instead of a new one allocated (the same permutations either way).</param>
    PatternRouting Routing(int n, int p, ulong seed, int epoch, int interleave = 0, PatternRouting? reuse = null);

    /// <summary>
    /// The routing through which the factor copies deliver their updates in epoch <paramref name="epoch"/>: null when it is
    /// <see cref="Routing"/>'s (a symmetric lift), else independent permutations of the same law (an asymmetric lift).
    /// </summary>
    PatternRouting? Delivery(int n, int p, ulong seed, int epoch, int interleave = 0, PatternRouting? reuse = null) => null;

    /// <summary>The sampler of epoch <paramref name="epoch"/>'s permutation law (the routed ensemble's fresh test permutations); null for the identity lift.</summary>
    Permutations.PermutationSampler? SamplerAt(int epoch) => null;
}
