using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary><see cref="BeliefPropagation"/> (plain or reinforced, on the lift's cover) as a learning dynamics, observed after every sweep.</summary>
/// <param name="data">Training set.</param>
/// <param name="lift">Identity lift (M independent instances) or an M-cover lift.</param>
/// <param name="seed">Run seed.</param>
/// <param name="options">Damping, budget, tolerance, reinforcement.</param>
/// <param name="threads">Threads the identity lift's copies spread over (the same results on any number).</param>
public sealed class BeliefPropagationDynamics(Dataset data, ILift lift, ulong seed, MessagePassingOptions options, int threads = 1) : ILearningDynamics
{
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Iteration;

    /// <inheritdoc />
    public LearningResult Learn(IStepObserver? observer = null) => BeliefPropagation.Learn(data, lift, seed, options, observer, threads);
}
