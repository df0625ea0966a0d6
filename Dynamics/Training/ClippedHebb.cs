using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Clipped Hebb rule, one shot: w_i = sign(Σ_μ σ^μ ξ_i^μ). In teacher–student learning its overlap is exact for large
/// N: R = erf(√(α/π)) (each h_i·w*_i is Gaussian with mean P√(2/(πN)) and variance P).
/// </summary>
/// <remarks>
/// docs/physics/rules.md#hebb. Implemented with the same bit-sliced kernel as CP: unconditional h_i += 2σξ_i from
/// h_i = ±1 with H = 2P + 1, so nothing clips; a zero Hebb field keeps the random initial sign (ties break at random).
/// </remarks>
public static class ClippedHebb
{
    /// <summary>Computes M clipped-Hebb students (they differ only in how ties are broken, i.e. for even P).</summary>
    public static TrainedStudents Train(Dataset data, int copies, ulong seed, LaneWidth lanes = LaneWidth.Auto)
    {
        var states = new HiddenStates(copies, data.N, 2 * data.P + 1, lanes);
        for (int a = 0; a < copies; a++)
        {
            states.InitRandom(a, RngStream.Key(seed, StreamTag.InitialState, (ulong)a));
            for (int mu = 0; mu < data.P; mu++) states.Apply(a, data.Patterns.Row(mu), new PerceptronMask(data.Labels[mu]));
        }
        var errors = Enumerable.Range(0, copies).Select(a => data.TrainingErrors(states.Weights(a))).ToArray();
        var first = errors.Select(e => e == 0 ? 1 : -1).ToArray();
        return new TrainedStudents(states, 1, errors, first, errors.Sum());
    }
}
