using MathNet.Numerics.Integration;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>
/// Replica-symmetric theory of equilibrium Gibbs learning at finite temperature for the Ising perceptron in the
/// teacher–student setting with the error-count energy E(w) = Σ_μ Θ(−σ^μ w·ξ^μ): P(w) ∝ e^{−βE(w)} on w ∈ {±1}^N.
/// </summary>
/// <remarks>
/// Györgyi, PRA 41, 7097 (1990); Seung, Sompolinsky, Tishby, PRA 45, 6056 (1992). docs/physics/theory.md#gibbs-learning-at-finite-temperature.
/// <code>
/// −βf = extr { G_S(R̂, q̂; R, q) + α G_E(R, q) }
/// G_S = −R̂R − q̂(1 − q)/2 + ∫Dz ln 2cosh(√q̂ z + R̂)
/// G_E = 2 ∫Dt Φ(Rt/γ) ln[e^{−β} + (1 − e^{−β}) Φ(kt)],   γ = √(q − R²), k = √(q/(1 − q))
/// R = ∫Dz tanh(√q̂ z + R̂),  q = ∫Dz tanh²(√q̂ z + R̂),  R̂ = α ∂G_E/∂R,  q̂ = −2α ∂G_E/∂q
/// </code>
/// At β → ∞ the law is uniform on the version space, R = q and R̂ = q̂ (the Nishimori line), and the equations reduce to
/// <see cref="TeacherStudentTheory"/>. Like T = 0, finite T has a poor-generalisation branch (reached from an uninformed
/// start, R ≈ 0) and a good one (from R ≈ 1) that coexist over a range of α; <see cref="Solve"/> follows one of them,
/// <see cref="Equilibrium"/> returns both and the one of larger −βf.
/// </remarks>
public static class GibbsLearningTheory
{
    private const double Ln2 = 0.693147180559945309417232121458;
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;

    /// <summary>Energy term G_E(R, q) at inverse temperature β.</summary>
    public static double EnergyTerm(double beta, double r, double q)
    {
        var (gamma, k, a) = Scales(r, q);
        double eb = Math.Exp(-beta), c = -MathNet.Numerics.SpecialFunctions.Expm1(-beta);
        return 2 * GaussianIntegral.ExpectWithCore(t => NormalFunctions.Cdf(r * t / gamma) * LogL(eb, c, k * t), a);
    }

    /// <summary>ln[e^{−β} + (1 − e^{−β}) Φ(u)], finite for β = ∞ through ln Φ.</summary>
    private static double LogL(double eb, double c, double u)
    {
        if (eb == 0) return NormalFunctions.LogCdf(u);
        double l = eb + c * NormalFunctions.Cdf(u);
        return Math.Log(l);
    }

    /// <summary>(1 − e^{−β}) φ(u) / [e^{−β} + (1 − e^{−β}) Φ(u)].</summary>
    private static double Ratio(double eb, double c, double u)
    {
        if (eb == 0) return NormalFunctions.PdfOverCdf(u);
        double pdf = NormalFunctions.Pdf(u);
        return pdf == 0 ? 0 : c * pdf / (eb + c * NormalFunctions.Cdf(u));
    }

    private static (double Gamma, double K, double Core) Scales(double r, double q)
    {
        if (!(q > 0 && q < 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "q must be in (0, 1)");
        double gamma = Math.Sqrt(Math.Max(q - r * r, 1e-300)), k = Math.Sqrt(q / (1 - q));
        return (gamma, k, Math.Max(k, Math.Abs(r) / gamma));
    }

    /// <summary>(∂G_E/∂R, ∂G_E/∂q), after integrating by parts (docs/physics/theory.md).</summary>
    public static (double DR, double Dq) EnergyGradient(double beta, double r, double q)
    {
        var (gamma, k, a) = Scales(r, q);
        double eb = Math.Exp(-beta), c = -MathNet.Numerics.SpecialFunctions.Expm1(-beta), s = r / gamma;
        // ∂_R G_E = 2/(γ√2π) ∫Dt e^{−R²t²/2γ²} k·Ratio(kt)
        double dr = 2 * InvSqrt2Pi / gamma * GaussianIntegral.ExpectWithCore(t => Math.Exp(-0.5 * s * s * t * t) * k * Ratio(eb, c, k * t), a);
        // ∂_q G_E = −R/(2q) ∂_R G_E + 2 k′(q) ∫Dt Φ(Rt/γ) t Ratio(kt),  k′ = 1/(2√q (1 − q)^{3/2})
        double dk = 1 / (2 * Math.Sqrt(q) * Math.Pow(1 - q, 1.5));
        double dq = -r / (2 * q) * dr + 2 * dk * GaussianIntegral.ExpectWithCore(t => NormalFunctions.Cdf(s * t) * t * Ratio(eb, c, k * t), a);
        return (dr, dq);
    }

    /// <summary>Training error ε_t = −∂_β G_E = 2∫Dt Φ(Rt/γ) e^{−β}Φ(−kt)/[e^{−β} + (1 − e^{−β})Φ(kt)].</summary>
    public static double TrainError(double beta, double r, double q)
    {
        var (gamma, k, a) = Scales(r, q);
        double eb = Math.Exp(-beta), c = -MathNet.Numerics.SpecialFunctions.Expm1(-beta);
        if (eb == 0) return 0;
        return 2 * GaussianIntegral.ExpectWithCore(t =>
        {
            double u = k * t;
            return NormalFunctions.Cdf(r * t / gamma) * eb * NormalFunctions.Cdf(-u) / (eb + c * NormalFunctions.Cdf(u));
        }, a);
    }

    /// <summary>
    /// Prior equations for ±1 weights with teacher w* = +1 (gauge): R = ∫Dz tanh x, q = ∫Dz tanh² x, x = √q̂ z + R̂,
    /// with the deficit 1 − q = ∫Dz sech² x computed directly (no cancellation as q → 1).
    /// </summary>
    public static (double R, double Q, double Deficit) Prior(double conjugateR, double conjugateQ)
    {
        double rh = conjugateR, qh = conjugateQ, sq = Math.Sqrt(qh);
        if (!(qh >= 0)) throw new ArgumentOutOfRangeException(nameof(conjugateQ), qh, "q̂ must be ≥ 0");
        static double Sech2(double x) { double e = Math.Exp(-2 * Math.Abs(x)); return 4 * e / ((1 + e) * (1 + e)); }
        if (qh <= 16)
        {
            double r = GaussianIntegral.Expect(z => Math.Tanh(sq * z + rh));
            double m = GaussianIntegral.Expect(z => Sech2(sq * z + rh));
            return (r, 1 - m, m);
        }
        // Narrow features (width 1/√q̂ in z): integrate in x, weight φ((x − R̂)/√q̂)/√q̂; tanh saturates beyond |x| = 20.
        double lo = rh - GaussianIntegral.Cutoff * sq, hi = rh + GaussianIntegral.Cutoff * sq;
        double W(double x) => NormalFunctions.Pdf((x - rh) / sq) / sq;
        double deficit = Panels(x => W(x) * Sech2(x), Math.Max(lo, -20), Math.Min(hi, 20));
        double left = NormalFunctions.Cdf((-20 - rh) / sq), right = NormalFunctions.Cdf((rh - 20) / sq);
        double rr = right - left + Panels(x => W(x) * Math.Tanh(x), Math.Max(lo, -20), Math.Min(hi, 20));
        return (rr, 1 - deficit, deficit);
    }

    /// <summary>∫_lo^hi f by 10-point Gauss–Legendre panels of width ≤ 0.25.</summary>
    private static double Panels(Func<double, double> f, double lo, double hi)
    {
        if (hi <= lo) return 0;
        int panels = (int)Math.Ceiling((hi - lo) / GaussianIntegral.PanelWidth);
        double width = (hi - lo) / panels, s = 0;
        for (int p = 0; p < panels; p++) s += GaussLegendreRule.Integrate(f, lo + p * width, lo + (p + 1) * width, GaussianIntegral.NodesPerPanel);
        return s;
    }

    /// <summary>−βf(R, q, R̂, q̂) = G_S + α G_E; stationary at the saddle point.</summary>
    public static double FreeEntropy(double alpha, double beta, double r, double q, double conjugateR, double conjugateQ)
    {
        double rh = conjugateR, qh = conjugateQ, sq = Math.Sqrt(qh);
        double gs = -rh * r - qh * (1 - q) / 2 + Ln2 + GaussianIntegral.Expect(z => TeacherStudentTheory.LogCosh(sq * z + rh)); // ∫Dz ln 2cosh x
        return gs + alpha * EnergyTerm(beta, r, q);
    }

    /// <summary>
    /// Damped fixed-point iteration of the saddle-point equations from the prior state of (R̂₀, q̂₀) = (start, start):
    /// a small start (10⁻³, uninformed) follows the poor-generalisation branch, a large one (≈ 8) the good branch.
    /// </summary>
    /// <param name="alpha">Load α &gt; 0.</param>
    /// <param name="beta">Inverse temperature β ≥ 0 (∞ allowed: the version space).</param>
    /// <param name="start">Initial R̂₀ = q̂₀ ≥ 0.</param>
    /// <param name="damping">d ∈ [0, 1): new = (1 − d)·computed + d·old (on R̂, q̂).</param>
    /// <param name="tolerance">Stop when R and q change by less than this.</param>
    /// <param name="maxIterations">Budget.</param>
    public static GibbsPoint Solve(double alpha, double beta, double start = 1e-3, double damping = 0.5, double tolerance = 1e-10, int maxIterations = 5000)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be > 0 and finite");
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be ≥ 0");
        if (beta == 0) return new GibbsPoint(alpha, 0, 0, 0, 0, 0, 0.5, 0.5, Ln2, true, 0);
        double rh = start, qh = start;
        var (r, q, m) = Prior(rh, qh);
        for (int t = 1; t <= maxIterations; t++)
        {
            if (m < 1e-13) return Perfect(alpha, beta, t - 1); // collapsed onto the teacher: outside the RS integrals' range
            var (dr, dq) = EnergyGradient(beta, r, q);
            rh = (1 - damping) * alpha * dr + damping * rh;
            qh = (1 - damping) * -2 * alpha * dq + damping * qh;
            var (rNew, qNew, deficit) = Prior(rh, qh);
            double change = Math.Max(Math.Abs(rNew - r), Math.Abs(qNew - q)) / (1 - damping);
            (r, q, m) = (rNew, qNew, deficit);
            if (m < 1e-13) return Perfect(alpha, beta, t);
            if (change < tolerance) return Point(alpha, beta, r, q, rh, qh, true, t);
        }
        return Point(alpha, beta, r, q, rh, qh, false, maxIterations);
    }

    /// <summary>
    /// The collapsed saddle point R = q = 1, R̂ = q̂ = ∞: the teacher alone, −βf = 0 (zero entropy, zero energy). For Ising
    /// weights one flip away from the teacher costs ~√N violated patterns, so at any finite T the good branch is exactly
    /// the teacher for N → ∞.
    /// </summary>
    private static GibbsPoint Perfect(double alpha, double beta, int iterations)
        => new(alpha, beta, 1, 1, double.PositiveInfinity, double.PositiveInfinity, 0, 0, 0, true, iterations);

    private static GibbsPoint Point(double alpha, double beta, double r, double q, double rh, double qh, bool converged, int iterations)
        => new(alpha, beta, r, q, rh, qh, TeacherStudentTheory.GibbsError(r), TrainError(beta, r, q),
            FreeEntropy(alpha, beta, r, q, rh, qh), converged, iterations);

    /// <summary>
    /// Both RS branches at (α, β): Poor from the uninformed start, Good from an informed one (R̂₀ = q̂₀ = 8, R ≈ q ≈ 0.97), and the
    /// thermodynamic state, the branch with the larger −βf (the first-order transition is where they cross).
    /// </summary>
    public static (GibbsPoint Poor, GibbsPoint Good, GibbsPoint Equilibrium) Equilibrium(double alpha, double beta)
    {
        var poor = Solve(alpha, beta);
        var good = Solve(alpha, beta, start: 8);
        return (poor, good, good.Converged && good.FreeEntropy > poor.FreeEntropy ? good : poor);
    }
}
