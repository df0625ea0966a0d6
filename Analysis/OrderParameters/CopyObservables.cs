namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>Order parameters of one student copy.</summary>
/// <param name="TrainError">Fraction of training patterns with Δ ≤ 0.</param>
/// <param name="TestError">Fraction of fresh test patterns misclassified (NaN for storage).</param>
/// <param name="OverlapR">Teacher overlap R = w·w*/N (NaN for storage).</param>
/// <param name="EpsG">Generalisation error ε_g = arccos(R)/π (NaN for storage).</param>
public sealed record CopyObservables(double TrainError, double TestError, double OverlapR, double EpsG);
