namespace MCoverPhysics.Analysis.Statistics;

/// <summary>
/// Finite-size extrapolation y(N) = y_∞ + b/N fitted by weighted least squares (weights 1/σ², σ the standard error
/// of each y): the N → ∞ value y_∞ with its standard error.
/// </summary>
/// <param name="Intercept">y_∞, the extrapolated N → ∞ value.</param>
/// <param name="InterceptError">Standard error of y_∞, √((XᵀWX)⁻¹)₀₀.</param>
/// <param name="Slope">b, the 1/N coefficient.</param>
/// <param name="SlopeError">Standard error of b.</param>
/// <param name="ChiSquare">χ² = Σ w_i (y_i − y_∞ − b/N_i)²; about <see cref="DegreesOfFreedom"/> when the 1/N law and the σ_i hold.</param>
/// <param name="DegreesOfFreedom">Points − 2.</param>
public sealed record FiniteSizeExtrapolation(double Intercept, double InterceptError, double Slope, double SlopeError, double ChiSquare, int DegreesOfFreedom)
{
    /// <summary>
    /// Fits y_i = y_∞ + b·x_i with x_i = 1/N_i, w_i = 1/σ_i² (Numerical Recipes §15.2): with S = Σw, Sx = Σwx,
    /// Sy = Σwy, Sxx = Σwx², Sxy = Σwxy and Δ = S·Sxx − Sx², y_∞ = (Sxx·Sy − Sx·Sxy)/Δ, b = (S·Sxy − Sx·Sy)/Δ,
    /// σ²(y_∞) = Sxx/Δ, σ²(b) = S/Δ. Needs at least two distinct N and every σ finite and &gt; 0.
    /// </summary>
    public static FiniteSizeExtrapolation Fit(IReadOnlyList<double> n, IReadOnlyList<double> y, IReadOnlyList<double> sem)
    {
        if (n.Count != y.Count || n.Count != sem.Count) throw new ArgumentException("n, y and sem must have one entry per point");
        if (n.Distinct().Count() < 2) throw new ArgumentException("needs at least two distinct N");
        for (int i = 0; i < n.Count; i++)
        {
            if (!(n[i] > 0) || !double.IsFinite(n[i])) throw new ArgumentException($"N = {n[i]} is not > 0");
            if (!double.IsFinite(y[i])) throw new ArgumentException($"y at N = {n[i]} is not finite");
            if (!(sem[i] > 0) || !double.IsFinite(sem[i])) throw new ArgumentException($"the standard error at N = {n[i]} is {sem[i]}, not > 0 (more seeds?)");
        }
        double s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n.Count; i++)
        {
            double w = 1 / (sem[i] * sem[i]), x = 1 / n[i];
            s += w; sx += w * x; sy += w * y[i]; sxx += w * x * x; sxy += w * x * y[i];
        }
        double delta = s * sxx - sx * sx;
        double a = (sxx * sy - sx * sxy) / delta, b = (s * sxy - sx * sy) / delta;
        double chi2 = 0;
        for (int i = 0; i < n.Count; i++)
        {
            double r = (y[i] - a - b / n[i]) / sem[i];
            chi2 += r * r;
        }
        return new FiniteSizeExtrapolation(a, Math.Sqrt(sxx / delta), b, Math.Sqrt(s / delta), chi2, n.Count - 2);
    }
}
