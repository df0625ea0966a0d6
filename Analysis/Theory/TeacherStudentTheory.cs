using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>
/// Replica-symmetric theory of the binary perceptron in the teacher–student setting: ±1 teacher and student weights,
/// labels y = sign(w*·ξ/√N), Bayes-optimal learning (= Gibbs learning at zero temperature, the Nishimori point), where
/// the posterior is uniform on the version space. Its saddle-point equations are the state evolution of AMP.
/// Equations and references: docs/physics/theory.md.
/// </summary>
public static class TeacherStudentTheory
{
    private const double Ln2 = 0.693147180559945309417232121458;

    /// <summary>Bayes-optimal generalisation error ε_Bayes = arccos(√q)/π.</summary>
    public static double BayesError(double overlap) => Math.Acos(Math.Sqrt(Math.Clamp(overlap, 0.0, 1.0))) / Math.PI;

    /// <summary>Gibbs generalisation error ε_Gibbs = arccos(q)/π (a single posterior sample, overlap q with the teacher).</summary>
    public static double GibbsError(double overlap) => Math.Acos(Math.Clamp(overlap, -1.0, 1.0)) / Math.PI;

    /// <summary>φ(u)²/(Φ(u)Φ(−u)) = [φ/Φ](u)·[φ/Φ](−u): E over y = ±1 of g_out², times (1 − q).</summary>
    private static double ChannelFisher(double u) => NormalFunctions.PdfOverCdf(u) * NormalFunctions.PdfOverCdf(-u);

    /// <summary>
    /// Channel equation q̂ = α/(1−q) ∫Dξ φ(u)²/(Φ(u)Φ(−u)), u = √(q/(1−q)) ξ (+∞ at q = 1). At q = 0 it is 2α/π.
    /// </summary>
    public static double ConjugateOverlap(double alpha, double overlap) => ConjugateOverlap(alpha, overlap, 1.0 - overlap);

    // With the deficit 1 − q passed separately, so that q close to 1 loses no precision.
    private static double ConjugateOverlap(double alpha, double q, double deficit)
    {
        if (deficit <= 0) return double.PositiveInfinity;
        double a = Math.Sqrt(q / deficit); // u = a ξ
        return alpha / deficit * GaussianIntegral.ExpectScaled(ChannelFisher, a);
    }

    /// <summary>Prior equation q = ∫Dz tanh(q̂ + √q̂ z) (±1 prior; 1 at q̂ = +∞).</summary>
    public static double Overlap(double conjugateOverlap) => OverlapAndDeficit(conjugateOverlap).Overlap;

    /// <summary>q(q̂) and 1 − q(q̂), each computed where it has no cancellation: 1 − tanh x = 2/(1 + e^{2x}).</summary>
    private static (double Overlap, double Deficit) OverlapAndDeficit(double qhat)
    {
        if (!(qhat >= 0)) throw new ArgumentOutOfRangeException(nameof(qhat), qhat, "q̂ must be ≥ 0");
        if (double.IsPositiveInfinity(qhat)) return (1.0, 0.0);
        double s = Math.Sqrt(qhat);
        if (qhat < 1)
        {
            // Symmetrised in z: ½[tanh(q̂ + sz) + tanh(q̂ − sz)] = sinh 2q̂ / (cosh 2q̂ + cosh 2sz) > 0, so that q stays
            // positive and relatively accurate as q̂ → 0 (q ≈ q̂).
            double sinh = Math.Sinh(2 * qhat), cosh = Math.Cosh(2 * qhat);
            double q = GaussianIntegral.Expect(z => sinh / (cosh + Math.Cosh(2 * s * z)));
            return (q, 1.0 - q);
        }
        double m = GaussianIntegral.Expect(z => 2.0 / (1.0 + Math.Exp(2.0 * (qhat + s * z))));
        return (1.0 - m, m);
    }

    /// <summary>ln cosh x = |x| + ln(1 + e^{−2|x|}) − ln 2, without overflow.</summary>
    internal static double LogCosh(double x)
    {
        double ax = Math.Abs(x);
        return ax + NormalFunctions.LogOnePlus(Math.Exp(-2.0 * ax)) - Ln2;
    }

    /// <summary>Prior potential ψ_P0(q̂) = ∫Dz ln cosh(q̂ + √q̂ z) − q̂/2 (±1 prior, teacher spin x* = 1).</summary>
    public static double PriorPotential(double conjugateOverlap)
    {
        double qhat = conjugateOverlap, s = Math.Sqrt(qhat);
        return GaussianIntegral.Expect(z => LogCosh(qhat + s * z)) - qhat / 2;
    }

    /// <summary>Channel potential Ψ_out(q) = 2 ∫Dξ Φ(u) ln Φ(u), u = √(q/(1−q)) ξ; −ln 2 at q = 0, 0 at q = 1.</summary>
    public static double ChannelPotential(double overlap)
    {
        if (overlap >= 1) return 0.0;
        return 2.0 * GaussianIntegral.ExpectScaled(NormalFunctions.CdfLogCdf, Math.Sqrt(overlap / (1.0 - overlap)));
    }

    /// <summary>
    /// Replica-symmetric free entropy f_RS(q, q̂) = ψ_P0(q̂) + α Ψ_out(q) − q q̂/2 (Barbier et al. 2019); its stationary
    /// points are the fixed points of the state evolution. At q = 1, q̂ = ∞ it is −ln 2.
    /// </summary>
    public static double FreeEntropy(double alpha, double overlap, double conjugateOverlap)
    {
        if (overlap >= 1 && double.IsPositiveInfinity(conjugateOverlap)) return -Ln2;
        return PriorPotential(conjugateOverlap) + alpha * ChannelPotential(overlap) - overlap * conjugateOverlap / 2;
    }

    /// <summary>Entropy of the version space s = f_RS + ln 2 (per weight; 0 when only the teacher is left).</summary>
    public static double Entropy(double alpha, double overlap, double conjugateOverlap) => FreeEntropy(alpha, overlap, conjugateOverlap) + Ln2;

    /// <summary>
    /// State evolution: iterates q̂_t = q̂(α, q_t), q_{t+1} = q(q̂_t) from q₀ (uninformed, q₀ = 0, by default) to its fixed
    /// point. Declares perfect learning (q = 1) once 1 − q drops below the options' tolerance.
    /// </summary>
    public static TeacherStudentPoint StateEvolution(double alpha, StateEvolutionOptions? options = null)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be > 0 and finite");
        var o = (options ?? StateEvolutionOptions.Default).Validated();
        double q = o.InitialOverlap, m = 1.0 - q;
        for (int t = 1; t <= o.MaxIterations; t++)
        {
            var (qNew, mNew) = OverlapAndDeficit(ConjugateOverlap(alpha, q, m));
            qNew = (1 - o.Damping) * qNew + o.Damping * q;
            mNew = (1 - o.Damping) * mNew + o.Damping * m;
            double change = Math.Abs(qNew - q) / (1 - o.Damping); // the undamped step: damping must not fake convergence
            q = qNew;
            m = mNew;
            if (m < o.PerfectLearningTolerance) return Point(alpha, 1.0, 0.0, true, t);
            if (change < o.Tolerance) return Point(alpha, q, m, true, t);
        }
        return Point(alpha, q, m, false, o.MaxIterations);
    }

    /// <summary>
    /// The state-evolution trajectory q_0, q_1, …, q_T (T = <paramref name="iterations"/>) from q_0 =
    /// <paramref name="initialOverlap"/>, undamped: q_t is the overlap AMP reaches after t iterations for N → ∞.
    /// </summary>
    public static double[] StateEvolutionTrajectory(double alpha, int iterations, double initialOverlap = 0)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be > 0 and finite");
        if (iterations < 0) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "must be ≥ 0");
        if (!(initialOverlap >= 0 && initialOverlap <= 1)) throw new ArgumentOutOfRangeException(nameof(initialOverlap), initialOverlap, "must be in [0, 1]");
        var trajectory = new double[iterations + 1];
        double q = initialOverlap, m = 1.0 - q;
        trajectory[0] = q;
        for (int t = 1; t <= iterations; t++)
        {
            (q, m) = OverlapAndDeficit(ConjugateOverlap(alpha, q, m));
            trajectory[t] = q;
        }
        return trajectory;
    }

    /// <summary>The curve over <paramref name="alphas"/>: one state-evolution run per α, in the given order.</summary>
    public static IReadOnlyList<TeacherStudentPoint> Curve(IEnumerable<double> alphas, StateEvolutionOptions? options = null)
        => alphas.Select(alpha => StateEvolution(alpha, options)).ToList();

    private static TeacherStudentPoint Point(double alpha, double q, double deficit, bool converged, int iterations)
    {
        if (deficit <= 0) return new TeacherStudentPoint(alpha, 1.0, double.PositiveInfinity, 0.0, 0.0, 0.0, converged, iterations);
        double qhat = ConjugateOverlap(alpha, q, deficit);
        return new TeacherStudentPoint(alpha, q, qhat, BayesError(q), GibbsError(q), Entropy(alpha, q, qhat), converged, iterations);
    }
}
