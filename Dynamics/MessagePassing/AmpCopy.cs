using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// One AMP instance (<see cref="Amp"/>), advanced one iteration at a time so that M copies can run side by side and be
/// observed after every iteration. Each copy's arithmetic is that of a copy run alone. No allocation inside an iteration.
/// </summary>
internal sealed class AmpCopy
{
    private readonly Dataset _data;
    private readonly MessagePassingOptions _options;
    private readonly double[] _a, _h, _g;
    private double _big;

    /// <summary>Draws the initial means a_i = 10⁻³ s_i from <paramref name="init"/>.</summary>
    public AmpCopy(Dataset data, ref RngStream init, MessagePassingOptions options)
    {
        _data = data;
        _options = options;
        int len = PackedRows.PaddedLength(data.N);
        _a = new double[len];
        _h = new double[len];
        _g = new double[data.P];
        for (int i = 0; i < data.N; i++) _a[i] = Amp.InitialScale * (init.NextULong() >> 63 == 0 ? 1 : -1);
        if (options.MaxIterations <= 0) Done = true; // Converged false, Iterations 0
    }

    /// <summary>The copy has stopped: converged, polarised or out of budget.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether it stopped at a fixed point (polarised: onto a solution of every pattern).</summary>
    public bool Converged { get; private set; }

    /// <summary>Iterations that updated the means.</summary>
    public int Iterations { get; private set; }

    /// <summary>The current means m_i (length N).</summary>
    public ReadOnlySpan<double> Means => _a.AsSpan(0, _data.N);

    /// <summary>Iteration <paramref name="t"/> (1-based); false when the copy had stopped or stops now without updating (polarised).</summary>
    public bool Step(int t)
    {
        if (Done) return false;
        int n = _data.N, p = _data.P, len = _a.Length;
        double invSqrtN = 1 / Math.Sqrt(n), d = _options.Damping;
        double[] a = _a, h = _h, g = _g;
        double v = 0;
        for (int i = 0; i < n; i++) v += 1 - a[i] * a[i];
        // Fully polarised means (every |a_i| > 0.975): the fields w·ξ/√N are multiples of 1/√N, so as Σ_i v_i → 0 every
        // s = yω/√V grows like 1/√(Σ v), the Gaussian channel sees no constraint near its edge, g_out and its derivative
        // vanish together and one more step would erase the means (the CLT breaks down at q → 1 with ±1 patterns).
        // Polarised onto a configuration that still violates patterns (e.g. storage beyond what AMP can fit) is not a fixed point.
        if (v < Amp.PolarisedVariance)
        {
            Stop(_data.TrainingErrors(PackedRows.Signs(a.AsSpan(0, n))) == 0, t - 1);
            return false;
        }
        v /= n;
        double sqrtV = Math.Sqrt(v), sumDg = 0;
        for (int mu = 0; mu < p; mu++)
        {
            double y = _data.Labels[mu];
            double omega = PackedRows.Dot(_data.Patterns.Row(mu), a) * invSqrtN - v * g[mu];
            double s = y * omega / sqrtV, r = NormalFunctions.FastPdfOverCdf(s);
            g[mu] = (1 - d) * (y * r / sqrtV) + d * g[mu];
            sumDg += (r * r + s * r) / v;
        }
        _big = t == 1 ? sumDg / n : (1 - d) * (sumDg / n) + d * _big; // damped like g, so that A stays the slope of the g it pairs with
        for (int i = 0; i < len; i++) h[i] = _big * a[i];
        for (int mu = 0; mu < p; mu++) PackedRows.AddScaled(_data.Patterns.Row(mu), g[mu] * invSqrtN, h);
        double change = 0;
        for (int i = 0; i < n; i++)
        {
            double next = (1 - d) * Math.Tanh(h[i]) + d * a[i];
            change = Math.Max(change, Math.Abs(next - a[i]) / (1 - d)); // the undamped step: damping must not fake convergence
            a[i] = next;
        }
        if (change < _options.Tolerance) Stop(true, t);
        else if (t >= _options.MaxIterations) Stop(false, _options.MaxIterations);
        return true;
    }

    private void Stop(bool converged, int iterations) => (Done, Converged, Iterations) = (true, converged, iterations);
}
