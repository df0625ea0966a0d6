using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

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
