using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Rules;

/// <summary>
/// Clipped perceptron (CP): if Δ ≤ κ√N then h_i += 2σξ_i for all i (clipped to [−H, H]), w_i = sign(h_i).
/// κ = 0 is the plain rule; κ &gt; 0 learns with a robust margin.
/// </summary>
/// <param name="N">Number of synapses (sets the margin κ√N).</param>
/// <param name="Kappa">Margin κ ≥ 0.</param>
/// <remarks>docs/physics/rules.md#cp; Baldassi, Braunstein, Brunel, Zecchina, PNAS 104, 11079 (2007).</remarks>
public sealed record ClippedPerceptron(int N, double Kappa = 0) : IOnlineRule
{
    /// <summary>The stability threshold κ√N at or below which the rule updates.</summary>
    public double Margin { get; } = Kappa * Math.Sqrt(N);

    /// <inheritdoc />
    public string Name => "cp";

    /// <inheritdoc />
    public RuleAction Decide(int stability, ref RngStream rng) => stability <= Margin ? RuleAction.Perceptron : RuleAction.None;
}
