using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Rules;

/// <summary>
/// Least-action committee rule (Nilsson 1965; Mitchison &amp; Durbin, Biol. Cybern. 60, 345 (1989)) around an unchanged
/// perceptron rule (CP, CP+R or SBPI; Baldassi, Braunstein, Brunel, Zecchina, PNAS 104, 11079 (2007)). With unit
/// stabilities Δ_k = σ w_k·ξ_k and the rule's threshold θ = κ√n, unit k is <em>violated</em> when Δ_k ≤ θ.
/// <list type="bullet">
/// <item>Output error (more than (K−1)/2 violated units; for κ = 0 exactly σ ≠ sign(Σ_k sign h_k)): only the violated unit
/// with the largest Δ_k (for κ = 0: the wrong-signed unit with the smallest |h_k|) is presented to the rule, whose decision
/// is then the CP step h_{k,i} += 2σξ_{k,i} on that unit (desired sign σ).</item>
/// <item>Output right: the least stable non-violated unit (smallest Δ_k &gt; θ) is presented to the rule; SBPI may make its
/// metaplastic step there (θ &lt; Δ_k ≤ θ_m, probability p_s).</item>
/// <item>One rule call per copy and presentation, so CP+R draws its reinforcement once per presentation; the reinforcement
/// h_{k,i} += 2 sign h_{k,i} acts on every unit of the copy.</item>
/// </list>
/// K = 1 is the perceptron rule itself.
/// </summary>
/// <remarks>docs/physics/rules.md#committee-machines.</remarks>
public static class LeastAction
{
    /// <summary>
    /// The unit that receives the supervised step and the rule's decision for it (<see cref="RuleAction.Reinforce"/> applies to
    /// every unit).
    /// </summary>
    /// <param name="rule">The perceptron rule (its <see cref="IOnlineRule.Margin"/> is κ√n with n the unit's fan-in).</param>
    /// <param name="stabilities">Δ_k = σ h_k of the K units.</param>
    /// <param name="rng">The copy's rule stream.</param>
    public static (int Unit, RuleAction Action) Decide(IOnlineRule rule, ReadOnlySpan<int> stabilities, ref RngStream rng)
    {
        int unit = Unit(stabilities, rule.Margin);
        return (unit, rule.Decide(stabilities[unit], ref rng));
    }

    /// <summary>
    /// The unit least action presents to the rule: on an output error (more than (K−1)/2 units with Δ_k ≤ θ) the violated
    /// unit with the largest Δ_k, else the non-violated unit with the smallest Δ_k.
    /// </summary>
    public static int Unit(ReadOnlySpan<int> stabilities, double margin)
    {
        int violated = 0, worst = -1, weakest = -1;
        for (int k = 0; k < stabilities.Length; k++)
        {
            int d = stabilities[k];
            if (d <= margin)
            {
                violated++;
                if (worst < 0 || d > stabilities[worst]) worst = k; // ties: the lowest k
            }
            else if (weakest < 0 || d < stabilities[weakest]) weakest = k;
        }
        return 2 * violated > stabilities.Length ? worst : weakest;
    }
}
