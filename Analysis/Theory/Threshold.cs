using MathNet.Numerics;
using MathNet.Numerics.RootFinding;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>A transition of the replica-symmetric theory and the saddle point at it.</summary>
/// <param name="Alpha">The critical load α.</param>
/// <param name="Overlap">q at the transition (on the q &lt; 1 branch).</param>
/// <param name="ConjugateOverlap">q̂ at the transition.</param>
public sealed record Threshold(double Alpha, double Overlap, double ConjugateOverlap);
