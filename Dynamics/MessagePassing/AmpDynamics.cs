using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary><see cref="Amp"/> as a learning dynamics: M independent AMP instances, observed after every iteration.</summary>
/// <param name="data">Training set.</param>
/// <param name="copies">Copies M.</param>
/// <param name="seed">Run seed (copy c starts from (seed, InitialState, c)).</param>
/// <param name="options">Damping, budget, tolerance.</param>
public sealed class AmpDynamics(Dataset data, int copies, ulong seed, MessagePassingOptions options) : ILearningDynamics
{
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Iteration;

    /// <inheritdoc />
    public LearningResult Learn(IStepObserver? observer = null) => Amp.Learn(data, copies, seed, options, observer);
}
