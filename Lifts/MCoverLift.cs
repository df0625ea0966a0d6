using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts;

/// <summary>
/// The M-cover lift with mixing kernel Q: permutations π_{iμ} ~ P(π) ∝ ∏_a Q_{a,π(a)}·θ^{#cycles(π)} per edge (or per word),
/// drawn once (quenched) or every epoch (annealed), optionally from a time-dependent Q_t = (1 − s_t) Q + s_t Q_to and with
/// deliveries through independent permutations (asymmetric wiring).
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
    private PermutationSampler? _base, _target;

    /// <summary>The cycle weight θ ∈ (0, 1] of the long-cycle law (1: the plain law).</summary>
    public double CycleWeight { get; init; } = 1;

    /// <summary>Read and deliver through the same permutation (symmetric) or through independent ones (asymmetric).</summary>
    public Wiring Wiring { get; init; } = Wiring.Symmetric;

    /// <summary>The kernel Q_to that an annealed schedule moves to (null: Q throughout).</summary>
    public MixingKernel? Target { get; init; }

    /// <summary>How s_t moves from 0 to 1.</summary>
    public KernelRamp Ramp { get; init; } = KernelRamp.Linear;

    /// <summary>Epochs T of the ramp (the rule's step budget): s reaches 1 at epoch T − 1.</summary>
    public int Horizon { get; init; } = 1;

    /// <summary>Threads that draw a routing table (0: unbounded): the task's --threads, a hard limit for the annealed redraws.</summary>
    public int Threads { get; init; }

    /// <summary>The stream of the delivery permutations (tests: <see cref="StreamTag.Routing"/> makes them the read ones).</summary>
    internal StreamTag DeliveryStream { get; init; } = StreamTag.Delivery;

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

    /// <summary>The sampler of Q's law (with θ), built on first use.</summary>
    public PermutationSampler BaseSampler => _base ??= PermutationSampler.For(Q, Sampler, CycleWeight);

    /// <summary>s_t of epoch <paramref name="epoch"/>'s draw (0 without a target or under the quenched schedule).</summary>
    public double RampWeight(int epoch) => Target is null || Schedule == Schedule.Quenched ? 0 : Ramp.Weight(epoch, Horizon);

    /// <summary>Q_t = (1 − s_t) Q + s_t Q_to of epoch <paramref name="epoch"/>: Q itself at s = 0 and Q_to itself at s = 1.</summary>
    public MixingKernel KernelAt(int epoch)
    {
        double s = RampWeight(epoch);
        return s == 0 ? Q : s == 1 ? Target! : MixingKernel.Mix(Q, Target!, s);
    }

    /// <summary>The sampler of epoch <paramref name="epoch"/>'s law.</summary>
    public PermutationSampler SamplerAt(int epoch)
    {
        double s = RampWeight(epoch);
        return s == 0 ? BaseSampler : s == 1 ? _target ??= PermutationSampler.For(Target!, Sampler, CycleWeight)
            : PermutationSampler.For(MixingKernel.Mix(Q, Target!, s), Sampler, CycleWeight);
    }

    /// <inheritdoc />
    public bool IsHashed(int n, int p, int interleave = 0)
        => Storage == RoutingStorage.Hashed || (Storage == RoutingStorage.Auto && RoutingTable.BytesFor(n, p, Copies, interleave, Granularity) > PatternRouting.MaxStoredBytes);

    /// <inheritdoc />
    public PatternRouting Routing(int n, int p, ulong seed, int epoch, int interleave = 0, PatternRouting? reuse = null)
    {
        if (Override is not null)
        {
            var table = Override(epoch);
            return new PatternRouting(interleave == 0 ? table : table.ToInterleaved(interleave));
        }
        return Draw(n, p, seed, epoch, interleave, StreamTag.Routing, reuse);
    }

    /// <inheritdoc />
    public PatternRouting? Delivery(int n, int p, ulong seed, int epoch, int interleave = 0, PatternRouting? reuse = null)
        => Wiring == Wiring.Symmetric ? null : Draw(n, p, seed, epoch, interleave, DeliveryStream, reuse);

    private PatternRouting Draw(int n, int p, ulong seed, int epoch, int interleave, StreamTag stream, PatternRouting? reuse)
    {
        int drawn = Schedule == Schedule.Quenched ? 0 : epoch;
        var sampler = SamplerAt(drawn);
        return IsHashed(n, p, interleave)
            ? new PatternRouting(sampler, n, Granularity, seed, drawn, interleave, stream)
            : new PatternRouting(RoutingTable.Draw(sampler, n, p, Granularity, seed, drawn, interleave: interleave, stream: stream, threads: Threads, reuse: reuse?.Stored));
    }
}
