namespace MCoverPhysics.Experiments.Rules;

/// <summary>How a rule learns; sets the unit of its budget and which trainer runs it.</summary>
public enum RuleFamily
{
    /// <summary>Online rules on integer hidden states, one presentation at a time (cp, cpr, sbpi); budget in epochs.</summary>
    Online,
    /// <summary>One pass over the data (clipped Hebb).</summary>
    OneShot,
    /// <summary>Message passing to a fixed point (amp, rbp); budget in iterations.</summary>
    MessagePassing,
    /// <summary>Monte Carlo sampling of the training energy (mc, sa, pt); budget in sweeps.</summary>
    MonteCarlo,
    /// <summary>Minibatch gradient rules of binary MLPs (ste, bop); budget in epochs.</summary>
    Gradient,
}
