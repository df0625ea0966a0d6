using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Which kernels the routed trainer uses; both give identical results (tested), they differ in speed.</summary>
internal enum RoutedLayout
{
    /// <summary>Interleaved where vectors are available and M ≥ 3, copy-major otherwise.</summary>
    Auto,
    /// <summary>Each copy's planes contiguous (the layout of <see cref="HiddenStates"/>): a register holds 512 synapses of one copy.</summary>
    CopyMajor,
    /// <summary>Word j of a plane of all copies contiguous: a register holds one word of 8 (or 4) copies.</summary>
    Interleaved,
}

/// <summary>
/// The routed trainer's per-pattern work: all M routed fields from the current weights, then the delivery of the factor
/// copies' messages to the source copies, then CP+R's reinforcement of weight copy b by factor copy b.
/// </summary>
internal interface IRoutedKernels
{
    /// <summary>Table layout the kernels read: 0 copy-major, w copy-interleaved for registers of w copies.</summary>
    int Interleave { get; }

    /// <summary>dots[b] = w̃^{(μ,b)}·ξ for every factor copy b, routed from the current weights.</summary>
    void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots);

    /// <summary>dots[a] = w^a·ξ for every weight copy a.</summary>
    void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots);

    /// <summary>
    /// Applies the rule's decisions on the routed vectors of the last <see cref="RoutedDots"/>: the supervised messages go to
    /// the source copies (one per edge), then reinforcement acts on weight copy b for every factor copy b that drew it.
    /// </summary>
    void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions);

    /// <summary>
    /// <see cref="Update"/> for this pattern, then <see cref="RoutedDots"/> for the next one (<paramref name="next"/>, row
    /// <paramref name="nextRow"/>, ξ = <paramref name="nextXi"/>) into <paramref name="dots"/>; kernels may fuse the two passes.
    /// </summary>
    void UpdateThenRoute(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions,
        RoutingTable next, int nextRow, ReadOnlySpan<ulong> nextXi, Span<int> dots)
    {
        Update(table, row, xi, sigma, actions);
        RoutedDots(next, nextRow, nextXi, dots);
    }

    /// <summary>Hints that pattern <paramref name="pattern"/>'s routing is needed next (its table rows stream from memory at large N).</summary>
    void Prefetch(PatternRouting routing, int pattern) { }

    /// <summary>Takes the current <see cref="HiddenStates"/> as the working state (a no-op when they are the working storage).</summary>
    void Load();

    /// <summary>Makes the <see cref="HiddenStates"/> current (a no-op when they are the working storage).</summary>
    void Sync();

    /// <summary>Picks the kernels for M copies at the states' lane width.</summary>
    static IRoutedKernels For(HiddenStates states, RoutedLayout layout)
    {
        int m = states.Copies;
        bool interleaved = layout == RoutedLayout.Interleaved
            || (layout == RoutedLayout.Auto && m >= 3 && states.Lanes != LaneWidth.Scalar);
        if (!interleaved) return new CopyMajorKernels(states);
        return states.Lanes switch
        {
            LaneWidth.Vector512 when m > 4 && Avx512BW.IsSupported => new InterleavedKernels<Lanes512, Vector512<ulong>>(states),
            LaneWidth.Vector512 or LaneWidth.Vector256 when Avx2.IsSupported => new InterleavedKernels<Lanes256, Vector256<ulong>>(states),
            _ => new InterleavedKernels<Lanes64, ulong>(states),
        };
    }
}

/// <summary>Routing and delivery on the copy-major <see cref="HiddenStates"/> (multiplexer trees, <see cref="RoutedMessages.Deliver"/>).</summary>
internal sealed class CopyMajorKernels(HiddenStates states) : IRoutedKernels
{
    private readonly ulong[] _routed = new ulong[states.Copies * states.Words]; // factor copy b's routed vector at b·Words
    private readonly int[] _senders = new int[states.Copies];
    private readonly RuleAction[] _kinds = new RuleAction[states.Copies];

    public int Interleave => 0;

    public void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots)
    {
        int w = states.Words;
        var storage = states.WeightStorage(out int first, out int stride);
        table.RouteAll(row, storage, first, stride, _routed, w);
        for (int b = 0; b < states.Copies; b++) dots[b] = PackedSpins.Dot(_routed.AsSpan(b * w, w), xi, states.N);
    }

    public void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots)
    {
        for (int a = 0; a < states.Copies; a++) dots[a] = PackedSpins.Dot(states.Weights(a), xi, states.N);
    }

    public void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions)
    {
        int m = states.Copies, senders = 0;
        for (int b = 0; b < m; b++)
        {
            if ((actions[b] & RuleAction.Perceptron) != 0) (_senders[senders], _kinds[senders++]) = (b, RuleAction.Perceptron);
            else if ((actions[b] & RuleAction.Metaplastic) != 0) (_senders[senders], _kinds[senders++]) = (b, RuleAction.Metaplastic);
        }
        RoutedMessages.Deliver(states, table, row, xi, sigma, _senders.AsSpan(0, senders), _kinds, _routed, states.Words, 0, 1);
        for (int b = 0; b < m; b++)
            if ((actions[b] & RuleAction.Reinforce) != 0) states.Apply(b, xi, new ReinforceMask());
    }

    public void Load() { }

    public void Sync() { }
}
