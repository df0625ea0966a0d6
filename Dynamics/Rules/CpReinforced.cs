using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Rules;

/// <summary>
/// Clipped perceptron with reinforcement (CP+R): the CP step when Δ ≤ κ√N, plus at every presentation, with
/// probability p_r = c·√(2/(πN)), the unsupervised step h_i += 2·sign(h_i) on all synapses.
/// </summary>
/// <param name="N">Number of synapses.</param>
/// <param name="Kappa">Margin κ ≥ 0 of the CP step.</param>
/// <param name="C">Reinforcement strength c: p_r = c·√(2/(πN)). Typical: 0.16 teacher–student, 0.08 storage.</param>
/// <remarks>docs/physics/rules.md#cpr; Baldassi, J. Stat. Phys. 136, 902 (2009).</remarks>
public sealed record CpReinforced(int N, double Kappa = 0, double C = 0.16) : IOnlineRule
{
    /// <summary>The CP threshold κ√N.</summary>
    public double Margin { get; } = Kappa * Math.Sqrt(N);

    /// <summary>Reinforcement probability per presentation, p_r = c·√(2/(πN)).</summary>
    public double Pr { get; } = C * Math.Sqrt(2.0 / (Math.PI * N));

    /// <inheritdoc />
    public string Name => "cpr";

    /// <inheritdoc />
    public RuleAction Decide(int stability, ref RngStream rng)
    {
        var action = stability <= Margin ? RuleAction.Perceptron : RuleAction.None;
        return rng.Bernoulli(Pr) ? action | RuleAction.Reinforce : action;
    }
}
