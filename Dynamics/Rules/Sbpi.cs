using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Rules;

/// <summary>
/// Stochastic binary perceptron with integer hidden states (SBPI): the CP step when Δ ≤ κ√N; otherwise, when
/// Δ ≤ θ_m, with probability p_s, h_i += 2σξ_i only on the synapses with w_iξ_iσ = +1 (metaplastic: it deepens
/// correct synapses and never flips a weight).
/// </summary>
/// <param name="N">Number of synapses.</param>
/// <param name="Kappa">Margin κ ≥ 0 of the CP step.</param>
/// <param name="ThetaM">Metaplastic threshold θ_m (in units of the integer stability).</param>
/// <param name="Ps">Probability p_s ∈ [0, 1] of the metaplastic step.</param>
/// <remarks>docs/physics/rules.md#sbpi; Baldassi, Braunstein, Brunel, Zecchina, PNAS 104, 11079 (2007).</remarks>
public sealed record Sbpi(int N, double Kappa = 0, double ThetaM = 1, double Ps = 0.3) : IOnlineRule
{
    /// <summary>The CP threshold κ√N.</summary>
    public double Margin { get; } = Kappa * Math.Sqrt(N);

    /// <inheritdoc />
    public string Name => "sbpi";

    /// <inheritdoc />
    public RuleAction Decide(int stability, ref RngStream rng)
    {
        if (stability <= Margin) return RuleAction.Perceptron;
        if (stability <= ThetaM && rng.Bernoulli(Ps)) return RuleAction.Metaplastic;
        return RuleAction.None;
    }
}
