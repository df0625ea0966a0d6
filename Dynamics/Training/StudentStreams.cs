using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// The start every trainer shares: copy a begins at random ±1 hidden states from (seed, InitialState, a) and draws its
/// rule noise from (seed, Rule, a); pattern orders come from (seed, PatternOrder). Sharing this is what makes
/// Q = identity through the routed trainer reproduce the identity lift bit for bit.
/// </summary>
internal static class StudentStreams
{
    /// <summary>Fresh states of M copies and their rule streams.</summary>
    public static (HiddenStates States, RngStream[] Rules, RngStream Orders) Start(int copies, int n, int bound, ulong seed, TrainingOptions options)
    {
        var states = new HiddenStates(copies, n, bound, options.Lanes);
        var rules = new RngStream[copies];
        for (int a = 0; a < copies; a++)
        {
            states.InitRandom(a, RngStream.Key(seed, StreamTag.InitialState, (ulong)a));
            rules[a] = RngStream.For(seed, StreamTag.Rule, (ulong)a);
        }
        return (states, rules, RngStream.For(seed, StreamTag.PatternOrder));
    }
}
