using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Lifts;

/// <summary>Q = identity: π_{iμ} = id for every edge, i.e. M independent students trained side by side.</summary>
public sealed record IdentityLift : ILift
{
    /// <summary>M independent copies.</summary>
    /// <param name="copies">M ≥ 1.</param>
    public IdentityLift(int copies)
    {
        if (copies < 1) throw new ArgumentOutOfRangeException(nameof(copies), copies, "M must be ≥ 1");
        Copies = copies;
    }

    /// <inheritdoc />
    public int Copies { get; }

    /// <inheritdoc />
    public string Kernel => "identity";

    /// <inheritdoc />
    public bool IsIdentity => true;

    /// <inheritdoc />
    /// <remarks>Q = I has every eigenvalue equal to 1 (NaN for M = 1: there is no second eigenvalue).</remarks>
    public double Lambda2 => Copies < 2 ? double.NaN : 1.0;

    /// <inheritdoc />
    /// <remarks>False: trainers take the independent-copies path and never ask for <see cref="Routing"/>.</remarks>
    public bool NeedsRouting => false;

    /// <inheritdoc />
    public Schedule Schedule => Schedule.Quenched;

    /// <inheritdoc />
    public Granularity Granularity => Granularity.Edge;

    /// <inheritdoc />
    public bool IsHashed(int n, int p, int interleave = 0) => false;

    /// <inheritdoc />
    /// <remarks>The identity permutation on every edge, stored (for a consumer that routes every lift alike); filled on the
    /// calling thread (the lift has no thread count, and the table is cheap).</remarks>
    public PatternRouting Routing(int n, int p, ulong seed, int epoch, int interleave = 0, PatternRouting? reuse = null)
        => new(RoutingTable.Draw(new IdentitySampler(Copies), n, p, Granularity.Edge, seed, 0, interleave: interleave, threads: 1));
}
