using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// One committee AMP instance (<see cref="CommitteeAmp"/>), advanced one iteration at a time so that M copies run side by
/// side. Means a_i ∈ ℝ^K per input i (unit k's vector at [k·L, k·L + N), L the padded length), the output variance
/// V = (1/N) Σ_i Cov_i (K×K), g_μ ∈ ℝ^K and A (K×K). No allocation inside an iteration except MathNet's K×K eigen-decomposition.
/// </summary>
internal sealed class CommitteeAmpCopy
{
    private readonly CommitteeShape _shape;
    private readonly PatternMatrix _inputs;
    private readonly sbyte[] _labels;
    private readonly MessagePassingOptions _options;
    private readonly MajorityChannel _channel;
    private readonly int _k, _n, _len, _configs;
    private readonly double[] _a, _h, _g, _v, _big, _sumDg, _omega, _grad, _hess, _spins, _logw, _mean, _second;

    /// <summary>Draws the initial means a_ki = 10⁻³ s_ki from <paramref name="init"/> (unit k's n signs after unit k − 1's).</summary>
    public CommitteeAmpCopy(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, ref RngStream init, MessagePassingOptions options, int nodes)
    {
        _shape = shape;
        _inputs = inputs;
        _labels = labels;
        _options = options;
        _k = shape.Hidden;
        _n = shape.N;
        _len = PackedRows.PaddedLength(_n);
        _configs = 1 << _k;
        _channel = new MajorityChannel(_k, nodes);
        _a = new double[_k * _len];
        _h = new double[_k * _len];
        _g = new double[labels.Length * _k];
        _v = new double[_k * _k];
        _big = new double[_k * _k];
        _sumDg = new double[_k * _k];
        _omega = new double[_k];
        _grad = new double[_k];
        _hess = new double[_k * _k];
        _spins = new double[_configs * _k];
        _logw = new double[_configs];
        _mean = new double[_k];
        _second = new double[_k * _k];
        for (int c = 0; c < _configs; c++)
            for (int k = 0; k < _k; k++) _spins[c * _k + k] = ((c >> k) & 1) == 0 ? 1 : -1;
        for (int k = 0; k < _k; k++)
            for (int i = 0; i < _n; i++) _a[k * _len + i] = Amp.InitialScale * (init.NextULong() >> 63 == 0 ? 1 : -1);
        // Start: independent units, Cov_i = diag(1 − a_ki²).
        for (int k = 0; k < _k; k++)
        {
            double s = 0;
            for (int i = 0; i < _n; i++) s += 1 - _a[k * _len + i] * _a[k * _len + i];
            _v[k * _k + k] = s / _n;
        }
        if (options.MaxIterations <= 0) Done = true;
    }

    /// <summary>The copy has stopped: converged, polarised or out of budget.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether it stopped at a fixed point (polarised: onto a solution of every pattern).</summary>
    public bool Converged { get; private set; }

    /// <summary>Iterations that updated the means.</summary>
    public int Iterations { get; private set; }

    /// <summary>Unit k's means (length N).</summary>
    public ReadOnlySpan<double> Unit(int k) => _a.AsSpan(k * _len, _n);

    /// <summary>The output variance V (K×K row-major) of the current means.</summary>
    public ReadOnlySpan<double> Variance => _v;

    /// <summary>The means of the K units concatenated (unit k at k·N).</summary>
    public double[] Means()
    {
        var m = new double[_k * _n];
        for (int k = 0; k < _k; k++) Unit(k).CopyTo(m.AsSpan(k * _n));
        return m;
    }

    /// <summary>sign(a_k) of every unit into <paramref name="weights"/> (unit k at word k·⌈N/64⌉; 0 → +1).</summary>
    public void Signs(ulong[] weights)
    {
        int w = _shape.UnitWords;
        for (int k = 0; k < _k; k++) PackedRows.Signs(Unit(k), weights.AsSpan(k * w, w));
    }

    /// <summary>Iteration <paramref name="t"/> (1-based); false when the copy had stopped or stops now without updating.</summary>
    public bool Step(int t, ulong[] scratchWeights)
    {
        if (Done) return false;
        int k = _k, n = _n, len = _len, p = _labels.Length, kk = k * k;
        double invSqrtN = 1 / Math.Sqrt(n), d = _options.Damping;
        double trace = 0;
        for (int a = 0; a < k; a++) trace += _v[a * k + a];
        // Polarised means (Σ_{k,i} (1 − a_ki²) < 0.05·K): the central limit behind the channel breaks down as for the
        // perceptron's AMP (docs); converged only if the signs fit every pattern. Likewise when V has lost its
        // independent noise (λ_min(V) ≤ 10⁻¹²), where the channel is a step function.
        if (trace * n < Amp.PolarisedVariance * k || !_channel.Prepare(_v, 1e-12))
        {
            Signs(scratchWeights);
            Stop(_shape.ErrorCount(scratchWeights, _inputs, _labels) == 0, t - 1);
            return false;
        }
        Array.Clear(_sumDg);
        for (int mu = 0; mu < p; mu++)
        {
            var row = _inputs.Row(mu);
            var g = _g.AsSpan(mu * k, k);
            for (int a = 0; a < k; a++)
            {
                double s = PackedRows.Dot(row, _a.AsSpan(a * len, len)) * invSqrtN;
                for (int b = 0; b < k; b++) s -= _v[a * k + b] * g[b];
                _omega[a] = s;
            }
            int y = _labels[mu];
            var (plus, minus) = _channel.Evaluate(_omega, _grad, _hess);
            double z = y > 0 ? plus : minus;
            if (!(z > 1e-300))
            {
                // The label is impossible at this precision: no usable message (kept at zero).
                for (int a = 0; a < k; a++) g[a] = (1 - d) * 0 + d * g[a];
                continue;
            }
            // g = ∇ ln P_y = y ∇P₊/P_y;  ∂g = y ∇∇P₊/P_y − g gᵀ;  A accumulates −∂g.
            for (int a = 0; a < k; a++) _omega[a] = y * _grad[a] / z; // reuse as the new g
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) _sumDg[a * k + b] += _omega[a] * _omega[b] - y * _hess[a * k + b] / z;
            for (int a = 0; a < k; a++) g[a] = (1 - d) * _omega[a] + d * g[a];
        }
        // A damped with g, so that it stays the slope of the g it is paired with (as the perceptron's AMP).
        for (int j = 0; j < kk; j++) _big[j] = t == 1 ? _sumDg[j] / n : (1 - d) * (_sumDg[j] / n) + d * _big[j];
        // B_k = Σ_l A_kl a_l + Σ_μ F_μ g_μk.
        for (int a = 0; a < k; a++)
        {
            var h = _h.AsSpan(a * len, len);
            h.Clear();
            for (int b = 0; b < k; b++)
            {
                double c = _big[a * k + b];
                var ab = _a.AsSpan(b * len, len);
                for (int i = 0; i < len; i++) h[i] += c * ab[i];
            }
        }
        for (int mu = 0; mu < p; mu++)
        {
            var row = _inputs.Row(mu);
            for (int a = 0; a < k; a++) PackedRows.AddScaled(row, _g[mu * k + a] * invSqrtN, _h.AsSpan(a * len, len));
        }
        double change = Denoise(d);
        if (change < _options.Tolerance) Stop(true, t);
        else if (t >= _options.MaxIterations) Stop(false, _options.MaxIterations);
        return true;
    }

    /// <summary>
    /// The prior's denoiser, exact over the 2^K sign rows: ⟨w⟩ and ⟨w wᵀ⟩ under ∝ exp(−½ wᵀAw + Bᵀw), w ∈ {±1}^K, per input;
    /// damped means, V from the new second moments; returns the largest undamped change of a mean.
    /// </summary>
    private double Denoise(double d)
    {
        int k = _k, n = _n, len = _len, configs = _configs;
        double change = 0;
        Array.Clear(_v);
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < configs; c++)
            {
                double l = 0;
                for (int a = 0; a < k; a++)
                {
                    double sa = _spins[c * k + a], q = 0;
                    for (int b = 0; b < k; b++) q += _big[a * k + b] * _spins[c * k + b];
                    l += sa * (_h[a * len + i] - 0.5 * q);
                }
                _logw[c] = l;
                max = Math.Max(max, l);
            }
            double zsum = 0;
            Array.Clear(_mean);
            Array.Clear(_second);
            for (int c = 0; c < configs; c++)
            {
                double e = Math.Exp(_logw[c] - max);
                zsum += e;
                for (int a = 0; a < k; a++)
                {
                    _mean[a] += e * _spins[c * k + a];
                    for (int b = a + 1; b < k; b++) _second[a * k + b] += e * _spins[c * k + a] * _spins[c * k + b];
                }
            }
            for (int a = 0; a < k; a++)
            {
                double m = _mean[a] / zsum, old = _a[a * len + i], next = (1 - d) * m + d * old;
                change = Math.Max(change, Math.Abs(m - old));
                _a[a * len + i] = next;
                _mean[a] = next;
            }
            for (int a = 0; a < k; a++)
            {
                _v[a * k + a] += 1 - _mean[a] * _mean[a];
                for (int b = a + 1; b < k; b++)
                {
                    double cov = _second[a * k + b] / zsum - _mean[a] * _mean[b];
                    _v[a * k + b] += cov;
                    _v[b * k + a] += cov;
                }
            }
        }
        for (int j = 0; j < k * k; j++) _v[j] /= n;
        return change;
    }

    /// <summary>Test error of the AMP estimate of the Bayes-optimal predictor: label sign(P₊ − P₋) at ω = Σ_i F_i a_i (no
    /// Onsager term for a fresh pattern) with the final V.</summary>
    public double PredictorTestError(PatternMatrix test, ReadOnlySpan<sbyte> labels)
    {
        if (labels.Length == 0) return double.NaN;
        if (!_channel.Prepare(_v, 1e-12))
        {
            var w = new ulong[_k * _shape.UnitWords];
            Signs(w);
            return (double)_shape.ErrorCount(w, test, labels) / labels.Length;
        }
        double invSqrtN = 1 / Math.Sqrt(_n);
        int errors = 0;
        for (int mu = 0; mu < labels.Length; mu++)
        {
            for (int a = 0; a < _k; a++) _omega[a] = PackedRows.Dot(test.Row(mu), _a.AsSpan(a * _len, _len)) * invSqrtN;
            var (plus, minus) = _channel.Evaluate(_omega, _grad, []);
            if ((plus >= minus ? 1 : -1) != labels[mu]) errors++;
        }
        return (double)errors / labels.Length;
    }

    private void Stop(bool converged, int iterations) => (Done, Converged, Iterations) = (true, converged, iterations);
}
