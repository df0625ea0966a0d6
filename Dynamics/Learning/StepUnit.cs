namespace MCoverPhysics.Dynamics.Learning;

/// <summary>What one step of a learning dynamics is (the unit of its budget and of <see cref="LearningResult.StepsRun"/>).</summary>
public enum StepUnit
{
    /// <summary>A pass over the training set (online rules; the one-shot Hebb rule is one epoch).</summary>
    Epoch,
    /// <summary>A message-passing iteration (AMP: every copy's means once; BP: one sweep over the factors).</summary>
    Iteration,
    /// <summary>A Monte Carlo sweep: N proposals per weight copy.</summary>
    Sweep,
}
