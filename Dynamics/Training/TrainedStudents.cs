using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.States;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>What online training leaves behind: the M students and how they got there (the online family's view of its
/// <see cref="LearningResult"/>, which every rule family returns).</summary>
/// <param name="States">Hidden states; <see cref="HiddenStates.Weights"/> gives each copy's w.</param>
/// <param name="EpochsRun">Epochs (passes over the training set) actually run.</param>
/// <param name="TrainErrorCounts">Misclassified training patterns (Δ ≤ 0) of each copy after the last epoch.</param>
/// <param name="FirstSolvedEpoch">Per copy, the first epoch after which it had zero training error (−1: never).</param>
/// <param name="RoutedErrorCount">Violated factor copies (μ, b) on their routed models after the last epoch (equal to the
/// sum of <paramref name="TrainErrorCounts"/> for the identity lift).</param>
public sealed record TrainedStudents(HiddenStates States, int EpochsRun, int[] TrainErrorCounts, int[] FirstSolvedEpoch, int RoutedErrorCount)
{
    /// <summary>True when every copy classifies every training pattern correctly.</summary>
    public bool AllSolved => TrainErrorCounts.All(e => e == 0);

    /// <summary>The online family's view of <paramref name="result"/> (it must hold hidden states).</summary>
    public static TrainedStudents From(LearningResult result)
        => new(result.States ?? throw new ArgumentException("not a result of an online rule", nameof(result)), result.StepsRun,
            result.TrainErrorCounts, result.FirstSolvedStep, result.RoutedErrorCount);
}
