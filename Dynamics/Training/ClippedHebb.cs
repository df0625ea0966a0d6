using MCoverPhysics.Models.Data;
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
        => TrainedStudents.From(new HebbDynamics(data, copies, seed, lanes).Learn());
}
