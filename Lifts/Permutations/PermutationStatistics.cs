namespace MCoverPhysics.Lifts.Permutations;

/// <summary>
/// Statistics of a permutation law P(π): the fixed-point probability (1/M) Σ_a P(π(a) = a) and the mean number of
/// cycles E[#cycles(π)], each with its standard error (0 when computed exactly).
/// </summary>
/// <param name="FixedPoint">(1/M) Σ_a P(π(a) = a) = E[#fixed points]/M.</param>
/// <param name="FixedPointSem">Standard error of <paramref name="FixedPoint"/> over the draws (0 when exact).</param>
/// <param name="Cycles">E[#cycles(π)] (M for the identity, H_M = 1 + 1/2 + … + 1/M for uniform permutations).</param>
/// <param name="CyclesSem">Standard error of <paramref name="Cycles"/> over the draws (0 when exact).</param>
/// <param name="Count">The draws, or the permutations of positive weight enumerated.</param>
public sealed record PermutationStatistics(double FixedPoint, double FixedPointSem, double Cycles, double CyclesSem, long Count);
