using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>Naive references for the tests of a <see cref="CommitteeMetropolisChain"/>: energies from scratch and forced moves.</summary>
internal static class CommitteeChainOracles
{
    /// <summary>
    /// E recomputed from scratch (test oracle): Σ_{μ,b} [#{k : σ^μ Σ_i w_{k,i}^{π_{(k,i)μ}(b)} ξ_{k,i}^μ &gt; t} &lt; (K + 1)/2] with the
    /// routing of <paramref name="sweep"/>, weight by weight through <c>RoutingTable.Source</c>; the unit stabilities into
    /// <paramref name="stabilities"/> ([(b·K + k)·P + μ]) when given.
    /// </summary>
    internal static int NaiveEnergy(this CommitteeMetropolisChain chain, int sweep, int[]? stabilities = null)
    {
        var routing = chain.RoutingAt(sweep);
        var s0 = chain.State;
        var data = s0.Data;
        int n = s0.N, p = s0.P, m = s0.M, kk = s0.K, energy = 0;
        for (int mu = 0; mu < p; mu++)
            for (int b = 0; b < m; b++)
            {
                int votes = 0;
                for (int k = 0; k < kk; k++)
                {
                    var xi = data.Shape.Input(data.Inputs, mu, k);
                    int s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        int src = routing is null ? b : routing.For(mu * kk + k).Table.Source(routing.For(mu * kk + k).Row, b, i);
                        s += s0.Get(src, k, i) * PackedSpins.Get(xi, i);
                    }
                    s *= data.Labels[mu];
                    if (stabilities is not null) stabilities[(b * kk + k) * p + mu] = s;
                    if (s > s0.Threshold) votes++;
                }
                if (votes < s0.Need) energy++;
            }
        return energy;
    }

    /// <summary>Sets all weights from the bits of <paramref name="state"/> (weight u of copy a: bit a·K·n + u; M·K·n ≤ 31).</summary>
    internal static void SetState(this CommitteeMetropolisChain chain, int state)
    {
        chain.State.SetState(state);
        chain.Reroute(0);
    }

    /// <summary>Proposes and accepts flip (k, i, a) unconditionally.</summary>
    internal static void ForceFlip(this CommitteeMetropolisChain chain, int k, int i, int a) => chain.State.Flip(k, i, a, chain.EnergyChange(k, i, a));
}
