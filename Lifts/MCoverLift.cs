using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Lifts;

/// <summary>
/// The M-cover lift with mixing kernel Q: permutations π_{iμ} ~ P(π) ∝ ∏_a Q_{a,π(a)} per edge (or per word),
/// drawn once (quenched) or every epoch (annealed).
/// </summary>
/// <param name="Q">Mixing kernel.</param>
/// <param name="Schedule">Quenched or annealed.</param>
/// <param name="Granularity">Per edge or per 64-weight word.</param>
/// <param name="Sampler">How permutations are drawn.</param>
/// <param name="Storage">Stored table or permutations drawn on the fly.</param>
/// <remarks>docs/mcover.md; Kashiwamura &amp; Leleu, arXiv 2605.09256 (2026).</remarks>
public sealed record MCoverLift(MixingKernel Q, Schedule Schedule = Schedule.Quenched, Granularity Granularity = Granularity.Edge,
    SamplerKind Sampler = SamplerKind.Auto, RoutingStorage Storage = RoutingStorage.Auto) : ILift
{
    private readonly PermutationSampler _sampler = PermutationSampler.For(Q, Sampler);

    /// <inheritdoc />
    public int Copies => Q.Copies;
    /// <inheritdoc />
    public string Kernel => Q.Spec;
    /// <inheritdoc />
    public bool IsIdentity => Q.IsIdentity;
    /// <inheritdoc />
    public double Lambda2 => Q.Lambda2;

    /// <inheritdoc />
    /// <remarks>True even for Q = identity: the routed path then reproduces the identity lift bit for bit.</remarks>
    public bool NeedsRouting => true;

    /// <summary>Replaces the drawn routing (tests: hand-made tables such as a relabelling).</summary>
    internal Func<int, RoutingTable>? Override { get; init; }

    /// <inheritdoc />
    public bool IsHashed(int n, int p, int interleave = 0)
        => Storage == RoutingStorage.Hashed || (Storage == RoutingStorage.Auto && RoutingTable.BytesFor(n, p, Copies, interleave, Granularity) > PatternRouting.MaxStoredBytes);

    /// <inheritdoc />
    public PatternRouting Routing(int n, int p, ulong seed, int epoch, int interleave = 0)
    {
        int drawn = Schedule == Schedule.Quenched ? 0 : epoch;
        if (Override is not null)
        {
            var table = Override(epoch);
            return new PatternRouting(interleave == 0 ? table : table.ToInterleaved(interleave));
        }
        return IsHashed(n, p, interleave)
            ? new PatternRouting(_sampler, n, Granularity, seed, drawn, interleave)
            : new PatternRouting(RoutingTable.Draw(_sampler, n, p, Granularity, seed, drawn, interleave: interleave));
    }
}
