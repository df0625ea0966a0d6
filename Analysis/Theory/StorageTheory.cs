using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>
/// Replica-symmetric (Gardner) entropy of the storage problem of the binary perceptron: ±1 weights, P = αN random
/// patterns with random ±1 labels, stability margin κ = 0 (Gardner 1988; Krauth &amp; Mézard 1989). Equations:
/// docs/physics/theory.md.
/// </summary>
public static class StorageTheory
{
    /// <summary>ln 2cosh x = |x| + ln(1 + e^{−2|x|}).</summary>
    private static double LogTwoCosh(double x)
    {
        double ax = Math.Abs(x);
        return ax + NormalFunctions.LogOnePlus(Math.Exp(-2.0 * ax));
    }

    private static double SquaredRatio(double u)
    {
        double g = NormalFunctions.PdfOverCdf(u);
        return g * g;
    }

    /// <summary>Energetic term I(q) = ∫Dz ln Φ(√(q/(1−q)) z): the log-volume fraction of one constraint; ln ½ at q = 0.</summary>
    public static double EnergeticTerm(double overlap)
    {
        if (!(overlap >= 0 && overlap < 1)) throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "q must be in [0, 1)");
        double a = Math.Sqrt(overlap / (1.0 - overlap));
        return GaussianIntegral.ExpectWithCore(z => NormalFunctions.LogCdf(a * z), a);
    }

    /// <summary>
    /// Conjugate equation q̂ = −2α dI/dq = α/(1−q) ∫Dz [φ(u)/Φ(u)]², u = √(q/(1−q)) z (by two Gaussian integrations by
    /// parts); 2α/π at q = 0.
    /// </summary>
    public static double ConjugateOverlap(double alpha, double overlap)
    {
        if (!(overlap >= 0 && overlap < 1)) throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "q must be in [0, 1)");
        return ConjugateOverlap(alpha, overlap, 1.0 - overlap);
    }

    // With the deficit 1 − q passed separately, so that q close to 1 loses no precision.
    private static double ConjugateOverlap(double alpha, double q, double deficit)
    {
        double a = Math.Sqrt(q / deficit);
        return alpha / deficit * GaussianIntegral.ExpectWithCore(z => SquaredRatio(a * z), a);
    }

    /// <summary>Overlap equation q = ∫Dz tanh²(√q̂ z) (±1 weights, no teacher).</summary>
    public static double Overlap(double conjugateOverlap) => OverlapAndDeficit(conjugateOverlap).Overlap;

    // Beyond √q̂ = 4 the step tanh²(√q̂ z) is narrower than a panel: 1 − q = ∫Dz sech²(√q̂ z) is then integrated as
    // ∫Dz h(a z) with h(u) = sech²(4u), a = √q̂/4 (the peak resolved in u, its exponential tails reaching |√q̂ z| = 42).
    private const double SteepSplit = 4.0;

    private static (double Overlap, double Deficit) OverlapAndDeficit(double qhat)
    {
        if (!(qhat >= 0) || double.IsInfinity(qhat)) throw new ArgumentOutOfRangeException(nameof(qhat), qhat, "q̂ must be ≥ 0 and finite");
        double s = Math.Sqrt(qhat);
        if (s <= SteepSplit)
        {
            double q = GaussianIntegral.Expect(z =>
            {
                double t = Math.Tanh(s * z);
                return t * t;
            });
            return (q, 1.0 - q);
        }
        double m = GaussianIntegral.ExpectScaled(u => SechSquared(SteepSplit * u), s / SteepSplit);
        return (1.0 - m, m);
    }

    /// <summary>sech² x = 4e^{−2|x|}/(1 + e^{−2|x|})².</summary>
    private static double SechSquared(double x)
    {
        double e = Math.Exp(-2.0 * Math.Abs(x));
        return 4.0 * e / ((1.0 + e) * (1.0 + e));
    }

    /// <summary>∫Dz ln 2cosh(√q̂ z); beyond √q̂ = 4 as √q̂ √(2/π) + ∫Dz ln(1 + e^{−2√q̂|z|}) with the peak resolved.</summary>
    private static double LogTwoCoshAverage(double qhat)
    {
        double s = Math.Sqrt(qhat);
        if (s <= SteepSplit) return GaussianIntegral.Expect(z => LogTwoCosh(s * z));
        return s * Math.Sqrt(2.0 / Math.PI) // E|√q̂ z|
            + GaussianIntegral.ExpectScaled(u => NormalFunctions.LogOnePlus(Math.Exp(-2.0 * SteepSplit * Math.Abs(u))), s / SteepSplit);
    }

    /// <summary>
    /// RS entropy functional s(q, q̂) = −q̂(1 − q)/2 + ∫Dz ln 2cosh(√q̂ z) + α I(q), to be made stationary in (q, q̂);
    /// at q = q̂ = 0 it is the annealed entropy ln 2 − α ln 2.
    /// </summary>
    public static double Entropy(double alpha, double overlap, double conjugateOverlap)
    {
        return -conjugateOverlap * (1.0 - overlap) / 2 + LogTwoCoshAverage(conjugateOverlap) + alpha * EnergeticTerm(overlap);
    }

    /// <summary>
    /// Below this 1 − q the storage iteration is declared to run off to q = 1: the RS saddle point with q &lt; 1 ceases to
    /// exist at α = 4/π (Gardner &amp; Derrida 1988), and 1 − q = 1e-6 is far beyond α_c ≈ 0.833, where the RS entropy is
    /// already negative.
    /// </summary>
    public const double RunawayDeficit = 1e-6;

    /// <summary>
    /// Iterates q̂_t = q̂(α, q_t), q_{t+1} = q(q̂_t) from q₀ (0 by default) to the RS saddle point. A run that exhausts its
    /// budget, or whose q runs off to 1 (1 − q &lt; <see cref="RunawayDeficit"/>: no RS saddle point, α ≳ 4/π), is
    /// reported with Converged = false (and, for the run-off, Entropy = NaN).
    /// </summary>
    public static StoragePoint Solve(double alpha, StateEvolutionOptions? options = null)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be > 0 and finite");
        var o = (options ?? StateEvolutionOptions.Default).Validated();
        double q = o.InitialOverlap, m = 1.0 - q;
        for (int t = 1; t <= o.MaxIterations; t++)
        {
            double qhat = ConjugateOverlap(alpha, q, m);
            var (qNew, mNew) = OverlapAndDeficit(qhat);
            qNew = (1 - o.Damping) * qNew + o.Damping * q;
            mNew = (1 - o.Damping) * mNew + o.Damping * m;
            double change = Math.Abs(qNew - q) / (1 - o.Damping); // the undamped step: damping must not fake convergence
            q = qNew;
            m = mNew;
            if (m < RunawayDeficit) return new StoragePoint(alpha, q, ConjugateOverlap(alpha, q, m), double.NaN, false, t);
            if (change < o.Tolerance) return Point(alpha, q, m, true, t);
        }
        return Point(alpha, q, m, false, o.MaxIterations);
    }

    /// <summary>The curve over <paramref name="alphas"/>, one saddle point per α, in the given order.</summary>
    public static IReadOnlyList<StoragePoint> Curve(IEnumerable<double> alphas, StateEvolutionOptions? options = null)
        => alphas.Select(alpha => Solve(alpha, options)).ToList();

    private static StoragePoint Point(double alpha, double q, double deficit, bool converged, int iterations)
    {
        double qhat = ConjugateOverlap(alpha, q, deficit);
        return new StoragePoint(alpha, q, qhat, Entropy(alpha, q, qhat), converged, iterations);
    }
}
