using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Routing and delivery on a copy-interleaved copy of the states (<see cref="InterleavedLayout"/>): one register holds word
/// j of W copies and every operation serves W copies at once. The fields come from <see cref="InterleavedRouting{TL, T}"/>,
/// the updates from <see cref="InterleavedDelivery{TL, T}"/>; the width-specific operations are the lane type's
/// (<see cref="ILanes{T}"/>), so the JIT specialises each width as it compiles. The <see cref="HiddenStates"/> are brought
/// up to date by <see cref="Sync"/>.
/// </summary>
internal sealed class InterleavedKernels<TL, T> : IRoutedKernels where TL : ILanes<T> where T : unmanaged
{
    private readonly InterleavedLayout _layout;
    private readonly InterleavedRouting<TL, T> _routing;
    private readonly InterleavedDelivery<TL, T> _delivery;

    public InterleavedKernels(HiddenStates states)
    {
        _layout = new InterleavedLayout(states, TL.Width);
        _routing = new InterleavedRouting<TL, T>(_layout);
        _delivery = new InterleavedDelivery<TL, T>(_layout);
    }

    public int Interleave => TL.Width;

    /// <summary>Remembers the next pattern's rows: <see cref="RoutedDots"/> prefetches them word by word while it routes the current one.</summary>
    public void Prefetch(PatternRouting routing, int pattern)
    {
        if (routing.IsHashed || !Sse.IsSupported) return;
        var (table, row) = routing.For(pattern);
        _layout.Ahead(table, row);
    }

    public void Load() => _layout.Load();

    public void Sync() => _layout.Sync();

    public void RoutedDots(RoutingTable table, int row, ReadOnlySpan<ulong> xi, Span<int> dots) => _routing.RoutedDots(table, row, xi, dots);

    public void BaseDots(ReadOnlySpan<ulong> xi, Span<int> dots) => _routing.BaseDots(xi, dots);

    public void Update(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions)
        => _delivery.Update(table, row, xi, sigma, actions, default);

    /// <summary>
    /// Word granularity, M ≤ 8 on registers of 8 lanes: the next pattern's routed fields are counted in the update's own pass,
    /// word j as soon as its update is done (the same fields as a separate <see cref="RoutedDots"/> on the updated weights).
    /// </summary>
    public void UpdateThenRoute(RoutingTable table, int row, ReadOnlySpan<ulong> xi, int sigma, ReadOnlySpan<RuleAction> actions,
        RoutingTable next, int nextRow, ReadOnlySpan<ulong> nextXi, Span<int> dots)
    {
        bool fused = TL.Width == 8 && _layout.Lanes == 8 && table.HasLanePermutations && next.HasLanePermutations
            && next.Interleave == TL.Width && next.Copies == _layout.M;
        if (!fused)
        {
            _delivery.Update(table, row, xi, sigma, actions, default);
            _routing.RoutedDots(next, nextRow, nextXi, dots);
        }
        else if (!_delivery.Update(table, row, xi, sigma, actions, new NextFields(next.LanePermutations(nextRow), nextXi, dots, true)))
            _routing.RoutedDots(next, nextRow, nextXi, dots); // no copy changed: the update pass did not run
    }
}
