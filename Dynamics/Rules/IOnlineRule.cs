using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Rules;

/// <summary>
/// An online local learning rule for binary synapses with integer hidden states: from the stability
/// Δ = σ Σ_i w_i ξ_i of the presented pattern (on the model the rule sees, possibly a routed one) it decides
/// which updates to make. Rules are immutable; the copy's random stream is passed in.
/// </summary>
public interface IOnlineRule
{
    /// <summary>Short name used in results: cp, cpr, sbpi.</summary>
    string Name { get; }

    /// <summary>The stability threshold κ√N at or below which the rule makes the clipped-perceptron step.</summary>
    double Margin { get; }

    /// <summary>Decides the updates for one presentation with stability <paramref name="stability"/>.</summary>
    RuleAction Decide(int stability, ref RngStream rng);
}
