using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Generalised approximate message passing (GAMP) for the binary perceptron: prior uniform on w ∈ {±1}^N, channel
/// y_μ = sign(z_μ), z_μ = Σ_i F_μi w_i with F_μi = ξ_μi/√N. In the teacher–student task this is the Bayes-optimal
/// algorithm; its fixed points are those of the replica-symmetric state evolution (docs/physics/message-passing.md).
/// </summary>
/// <remarks>
/// Kabashima 2008; Rangan 2011; Krzakala, Zdeborová et al.; Barbier, Krzakala, Macris, Miolane, Zdeborová, PNAS 2019.
/// Since F_μi² = 1/N, the variances are scalars. One iteration:
/// <code>
/// V    = (1/N) Σ_i v_i                                   (output variance)
/// ω_μ  = Σ_i F_μi a_i − V g_μ                             (Onsager-corrected field)
/// g_μ  = y_μ φ(s)/(√V Φ(s)),  s = y_μ ω_μ/√V              (g_out = ∂_ω ln Φ(yω/√V))
/// A    = (1/N) Σ_μ (r_μ² + s_μ r_μ)/V,  r = φ(s)/Φ(s)     (−∂_ω g_out, averaged)
/// h_i  = A a_i + Σ_μ F_μi g_μ,   a_i = tanh h_i,  v_i = 1 − a_i²
/// </code>
/// Copy c starts from a_i = 10⁻³ s_i with random signs s from (seed, InitialState, c), a practically uninformed start;
/// damping d mixes new and old g and a. No allocation inside the iteration.
/// </remarks>
public static class Amp
{
    /// <summary>Initial amplitude of the means (an uninformed start that still tells copies apart).</summary>
    public const double InitialScale = 1e-3;

    /// <summary>Total variance Σ_i (1 − a_i²) below which the means count as fully polarised (the q = 1 fixed point).</summary>
    public const double PolarisedVariance = 0.05;

    /// <summary>Runs <paramref name="copies"/> independent AMP instances on <paramref name="data"/>.</summary>
    public static MessagePassingResult Run(Dataset data, int copies, ulong seed, MessagePassingOptions options)
    {
        var means = new double[copies][];
        var weights = new ulong[copies][];
        var converged = new bool[copies];
        int iterations = 0, errors = 0;
        for (int c = 0; c < copies; c++)
        {
            var init = RngStream.For(seed, StreamTag.InitialState, (ulong)c);
            (means[c], converged[c], int it) = Solve(data, ref init, options);
            iterations = Math.Max(iterations, it);
            weights[c] = PackedRows.Signs(means[c]);
            errors += data.TrainingErrors(weights[c]);
        }
        return new MessagePassingResult(means, weights, iterations, converged, errors);
    }

    /// <summary>One AMP run; returns the means, whether it converged and the iterations used.</summary>
    public static (double[] Means, bool Converged, int Iterations) Solve(Dataset data, ref RngStream init, MessagePassingOptions options)
    {
        int n = data.N, p = data.P, len = PackedRows.PaddedLength(n);
        double invSqrtN = 1 / Math.Sqrt(n), d = options.Damping;
        var a = new double[len];
        var h = new double[len];
        var g = new double[p];
        for (int i = 0; i < n; i++) a[i] = InitialScale * (init.NextULong() >> 63 == 0 ? 1 : -1);
        double big = 0;
        for (int t = 1; t <= options.MaxIterations; t++)
        {
            double v = 0;
            for (int i = 0; i < n; i++) v += 1 - a[i] * a[i];
            // Fully polarised means (every |a_i| > 0.975): the fields w·ξ/√N are multiples of 1/√N, so as Σ_i v_i → 0 every
            // s = yω/√V grows like 1/√(Σ v), the Gaussian channel sees no constraint near its edge, g_out and its derivative
            // vanish together and one more step would erase the means (the CLT breaks down at q → 1 with ±1 patterns).
            // Polarised onto a configuration that still violates patterns (e.g. storage beyond what AMP can fit) is not a fixed point.
            if (v < PolarisedVariance) return (a[..n], data.TrainingErrors(PackedRows.Signs(a.AsSpan(0, n))) == 0, t - 1);
            v /= n;
            double sqrtV = Math.Sqrt(v), sumDg = 0;
            for (int mu = 0; mu < p; mu++)
            {
                double y = data.Labels[mu];
                double omega = PackedRows.Dot(data.Patterns.Row(mu), a) * invSqrtN - v * g[mu];
                double s = y * omega / sqrtV, r = NormalFunctions.FastPdfOverCdf(s);
                g[mu] = (1 - d) * (y * r / sqrtV) + d * g[mu];
                sumDg += (r * r + s * r) / v;
            }
            big = t == 1 ? sumDg / n : (1 - d) * (sumDg / n) + d * big; // damped like g, so that A stays the slope of the g it pairs with
            for (int i = 0; i < len; i++) h[i] = big * a[i];
            for (int mu = 0; mu < p; mu++) PackedRows.AddScaled(data.Patterns.Row(mu), g[mu] * invSqrtN, h);
            double change = 0;
            for (int i = 0; i < n; i++)
            {
                double next = (1 - d) * Math.Tanh(h[i]) + d * a[i];
                change = Math.Max(change, Math.Abs(next - a[i]) / (1 - d)); // the undamped step: damping must not fake convergence
                a[i] = next;
            }
            if (change < options.Tolerance) return (a[..n], true, t);
        }
        return (a[..n], false, options.MaxIterations);
    }
}
