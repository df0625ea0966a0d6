using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary><see cref="CommitteeBeliefPropagation"/> (plain, reinforced or focusing; the perceptron as K = 1) as a learning dynamics, observed after every sweep.</summary>
/// <param name="shape">Committee shape (the perceptron: N inputs, K = 1, tree).</param>
/// <param name="inputs">Unit input rows (<see cref="CommitteeShape.Input"/>).</param>
/// <param name="labels">σ^μ.</param>
/// <param name="lift">Identity lift (M independent instances) or an M-cover lift.</param>
/// <param name="seed">Run seed.</param>
/// <param name="options">Damping, budget, tolerance, reinforcement or focusing protocol, edge-message accuracy.</param>
/// <param name="threads">Threads the copies of the identity lift, or the factor copies of a routed lift (from
/// <see cref="CommitteeBp.MinTeamEdges"/> cover edges per pattern on), are spread over (results do not depend on it).</param>
public sealed class CommitteeBeliefPropagationDynamics(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, ILift lift, ulong seed, MessagePassingOptions options,
    int threads = 1) : ILearningDynamics
{
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Iteration;

    /// <summary>The lift it routes through (tests: the task's thread limit reaches its routing draws).</summary>
    internal ILift Lift => lift;

    /// <summary>The threads its copies (identity lift) or factor copies (routed lift) are spread over (tests: the task's limit reaches it).</summary>
    internal int Threads => threads;

    /// <inheritdoc />
    public LearningResult Learn(IStepObserver? observer = null) => CommitteeBeliefPropagation.Learn(shape, inputs, labels, lift, seed, options, observer, threads);
}
