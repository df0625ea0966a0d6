using MCoverPhysics.Dynamics.Learning;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>What a Monte Carlo run leaves behind (the family's view of its <see cref="LearningResult"/>).</summary>
/// <param name="Weights">Packed weights of each copy.</param>
/// <param name="SweepsRun">Sweeps actually run.</param>
/// <param name="TrainErrorCounts">Per copy: base training patterns with Δ ≤ 0 at the end.</param>
/// <param name="FirstSolvedSweep">Per copy: first sweep after which it had zero base training error (−1: never).</param>
/// <param name="Energy">Final energy of the (lifted) system: violated factor copies, Δ ≤ κ√N, summed over (μ, b).</param>
/// <param name="RoutedErrorCount">Factor copies (μ, b) with routed Δ ≤ 0 at the end (= Energy for κ = 0).</param>
/// <param name="Proposed">Single-flip proposals made.</param>
/// <param name="Accepted">Proposals accepted.</param>
public sealed record MonteCarloResult(ulong[][] Weights, int SweepsRun, int[] TrainErrorCounts, int[] FirstSolvedSweep, int Energy,
    int RoutedErrorCount, long Proposed, long Accepted)
{
    /// <summary>Replica exchange: accepted / proposed temperature swaps (NaN otherwise).</summary>
    public double ExchangeRate { get; init; } = double.NaN;

    /// <summary>Accepted / proposed (NaN with no proposal).</summary>
    public double AcceptanceRate => Proposed == 0 ? double.NaN : (double)Accepted / Proposed;

    /// <summary>The Monte Carlo family's view of <paramref name="result"/> (it must hold Monte Carlo extras).</summary>
    public static MonteCarloResult From(LearningResult result)
    {
        var mc = result.MonteCarlo ?? throw new ArgumentException("not a Monte Carlo result", nameof(result));
        return new(result.Weights, result.StepsRun, result.TrainErrorCounts, result.FirstSolvedStep, mc.Energy, result.RoutedErrorCount, mc.Proposed, mc.Accepted)
        {
            ExchangeRate = mc.ExchangeRate,
        };
    }
}
