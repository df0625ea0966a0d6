namespace MCoverPhysics.Tests.Analysis.Theory;

/// <summary>Central-difference derivatives of an RS potential f(q, q̂), shared by the stationarity tests.</summary>
internal static class Stationarity
{
    private const double H = 1e-5;

    /// <summary>(∂f/∂q, ∂f/∂q̂) at (q, q̂).</summary>
    public static (double Dq, double Dqhat) Gradient(Func<double, double, double> f, double q, double qhat)
        => ((f(q + H, qhat) - f(q - H, qhat)) / (2 * H), (f(q, qhat + H) - f(q, qhat - H)) / (2 * H));
}
