using MCoverPhysics.Dynamics.Learning;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>What a message-passing run leaves: posterior means per copy and their signs as packed students (the family's
/// view of its <see cref="LearningResult"/>).</summary>
/// <param name="Means">m_i = ⟨w_i⟩ per copy (length N).</param>
/// <param name="Weights">sign(m_i) per copy, packed (m_i = 0 → +1).</param>
/// <param name="Iterations">Iterations (sweeps) run.</param>
/// <param name="Converged">Per copy: the last iteration changed nothing by more than the tolerance (reinforced BP: or its signs solve every pattern).</param>
/// <param name="RoutedErrorCount">Factor copies (μ, b) whose routed signs violate their pattern (BP on the M-cover; base errors otherwise).</param>
public sealed record MessagePassingResult(double[][] Means, ulong[][] Weights, int Iterations, bool[] Converged, int RoutedErrorCount)
{
    /// <summary>The message-passing family's view of <paramref name="result"/> (it must hold message-passing extras).</summary>
    public static MessagePassingResult From(LearningResult result)
    {
        var mp = result.MessagePassing ?? throw new ArgumentException("not a message-passing result", nameof(result));
        return new(mp.Means, result.Weights, result.StepsRun, mp.Converged, result.RoutedErrorCount);
    }
}
