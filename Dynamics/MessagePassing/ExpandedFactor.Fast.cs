using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class ExpandedFactor
{
    /// <summary>
    /// <see cref="Slopes(int, int, Span{double})"/> for the lane paths, with the same bits: the output convolution, then the
    /// slopes of up to eight units at once on Vector512 doubles (every element function has a lane twin that equals it bit
    /// for bit), so that the K units' dependency chains of transcendental functions run as one instead of one after another.
    /// </summary>
    private static void SlopesFast(int hidden, int sigma, Span<double> units)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Slopes(hidden, sigma, units);
            return;
        }
        var logPlus = units.Slice(4 * hidden, hidden);
        var logMinus = units.Slice(5 * hidden, hidden);
        CommitteeFactor.OutputMessages(hidden, sigma, units.Slice(2 * hidden, hidden), units.Slice(3 * hidden, hidden),
            units.Slice(6 * hidden, hidden + 1), logPlus, logMinus);
        Span<double> lanes = stackalloc double[48]; // ln P₊, ln P₋, ω, V, then g and g′, eight lanes each
        for (int k0 = 0; k0 < hidden; k0 += 8)
        {
            int count = Math.Min(8, hidden - k0);
            lanes[..8].Clear();          // unused lanes: ln P± = 0, −1 (P₊ ≠ P₋), ω = 0, V = 1: finite slopes, written nowhere
            lanes.Slice(8, 8).Fill(-1);
            lanes.Slice(16, 8).Clear();
            lanes.Slice(24, 8).Fill(1);
            logPlus.Slice(k0, count).CopyTo(lanes);
            logMinus.Slice(k0, count).CopyTo(lanes[8..]);
            units.Slice(k0, count).CopyTo(lanes[16..]);
            units.Slice(hidden + k0, count).CopyTo(lanes[24..]);
            var (g, g2) = Slopes(Vector512.Create(lanes[..8]), Vector512.Create(lanes.Slice(8, 8)), Vector512.Create(lanes.Slice(16, 8)),
                Vector512.Create(lanes.Slice(24, 8)));
            g.CopyTo(lanes[32..]);
            g2.CopyTo(lanes[40..]);
            lanes.Slice(32, count).CopyTo(units[(7 * hidden + k0)..]);
            lanes.Slice(40, count).CopyTo(units[(8 * hidden + 1 + k0)..]);
        }
    }

    /// <summary><see cref="Slopes(double, double, double, double)"/> on eight lanes (the same operations in the same order, lane for lane).</summary>
    internal static (Vector512<double> G, Vector512<double> G2) Slopes(Vector512<double> logPlus, Vector512<double> logMinus,
        Vector512<double> omega, Vector512<double> variance)
    {
        var top = Vector512.Max(logPlus, logMinus);
        var qp = CommitteeFactor.Exp(logPlus - top);
        var qm = CommitteeFactor.Exp(logMinus - top);
        var diff = qp - qm;
        var sd = Vector512.Sqrt(variance);
        var s = omega / sd;
        var logA = CommitteeFactor.Mix(logPlus - top, logMinus - top, s);
        var r = CommitteeFactor.Exp(CommitteeFactor.Log(Vector512.Abs(diff)) - Vector512.Create(0.5) * s * s - Vector512.Create(LnSqrt2Pi) - logA);
        r = Vector512.ConditionalSelect(Vector512.LessThan(diff, Vector512<double>.Zero), -r, r);
        var (cap, zero) = (Vector512.Create(MaxSlope), Vector512.Equals(diff, Vector512<double>.Zero));
        var g = Vector512.Min(Vector512.Max(r / sd, -cap), cap);
        var g2 = Vector512.Min(Vector512.Max(-(s * r + r * r) / variance, -cap), cap);
        return (Vector512.ConditionalSelect(zero, Vector512<double>.Zero, g), Vector512.ConditionalSelect(zero, Vector512<double>.Zero, g2));
    }

    /// <summary><see cref="Expand"/> on lanes: bit i of the row (word i/64, bit i mod 64) becomes ±1 at float i, sixteen
    /// (Vector512) or eight (Vector256) at a time; the same floats as the table.</summary>
    public static void ExpandFast(ReadOnlySpan<ulong> row, Span<float> into)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var bits = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
            var (plus, minus) = (Vector512<float>.One, -Vector512<float>.One);
            for (int w = 0; w < row.Length; w++)
                for (int q = 0; q < 4; q++)
                {
                    var set = Vector512.Equals(Vector512.Create((int)(row[w] >> (16 * q))) & bits, Vector512<int>.Zero).AsSingle();
                    Vector512.ConditionalSelect(set, minus, plus).CopyTo(into.Slice(64 * w + 16 * q, 16));
                }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var bits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
            var (plus, minus) = (Vector256<float>.One, -Vector256<float>.One);
            for (int w = 0; w < row.Length; w++)
                for (int q = 0; q < 8; q++)
                {
                    var set = Vector256.Equals(Vector256.Create((int)(row[w] >> (8 * q))) & bits, Vector256<int>.Zero).AsSingle();
                    Vector256.ConditionalSelect(set, minus, plus).CopyTo(into.Slice(64 * w + 8 * q, 8));
                }
        }
        else Expand(row, into);
    }
}
