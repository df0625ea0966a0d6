namespace MCoverPhysics.Dynamics.Learning;

/// <summary>What Monte Carlo adds to a <see cref="LearningResult"/>.</summary>
/// <param name="Energy">Final energy of the (lifted) system: violated factor copies, Δ ≤ κ√N, summed over (μ, b).</param>
/// <param name="Proposed">Single-flip proposals made.</param>
/// <param name="Accepted">Proposals accepted.</param>
/// <param name="ExchangeRate">Replica exchange: accepted / proposed temperature swaps (NaN otherwise).</param>
public sealed record MonteCarloExtras(int Energy, long Proposed, long Accepted, double ExchangeRate)
{
    /// <summary>Accepted / proposed (NaN with no proposal).</summary>
    public double AcceptanceRate => Proposed == 0 ? double.NaN : (double)Accepted / Proposed;
}
