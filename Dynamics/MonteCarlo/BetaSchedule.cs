namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>How the inverse temperature β moves over the sweeps.</summary>
public enum BetaSchedule
{
    /// <summary>β fixed for the whole run: equilibrium Gibbs learning at temperature T = 1/β.</summary>
    Constant,
    /// <summary>Simulated annealing, β_t = β₀ + (β₁ − β₀)·t/(S − 1), t = 0 … S − 1.</summary>
    Linear,
    /// <summary>Simulated annealing, β_t = β₀·(β₁/β₀)^{t/(S − 1)} (β₀ &gt; 0).</summary>
    Geometric,
    /// <summary>Replica exchange (parallel tempering): M independent replicas on the geometric ladder
    /// β_k = β₀·(β₁/β₀)^{k/(M − 1)}, neighbours swap temperatures after every sweep (β₀ &gt; 0, identity lift).</summary>
    ReplicaExchange,
}
