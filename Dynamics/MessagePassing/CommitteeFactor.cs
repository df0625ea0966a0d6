using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The messages of one factor copy (μ, b) of the committee machine: Gaussian (central-limit) input fields at each hidden
/// unit, the majority output factor treated exactly by a convolution over the other K − 1 units, and the message on every
/// edge (k, i). Scalar double arithmetic; this is the oracle of the Vector512 path <see cref="MessagesFast"/>, which it equals
/// bit for bit on every machine: the same element functions (CommitteeFactor.Lanes.cs), unit sums accumulated in eight
/// strided lane partials reduced in a fixed order, then the last n mod 8 inputs in order. docs/physics/message-passing.md#committee-bp.
/// </summary>
/// <remarks>
/// <code>
/// m_{ki} = tanh(H̃_{ki} − u_{ki})                          cavity mean of weight (k, i) without this factor
/// ω_k = Σ_i ξ_{ki} m_{ki},  V_k = Σ_i (1 − m_{ki}²)       Gaussian field of unit k
/// p_k = Φ(ω_k/√V_k)                                       P(τ_k = +1) from its inputs
/// P_k(τ) = Σ_c Pr(c of the other units are +1) · 𝟙[σ(τ + 2c − (K − 1)) &gt; 0]     (exact convolution)
/// u_{ki} = ½ ln [A(ω_k − ξ m + ξ) / A(ω_k − ξ m − ξ)],  A(z) = P_k(+) Φ(z/√V̄) + P_k(−) Φ(−z/√V̄),  V̄ = V_k − (1 − m²)
/// </code>
/// For K = 1, P(−σ) = 0 and u is the perceptron's ½ ln[Φ(σ(ω̄ + ξ)/√V̄)/Φ(σ(ω̄ − ξ)/√V̄)].
/// </remarks>
internal static partial class CommitteeFactor
{
    /// <summary>Smallest cavity variance used (a fully polarised unit).</summary>
    public const double MinVariance = 1e-12;

    /// <summary>
    /// Fresh (damped, clipped) messages of one factor copy.
    /// </summary>
    /// <param name="hidden">K.</param>
    /// <param name="n">Inputs per unit.</param>
    /// <param name="routed">Routed total fields H̃ (K·n, unit k at k·n).</param>
    /// <param name="old">The factor copy's current messages (K·n).</param>
    /// <param name="xi">±1 inputs, unit k at k·<paramref name="xiStride"/>.</param>
    /// <param name="xiStride">Offset between units' inputs (0 for the fully connected machine).</param>
    /// <param name="sigma">Label σ.</param>
    /// <param name="damping">d: next = (1 − d)·computed + d·old.</param>
    /// <param name="maxMessage">|u| cap.</param>
    /// <param name="scratch">Work space of at least <see cref="ScratchLength"/>(K, n) doubles.</param>
    /// <param name="next">The new messages (K·n).</param>
    public static void Messages(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<double> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<double> scratch, Span<double> next)
    {
        int kn = hidden * n, body = n - n % 8;
        var cavity = scratch[..kn];
        var omega = scratch.Slice(kn, hidden);
        var variance = scratch.Slice(kn + hidden, hidden);
        var plus = scratch.Slice(kn + 2 * hidden, hidden);
        var minus = scratch.Slice(kn + 3 * hidden, hidden);
        var logPlus = scratch.Slice(kn + 4 * hidden, hidden);
        var logMinus = scratch.Slice(kn + 5 * hidden, hidden);
        var dist = scratch.Slice(kn + 6 * hidden, hidden + 1);
        Span<double> wl = stackalloc double[8], vl = stackalloc double[8]; // the eight lane partial sums
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            wl.Clear();
            vl.Clear();
            for (int i = 0; i < body; i++) // input i goes to lane i mod 8
            {
                double c = Tanh(routed[at + i] - old[at + i]);
                cavity[at + i] = c;
                wl[i % 8] += x[i] * c;
                vl[i % 8] += 1 - c * c;
            }
            double w = LaneSum(wl), v = LaneSum(vl);
            for (int i = body; i < n; i++) // the last n mod 8 inputs, in order
            {
                double c = Tanh(routed[at + i] - old[at + i]);
                cavity[at + i] = c;
                w += x[i] * c;
                v += 1 - c * c;
            }
            omega[k] = w;
            variance[k] = Math.Max(v, MinVariance);
            double s = w / Math.Sqrt(variance[k]);
            plus[k] = NormalFunctions.Cdf(s);
            minus[k] = NormalFunctions.Cdf(-s);
        }
        OutputMessages(hidden, sigma, plus, minus, dist, logPlus, logMinus);
        double keep = damping, take = 1 - damping;
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            double lp = logPlus[k], lm = logMinus[k], w = omega[k], v = variance[k];
            double top = Math.Max(lp, lm);
            double qp = Exp(lp - top), qm = Exp(lm - top); // P(±) scaled so that the larger is 1
            for (int i = 0; i < n; i++)
            {
                next[at + i] = take * EdgeMessage(cavity[at + i], x[i], v, w, qp, qm, lp, lm, maxMessage) + keep * old[at + i];
            }
        }
    }

    /// <summary>
    /// The exact message of edge (k, i) before damping, clipped to ±<paramref name="maxMessage"/>: ½[L(ω̄ + ξ) − L(ω̄ − ξ)] with
    /// ω̄ = ω − ξc and the edge's variance V − (1 − c²), L from <see cref="LogMix(double, double, double, double, double)"/>
    /// (q± = P(±)/max P, ln P±). The scalar edge of <see cref="Messages"/>, of the lane paths' n mod 8 tail and of the
    /// expanded factor's underflow fallback.
    /// </summary>
    public static double EdgeMessage(double c, double x, double v, double w, double qp, double qm, double lp, double lm, double maxMessage)
    {
        double inv = 1 / Math.Sqrt(Math.Max(v - (1 - c * c), MinVariance));
        double wc = w - x * c;
        double msg = 0.5 * (LogMix(qp, qm, lp, lm, (wc + x) * inv) - LogMix(qp, qm, lp, lm, (wc - x) * inv));
        return Math.Min(Math.Max(msg, -maxMessage), maxMessage);
    }

    /// <summary>Doubles of work space for K units of n inputs.</summary>
    public static int ScratchLength(int hidden, int n) => hidden * n + 7 * hidden + 1;

    /// <summary>
    /// ln P_k(+), ln P_k(−): the probability that the majority output equals σ given τ_k = ±1, the other units independent
    /// with P(τ_l = +1) = <paramref name="plus"/>[l] (a convolution over the count c of +1 among them, O(K²) per unit).
    /// Both zero (underflow far from any solution) reads as no information.
    /// </summary>
    public static void OutputMessages(int hidden, int sigma, ReadOnlySpan<double> plus, ReadOnlySpan<double> minus, Span<double> dist,
        Span<double> logPlus, Span<double> logMinus)
    {
        for (int k = 0; k < hidden; k++)
        {
            dist.Clear();
            dist[0] = 1;
            int count = 0;
            for (int l = 0; l < hidden; l++)
            {
                if (l == k) continue;
                count++;
                for (int c = count; c >= 1; c--) dist[c] = dist[c] * minus[l] + dist[c - 1] * plus[l];
                dist[0] *= minus[l];
            }
            double pp = 0, pm = 0;
            for (int c = 0; c <= count; c++)
            {
                int rest = 2 * c - (hidden - 1);
                if (sigma * (rest + 1) > 0) pp += dist[c];
                if (sigma * (rest - 1) > 0) pm += dist[c];
            }
            if (pp + pm == 0) (pp, pm) = (1, 1);
            logPlus[k] = Math.Log(pp);
            logMinus[k] = Math.Log(pm);
        }
    }
}
