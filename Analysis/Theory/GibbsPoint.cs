using MathNet.Numerics.Integration;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>One replica-symmetric saddle point of Gibbs learning at inverse temperature β.</summary>
/// <param name="Alpha">Load α = P/N.</param>
/// <param name="Beta">Inverse temperature β.</param>
/// <param name="OverlapR">Student–teacher overlap R = w·w*/N.</param>
/// <param name="OverlapQ">Student–student overlap q = w^a·w^b/N of two samples of the same Gibbs law.</param>
/// <param name="ConjugateR">R̂.</param>
/// <param name="ConjugateQ">q̂.</param>
/// <param name="EpsG">Generalisation error arccos(R)/π of one Gibbs sample.</param>
/// <param name="TrainError">Mean fraction of violated training patterns, ε_t = −∂_β G_E.</param>
/// <param name="FreeEntropy">−βf = G_S + α G_E per weight (the larger wins between branches).</param>
/// <param name="Converged">The iteration reached its tolerance.</param>
/// <param name="Iterations">Iterations performed.</param>
public sealed record GibbsPoint(double Alpha, double Beta, double OverlapR, double OverlapQ, double ConjugateR, double ConjugateQ,
    double EpsG, double TrainError, double FreeEntropy, bool Converged, int Iterations);
