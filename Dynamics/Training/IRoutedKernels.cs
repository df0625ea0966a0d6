using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

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
