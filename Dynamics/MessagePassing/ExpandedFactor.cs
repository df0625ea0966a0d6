using System.Runtime.InteropServices;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The messages of one committee factor copy (μ, b) in the large-N expansion (<see cref="BpAccuracy.Expand"/>): the same
/// Gaussian unit fields and exact output convolution as <see cref="CommitteeFactor"/>, but the edge message is expanded
/// around the unit's full field instead of evaluated at the edge's cavity field:
/// <code>
/// m_{ki} = tanh(H̃_{ki} − u_{ki})                      cavity mean (float32)
/// ω_k = Σ_i ξ_{ki} m_{ki},  V_k = Σ_i (1 − m_{ki}²)   Gaussian field of unit k (sixteen float lanes)
/// L_k(ω) = ln[P_k(+) Φ(ω/√V_k) + P_k(−) Φ(−ω/√V_k)],   g_k = L_k′(ω_k),   g′_k = L_k″(ω_k)    (double, once per unit)
/// u_{ki} = ξ_{ki} g_k − m_{ki} g′_k                    (float32; = ½[L(ω̄ + ξ) − L(ω̄ − ξ)] to relative O(1/n), ω̄ = ω_k − ξ m)
/// </code>
/// With R = (P₊ − P₋) φ(s)/A(s), s = ω/√V: g = R/√V and g′ = −(sR + R²)/V. No transcendental per edge but the cavity
/// tanh (a float exp polynomial). This scalar code is the oracle of <see cref="MessagesFast"/>: sixteen strided lane
/// partial sums per unit reduced in <see cref="LaneSum(ReadOnlySpan{float})"/>'s order, the last n mod 16 inputs in order,
/// no FMA, so both equal bit for bit on every machine. docs/physics/message-passing.md#large-n-expansion.
/// </summary>
internal static partial class ExpandedFactor
{
    /// <summary>Largest |g|, |g′| carried to the float lanes (a fully polarised unit; the message is capped anyway).</summary>
    private const double MaxSlope = 1e30;

    private const double LnSqrt2Pi = 0.91893853320467274178;

    /// <summary>Doubles of per-unit work space for K units.</summary>
    public static int UnitScratchLength(int hidden) => 9 * hidden + 1;

    /// <summary>
    /// Fresh (damped, clipped) messages of one factor copy, as float32.
    /// </summary>
    /// <param name="hidden">K.</param>
    /// <param name="n">Inputs per unit.</param>
    /// <param name="routed">Routed total fields H̃ (K·n, unit k at k·n).</param>
    /// <param name="old">The factor copy's current messages (K·n).</param>
    /// <param name="xi">±1 inputs as floats, unit k at k·<paramref name="xiStride"/>.</param>
    /// <param name="xiStride">Offset between units' inputs (0 for the fully connected machine).</param>
    /// <param name="sigma">Label σ.</param>
    /// <param name="damping">d: next = (1 − d)·computed + d·old (in float).</param>
    /// <param name="maxMessage">|u| cap.</param>
    /// <param name="cavity">Work space: K·n floats (the cavity means).</param>
    /// <param name="units">Work space: <see cref="UnitScratchLength"/>(K) doubles.</param>
    /// <param name="next">The new messages (K·n).</param>
    public static void Messages(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<float> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<float> cavity, Span<double> units, Span<float> next)
    {
        int body = n - n % 16;
        Span<float> wl = stackalloc float[16], vl = stackalloc float[16]; // the sixteen lane partial sums
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            wl.Clear();
            vl.Clear();
            for (int i = 0; i < body; i++) // input i goes to lane i mod 16
            {
                float c = Tanh((float)(routed[at + i] - old[at + i]));
                cavity[at + i] = c;
                wl[i % 16] += x[i] * c;
                vl[i % 16] += 1 - c * c;
            }
            float w = LaneSum(wl), v = LaneSum(vl);
            TailCavity(routed, old, x, at, body, n, cavity, ref w, ref v);
            UnitField(hidden, k, w, v, units);
        }
        Slopes(hidden, sigma, units);
        float take = (float)(1 - damping), keep = (float)damping, cap = (float)maxMessage;
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            if (ExactUnit(hidden, k, n, x, cavity, old, damping, maxMessage, units, next)) continue;
            float g = (float)units[7 * hidden + k], g2 = (float)units[8 * hidden + 1 + k];
            for (int i = 0; i < n; i++)
                next[at + i] = take * Edge(x[i], cavity[at + i], g, g2, cap) + keep * old[at + i];
        }
    }

    /// <summary>The last n mod 16 inputs of unit k (offset <paramref name="at"/>), in order after the lane sums: their cavity
    /// means into <paramref name="cavity"/> and their terms added to w and v. One scalar loop for every lane width.</summary>
    private static void TailCavity(ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<float> x, int at, int body, int n,
        Span<float> cavity, ref float w, ref float v)
    {
        for (int i = body; i < n; i++)
        {
            float c = Tanh((float)(routed[at + i] - old[at + i]));
            cavity[at + i] = c;
            w += x[i] * c;
            v += 1 - c * c;
        }
    }

    /// <summary>The lane paths' tail: the last n mod 16 inputs of unit k, whose cavity means are already in
    /// <paramref name="cavity"/>, added to w and v in order (<see cref="TailCavity"/>'s sums).</summary>
    private static void TailSums(ReadOnlySpan<float> x, ReadOnlySpan<float> cavity, int at, int body, int n, ref float w, ref float v)
    {
        for (int i = body; i < n; i++)
        {
            float c = cavity[at + i];
            w += x[i] * c;
            v += 1 - c * c;
        }
    }

    /// <summary>Stores unit k's field ω, variance V (floored) and P(τ_k = ±1) = Φ(±ω/√V) in <paramref name="units"/>.</summary>
    private static void UnitField(int hidden, int k, float w, float v, Span<double> units)
    {
        double omega = w, variance = Math.Max(v, CommitteeFactor.MinVariance);
        units[k] = omega;
        units[hidden + k] = variance;
        (units[2 * hidden + k], units[3 * hidden + k]) = NormalFunctions.CdfPair(omega / Math.Sqrt(variance));
    }

    /// <summary>The output convolution (<see cref="CommitteeFactor.OutputMessages"/>), then each unit's slopes g_k (at 7K + k) and g′_k (at 8K + 1 + k).</summary>
    private static void Slopes(int hidden, int sigma, Span<double> units)
    {
        var logPlus = units.Slice(4 * hidden, hidden);
        var logMinus = units.Slice(5 * hidden, hidden);
        CommitteeFactor.OutputMessages(hidden, sigma, units.Slice(2 * hidden, hidden), units.Slice(3 * hidden, hidden),
            units.Slice(6 * hidden, hidden + 1), logPlus, logMinus);
        for (int k = 0; k < hidden; k++)
        {
            var (g, g2) = Slopes(logPlus[k], logMinus[k], units[k], units[hidden + k]);
            units[7 * hidden + k] = g;
            units[8 * hidden + 1 + k] = g2;
        }
    }

    /// <summary>
    /// g = L′(ω) and g′ = L″(ω) of L(ω) = ln[P₊Φ(ω/√V) + P₋Φ(−ω/√V)] from ln P± (the project's own exp/log and ln Φ, so the
    /// result does not depend on the host): R = (P₊ − P₋)φ(s)/A, g = R/√V, g′ = −(sR + R²)/V, each capped at 10³⁰.
    /// </summary>
    public static (double G, double G2) Slopes(double logPlus, double logMinus, double omega, double variance)
    {
        double top = Math.Max(logPlus, logMinus);
        double qp = CommitteeFactor.Exp(logPlus - top), qm = CommitteeFactor.Exp(logMinus - top);
        double diff = qp - qm;
        if (diff == 0) return (0, 0);
        double sd = Math.Sqrt(variance), s = omega / sd;
        double logA = CommitteeFactor.Mix(logPlus - top, logMinus - top, s);
        double r = CommitteeFactor.Exp(CommitteeFactor.Log(Math.Abs(diff)) - 0.5 * s * s - LnSqrt2Pi - logA);
        r = diff < 0 ? -r : r;
        double g = r / sd, g2 = -(s * r + r * r) / variance;
        return (Math.Clamp(g, -MaxSlope, MaxSlope), Math.Clamp(g2, -MaxSlope, MaxSlope));
    }

    // Lut[8·byte + j] = +1 if bit j of byte is set, else −1.
    private static readonly float[] Lut = BuildLut();

    private static float[] BuildLut()
    {
        var lut = new float[256 * 8];
        for (int v = 0; v < 256; v++)
            for (int j = 0; j < 8; j++) lut[8 * v + j] = ((v >> j) & 1) != 0 ? 1 : -1;
        return lut;
    }

    /// <summary>Writes the ±1 spins of a packed row as floats (the padded length, <see cref="PackedRows.PaddedLength"/>).</summary>
    public static void Expand(ReadOnlySpan<ulong> row, Span<float> into)
    {
        var bytes = MemoryMarshal.AsBytes(row);
        for (int j = 0; j < bytes.Length; j++) Lut.AsSpan(8 * bytes[j], 8).CopyTo(into.Slice(8 * j, 8));
    }
}
