using System.Runtime.Intrinsics;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class CommitteeFactor
{
    /// <summary>
    /// Whether <see cref="MessagesFast"/> takes the Vector512 path (default: where the hardware accelerates it). Tests turn it
    /// off to compare whole runs; the results are the same either way.
    /// </summary>
    internal static bool UseVector512 { get; set; } = Vector512.IsHardwareAccelerated;

    /// <summary>
    /// <see cref="Messages"/> on eight double lanes (Vector512) where the hardware has them, else the scalar oracle: the
    /// cavity means, unit sums and edge messages eight inputs at a time, the last n mod 8 inputs of a unit and the
    /// O(K³) output convolution in scalar code. Bit for bit equal to <see cref="Messages"/>: the same element functions
    /// (CommitteeFactor.Lanes.cs), lane partial sums reduced in <see cref="LaneSum(Vector512{double})"/>'s fixed order, the
    /// same tail. `mcover bench --rule bp|rbp|fbp` measures it (ns_per_edge_sweep).
    /// </summary>
    public static void MessagesFast(int hidden, int n, ReadOnlySpan<double> routed, ReadOnlySpan<float> old, ReadOnlySpan<double> xi, int xiStride,
        int sigma, double damping, double maxMessage, Span<double> scratch, Span<double> next)
    {
        if (!UseVector512 || !Vector512.IsHardwareAccelerated || n < 8)
        {
            Messages(hidden, n, routed, old, xi, xiStride, sigma, damping, maxMessage, scratch, next);
            return;
        }
        int kn = hidden * n, body = n - n % 8;
        var cavity = scratch[..kn];
        var omega = scratch.Slice(kn, hidden);
        var variance = scratch.Slice(kn + hidden, hidden);
        var plus = scratch.Slice(kn + 2 * hidden, hidden);
        var minus = scratch.Slice(kn + 3 * hidden, hidden);
        var logPlus = scratch.Slice(kn + 4 * hidden, hidden);
        var logMinus = scratch.Slice(kn + 5 * hidden, hidden);
        var dist = scratch.Slice(kn + 6 * hidden, hidden + 1);
        var olds = next; // the old messages as doubles, overwritten edge by edge below
        for (int j = 0; j < kn; j++) olds[j] = old[j];
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            var wv = Vector512<double>.Zero;
            var vv = Vector512<double>.Zero;
            for (int i = 0; i < body; i += 8)
            {
                var c = Tanh(Vector512.Create(routed.Slice(at + i, 8)) - Vector512.Create(olds.Slice(at + i, 8)));
                c.CopyTo(cavity.Slice(at + i, 8));
                wv += Vector512.Create(x.Slice(i, 8)) * c;
                vv += Vector512<double>.One - c * c;
            }
            double w = LaneSum(wv), v = LaneSum(vv);
            for (int i = body; i < n; i++)
            {
                double c = Tanh(routed[at + i] - olds[at + i]);
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
        var keep = Vector512.Create(damping);
        var take = Vector512.Create(1 - damping);
        var cap = Vector512.Create(maxMessage);
        var floor = Vector512.Create(MinVariance);
        var half = Vector512.Create(0.5);
        for (int k = 0; k < hidden; k++)
        {
            var x = xi.Slice(k * xiStride, n);
            int at = k * n;
            var lp = Vector512.Create(logPlus[k]);
            var lm = Vector512.Create(logMinus[k]);
            double top = Math.Max(logPlus[k], logMinus[k]);
            double qps = Exp(logPlus[k] - top), qms = Exp(logMinus[k] - top); // P(±) scaled so that the larger is 1
            var qp = Vector512.Create(qps);
            var qm = Vector512.Create(qms);
            var wk = Vector512.Create(omega[k]);
            var vk = Vector512.Create(variance[k]);
            for (int i = 0; i < body; i += 8)
            {
                var c = Vector512.Create(cavity.Slice(at + i, 8));
                var xv = Vector512.Create(x.Slice(i, 8));
                var inv = Vector512<double>.One / Vector512.Sqrt(Vector512.Max(vk - (Vector512<double>.One - c * c), floor));
                var wc = wk - xv * c;
                var msg = half * (LogMix(qp, qm, lp, lm, (wc + xv) * inv) - LogMix(qp, qm, lp, lm, (wc - xv) * inv));
                msg = Vector512.Min(Vector512.Max(msg, -cap), cap);
                (take * msg + keep * Vector512.Create(olds.Slice(at + i, 8))).CopyTo(next.Slice(at + i, 8));
            }
            double lps = logPlus[k], lms = logMinus[k], ws = omega[k], vs = variance[k];
            for (int i = body; i < n; i++)
            {
                next[at + i] = (1 - damping) * EdgeMessage(cavity[at + i], x[i], vs, ws, qps, qms, lps, lms, maxMessage) + damping * olds[at + i];
            }
        }
    }
}
