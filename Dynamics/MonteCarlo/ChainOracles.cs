using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>Naive references for the tests of a <see cref="MetropolisChain"/>: energies from scratch and forced moves.</summary>
internal static class ChainOracles
{
    /// <summary>E recomputed from scratch (test oracle): Σ_{μ,b} [σ^μ w̃^{(μ,b)}·ξ^μ ≤ t] with the routing of <paramref name="sweep"/>.</summary>
    internal static int NaiveEnergy(this MetropolisChain chain, int sweep, int[]? stabilities = null)
    {
        var routing = chain.RoutingAt(sweep);
        var s0 = chain.State;
        var data = s0.Data;
        int n = s0.N, p = s0.P, m = s0.M, energy = 0;
        for (int mu = 0; mu < p; mu++)
            for (int b = 0; b < m; b++)
            {
                int s = 0;
                for (int i = 0; i < n; i++)
                {
                    int src = routing is null ? b : routing.For(mu).Table.Source(routing.For(mu).Row, b, i);
                    s += PackedSpins.Get(chain.Weights(src), i) * PackedSpins.Get(data.Patterns.Row(mu), i);
                }
                s *= data.Labels[mu];
                if (stabilities is not null) stabilities[b * p + mu] = s;
                if (s <= s0.Threshold) energy++;
            }
        return energy;
    }

    /// <summary>Sets the weights of all copies from the bits of <paramref name="state"/> (copy a: bits a·N …; N·M ≤ 31).</summary>
    internal static void SetState(this MetropolisChain chain, int state)
    {
        chain.State.SetState(state);
        chain.Reroute(0);
    }

    /// <summary>Proposes and accepts flip (i, a) unconditionally.</summary>
    internal static void ForceFlip(this MetropolisChain chain, int i, int a) => chain.State.Flip(i, a, chain.EnergyChange(i, a));
}
