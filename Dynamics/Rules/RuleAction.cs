namespace MCoverPhysics.Dynamics.Rules;

/// <summary>The synaptic updates a rule asks for after one presentation.</summary>
[Flags]
public enum RuleAction
{
    /// <summary>No change.</summary>
    None = 0,
    /// <summary>Clipped-perceptron step h_i += 2σξ_i on every synapse.</summary>
    Perceptron = 1,
    /// <summary>SBPI metaplastic step: h_i += 2σξ_i only where w_iξ_iσ = +1.</summary>
    Metaplastic = 2,
    /// <summary>CP+R reinforcement h_i += 2·sign(h_i) on every synapse (applied after any supervised step).</summary>
    Reinforce = 4,
}
