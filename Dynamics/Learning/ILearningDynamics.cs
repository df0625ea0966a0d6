namespace MCoverPhysics.Dynamics.Learning;

/// <summary>
/// One contract for every rule family: online (cp, cpr, sbpi on the identity or the routed lift, committees), one-shot
/// (hebb), message passing (amp, rbp) and Monte Carlo (mc, sa, pt). Built with its data, lift, seed and options; run once.
/// </summary>
public interface ILearningDynamics
{
    /// <summary>What one step is.</summary>
    StepUnit Unit { get; }

    /// <summary>Runs to the dynamics' stop rule or budget, calling <paramref name="observer"/> (if any) after every step.</summary>
    /// <remarks>A dynamics is run once: a second call continues from where the first stopped (or is refused).</remarks>
    LearningResult Learn(IStepObserver? observer = null);
}
