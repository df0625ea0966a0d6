using MCoverPhysics.Dynamics.States;

namespace MCoverPhysics.Dynamics.Learning;

/// <summary>What every learning dynamics leaves: the final students, how far it ran, and the family's own extras.</summary>
/// <param name="Weights">Final packed weights per copy (committee: the K units concatenated, unit k at word k·⌈n/64⌉).</param>
/// <param name="Hidden">Hidden units K per copy (1 for the perceptron).</param>
/// <param name="Unit">What a step is.</param>
/// <param name="StepsRun">Steps (epochs, iterations, sweeps) actually run.</param>
/// <param name="TrainErrorCounts">Per copy: training patterns with Δ ≤ 0 at the end.</param>
/// <param name="FirstSolvedStep">Per copy: the first step after which it had zero training error (−1: never).</param>
/// <param name="RoutedErrorCount">Factor copies (μ, b) violated on their routed models at the end (the sum of
/// <paramref name="TrainErrorCounts"/> for the identity lift).</param>
public sealed record LearningResult(ulong[][] Weights, int Hidden, StepUnit Unit, int StepsRun, int[] TrainErrorCounts, int[] FirstSolvedStep,
    int RoutedErrorCount)
{
    /// <summary>Online rules and hebb: the integer hidden states h (committee: unit k of copy a is slab aK + k); null otherwise.</summary>
    public HiddenStates? States { get; init; }

    /// <summary>amp, rbp: means and convergence; null otherwise.</summary>
    public MessagePassingExtras? MessagePassing { get; init; }

    /// <summary>Binary MLPs (ste, bop): networks, rule states and error history; null otherwise.</summary>
    public MlpExtras? Mlp { get; init; }

    /// <summary>mc, sa, pt: energy and acceptance; null otherwise.</summary>
    public MonteCarloExtras? MonteCarlo { get; init; }

    /// <summary>Copies M.</summary>
    public int Copies => Weights.Length;

    /// <summary>True when every copy classifies every training pattern correctly.</summary>
    public bool AllSolved => TrainErrorCounts.All(e => e == 0);

    /// <summary>Final packed weights of every copy of hidden states <paramref name="states"/> (K units per copy, concatenated).</summary>
    internal static ulong[][] WeightsOf(HiddenStates states, int hidden = 1)
    {
        int words = states.Words;
        var copies = new ulong[states.Copies / hidden][];
        for (int a = 0; a < copies.Length; a++)
        {
            copies[a] = new ulong[hidden * words];
            for (int k = 0; k < hidden; k++) states.Weights(a * hidden + k).CopyTo(copies[a].AsSpan(k * words, words));
        }
        return copies;
    }
}
