namespace MCoverPhysics.Analysis.Connectivity;

/// <summary>
/// Training and test error along a Hamming geodesic between two binary students, averaged over flip orders.
/// </summary>
/// <param name="T">Path fractions t = k/steps, k = 0 … steps: t·d of the d differing weights are flipped.</param>
/// <param name="TrainError">Mean training error at each t.</param>
/// <param name="TestError">Mean test error at each t (NaN without a test set).</param>
/// <param name="Distance">Number d of weights in which the endpoints differ.</param>
public sealed record GeodesicProfile(double[] T, double[] TrainError, double[] TestError, int Distance)
{
    /// <summary>Barrier of the training error: max_t [E(t) − ((1 − t)E(0) + t E(1))] ≥ 0.</summary>
    public double TrainBarrier => HammingGeodesic.Barrier(T, TrainError);

    /// <summary>Barrier of the test error (NaN without a test set).</summary>
    public double TestBarrier => HammingGeodesic.Barrier(T, TestError);
}
