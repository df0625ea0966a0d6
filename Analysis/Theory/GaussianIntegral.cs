using MathNet.Numerics.Integration;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>
/// Gaussian averages ∫Dz f(z), Dz = φ(z) dz, by composite Gauss–Legendre quadrature on [−L, L] (MathNet's
/// <see cref="GaussLegendreRule"/> on each panel).
/// </summary>
/// <remarks>
/// The truncation costs 2Φ(−L) ≈ 9e-26 for |f| ≤ 1 (L = <see cref="Cutoff"/>). Panels of width
/// <see cref="PanelWidth"/> with <see cref="NodesPerPanel"/> nodes integrate functions analytic in a strip of half-width
/// ≳ 0.25 around the real axis to ~1e-14 (tanh(q̂ + √q̂ z) up to q̂ ≈ 40; the saddle points agree to 1e-14 with a
/// quadrature four times as fine and with MathNet's adaptive Gauss–Kronrod). Unlike Gauss–Hermite, the panels resolve
/// kinks and steps of width ~0.1 anywhere in the range; narrower features go through <see cref="ExpectScaled"/> or
/// <see cref="ExpectWithCore"/>.
/// </remarks>
public static class GaussianIntegral
{
    /// <summary>Half-width L of the integration range.</summary>
    public const double Cutoff = 10.5;
    /// <summary>Width of one Gauss–Legendre panel.</summary>
    public const double PanelWidth = 0.25;
    /// <summary>Gauss–Legendre nodes per panel.</summary>
    public const int NodesPerPanel = 10;

    private static readonly double[] Nodes;         // z_i in [−L, L]
    private static readonly double[] LegendreWeights; // Gauss–Legendre weights w_i (∫_{−L}^{L} g dz ≈ Σ w_i g(z_i))
    private static readonly double[] GaussWeights;  // w_i φ(z_i) (∫Dz f ≈ Σ w_i φ(z_i) f(z_i))

    private static readonly GaussLegendreRule Legendre = new(-1, 1, NodesPerPanel);

    static GaussianIntegral()
    {
        int panels = (int)Math.Round(2 * Cutoff / PanelWidth);
        var rule = Legendre;
        Nodes = new double[panels * NodesPerPanel];
        LegendreWeights = new double[Nodes.Length];
        GaussWeights = new double[Nodes.Length];
        for (int p = 0; p < panels; p++)
        {
            double mid = -Cutoff + (p + 0.5) * PanelWidth;
            for (int j = 0; j < NodesPerPanel; j++)
            {
                int i = p * NodesPerPanel + j;
                Nodes[i] = mid + 0.5 * PanelWidth * rule.Abscissas[j];
                LegendreWeights[i] = 0.5 * PanelWidth * rule.Weights[j];
                GaussWeights[i] = LegendreWeights[i] * NormalFunctions.Pdf(Nodes[i]);
            }
        }
    }

    /// <summary>The nodes z_i (not a copy: do not modify).</summary>
    internal static double[] NodeArray => Nodes;

    /// <summary>The weights w_i φ(z_i) of ∫Dz f ≈ Σ w_i φ(z_i) f(z_i) (not a copy: do not modify).</summary>
    internal static double[] WeightArray => GaussWeights;

    /// <summary>Number of integrand evaluations per average.</summary>
    public static int Evaluations => Nodes.Length;

    /// <summary>∫Dz f(z) = ∫ dz e^{−z²/2}/√(2π) f(z), for f growing at most polynomially (or like e^{c|z|}) in |z|.</summary>
    public static double Expect(Func<double, double> f)
    {
        double s = 0;
        for (int i = 0; i < Nodes.Length; i++) s += GaussWeights[i] * f(Nodes[i]);
        return s;
    }

    /// <summary>
    /// ∫Dz f(z) for an integrand that varies on the scale 1/a inside a core |z| ≤ L/a and is smooth outside it
    /// (ln Φ(a z), [φ/Φ]²(a z) at large a: a kink of width 1/a at the origin, polynomial growth elsewhere). The core is
    /// integrated in t = a z on the standard panels, the two flanks L/a ≤ |z| ≤ L on panels of width ≤
    /// <see cref="PanelWidth"/>. For a ≤ 4 this is <see cref="Expect(Func{double, double})"/>.
    /// </summary>
    public static double ExpectWithCore(Func<double, double> f, double a)
    {
        if (!(a >= 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "scale must be ≥ 0");
        if (a <= 4) return Expect(f);
        double s = 0;
        for (int i = 0; i < Nodes.Length; i++)
        {
            double z = Nodes[i] / a;
            s += LegendreWeights[i] / a * NormalFunctions.Pdf(z) * f(z);
        }
        double inner = Cutoff / a;
        int panels = (int)Math.Ceiling((Cutoff - inner) / PanelWidth);
        double width = (Cutoff - inner) / panels;
        for (int p = 0; p < panels; p++)
        {
            double mid = inner + (p + 0.5) * width;
            for (int j = 0; j < NodesPerPanel; j++)
            {
                double z = mid + 0.5 * width * Legendre.Abscissas[j];
                double w = 0.5 * width * Legendre.Weights[j] * NormalFunctions.Pdf(z);
                s += w * (f(z) + f(-z));
            }
        }
        return s;
    }

    /// <summary>
    /// ∫Dz h(a z) for a scale a ≥ 0 and an integrand h(u) that decays at least like a Gaussian in u (|h(u)| ≤ C(1+|u|)φ(u),
    /// as φ²/(Φ(u)Φ(−u)) and Φ ln Φ do). For a ≤ 1 this is <see cref="Expect(Func{double, double})"/>; for a &gt; 1, where h(az) is a peak of
    /// width 1/a, it integrates over t = a z instead: ∫Dz h(az) = ∫ dt φ(t/a)/a h(t), on the same panels in t.
    /// </summary>
    public static double ExpectScaled(Func<double, double> h, double a)
    {
        if (!(a >= 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "scale must be ≥ 0");
        double s = 0;
        if (a <= 1)
        {
            for (int i = 0; i < Nodes.Length; i++) s += GaussWeights[i] * h(a * Nodes[i]);
            return s;
        }
        for (int i = 0; i < Nodes.Length; i++) s += LegendreWeights[i] * NormalFunctions.Pdf(Nodes[i] / a) * h(Nodes[i]);
        return s / a;
    }
}
