using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary><see cref="CommitteeAmp"/> as a learning dynamics: M independent committee AMP instances, observed after every iteration.</summary>
/// <param name="data">Committee data (fully connected; teacher task for the Bayes-optimal setting).</param>
/// <param name="copies">Copies M.</param>
/// <param name="seed">Run seed (copy c starts from (seed, InitialState, c)).</param>
/// <param name="options">Damping, budget, tolerance.</param>
public sealed class CommitteeAmpDynamics(CommitteeDataset data, int copies, ulong seed, MessagePassingOptions options) : ILearningDynamics
{
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Iteration;

    /// <inheritdoc />
    public LearningResult Learn(IStepObserver? observer = null)
        => CommitteeAmp.Learn(data.Shape, data.Inputs, data.Labels, data.TestInputs, data.TestLabels, copies, seed, options, observer);
}
