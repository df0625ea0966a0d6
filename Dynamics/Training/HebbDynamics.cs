using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// The clipped Hebb rule (<see cref="ClippedHebb"/>) as a learning dynamics of one step: one epoch presents every pattern
/// once, unconditionally, to M copies that differ only in their random tie-breaks.
/// </summary>
/// <param name="data">Training set.</param>
/// <param name="copies">Copies M.</param>
/// <param name="seed">Run seed (initial states from (seed, InitialState, a)).</param>
/// <param name="lanes">Kernel width.</param>
public sealed class HebbDynamics(Dataset data, int copies, ulong seed, LaneWidth lanes = LaneWidth.Auto) : ILearningDynamics
{
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Epoch;

    /// <inheritdoc />
    public LearningResult Learn(IStepObserver? observer = null)
    {
        var states = new HiddenStates(copies, data.N, 2 * data.P + 1, lanes);
        for (int a = 0; a < copies; a++)
        {
            states.InitRandom(a, RngStream.Key(seed, StreamTag.InitialState, (ulong)a));
            for (int mu = 0; mu < data.P; mu++) states.Apply(a, data.Patterns.Row(mu), new PerceptronMask(data.Labels[mu]));
        }
        var errors = Enumerable.Range(0, copies).Select(a => data.TrainingErrors(states.Weights(a))).ToArray();
        var first = errors.Select(e => e == 0 ? 1 : -1).ToArray();
        observer?.OnStep(1, errors, states);
        return new LearningResult(LearningResult.WeightsOf(states), 1, StepUnit.Epoch, 1, errors, first, errors.Sum()) { States = states };
    }
}
