namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>How focusing BP raises the coupling γ and the number of replicas y (Baldassi et al., PNAS 113, E7655, 2016).</summary>
/// <remarks>docs/physics/message-passing.md#focusing-bp.</remarks>
public enum FocusingProtocol
{
    /// <summary>Standard reinforcement: γ = ∞, y_s = 1/(1 − ρ_s), ρ_s = s·Δρ &lt; 1 (the focusing field is (y − 1) times the cavity field).</summary>
    Standard,
    /// <summary>Pseudo-reinforcement (x = ½): γ_s = atanh √ρ_s, y_s = (2 − ρ_s)/(1 − ρ_s), ρ_s = s·Δρ &lt; 1.</summary>
    Pseudo,
    /// <summary>Scoping: y fixed, γ_s = s·Δγ up to γ_max.</summary>
    Scoping,
}
