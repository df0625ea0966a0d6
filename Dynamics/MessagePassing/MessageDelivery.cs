using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Delivery of one factor copy's fresh float32 messages to the fields of the weight copy it reads (the identity lift):
/// δ_j = (double)fresh_j − (double)old_j, H_j += δ_j, old_j ← fresh_j; returns max_j |δ_j|. Every operation is elementwise
/// and the maximum is exact, so the Vector512/Vector256 paths equal the scalar loop bit for bit.
/// </summary>
internal static class MessageDelivery
{
    /// <summary>Whether the lane paths are used (tests turn them off; results are the same).</summary>
    internal static bool UseLanes { get; set; } = true;

    /// <summary>Applies <paramref name="fresh"/> (replacing <paramref name="old"/>) to <paramref name="field"/>; returns the largest |change|.</summary>
    public static double Deliver(ReadOnlySpan<float> fresh, Span<float> old, Span<double> field)
    {
        int n = fresh.Length, i = 0;
        double largest = 0;
        if (UseLanes && Vector512.IsHardwareAccelerated)
        {
            var top = Vector512<double>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var f = Vector512.Create(fresh.Slice(i, 16));
                var (fl, fh) = Vector512.Widen(f);
                var (ol, oh) = Vector512.Widen(Vector512.Create(old.Slice(i, 16)));
                var dl = fl - ol;
                var dh = fh - oh;
                (Vector512.Create(field.Slice(i, 8)) + dl).CopyTo(field.Slice(i, 8));
                (Vector512.Create(field.Slice(i + 8, 8)) + dh).CopyTo(field.Slice(i + 8, 8));
                top = Vector512.Max(top, Vector512.Max(Vector512.Abs(dl), Vector512.Abs(dh)));
                f.CopyTo(old.Slice(i, 16));
            }
            for (int j = 0; j < 8; j++) largest = Math.Max(largest, top.GetElement(j));
        }
        else if (UseLanes && Vector256.IsHardwareAccelerated)
        {
            var top = Vector256<double>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                var f = Vector256.Create(fresh.Slice(i, 8));
                var (fl, fh) = Vector256.Widen(f);
                var (ol, oh) = Vector256.Widen(Vector256.Create(old.Slice(i, 8)));
                var dl = fl - ol;
                var dh = fh - oh;
                (Vector256.Create(field.Slice(i, 4)) + dl).CopyTo(field.Slice(i, 4));
                (Vector256.Create(field.Slice(i + 4, 4)) + dh).CopyTo(field.Slice(i + 4, 4));
                top = Vector256.Max(top, Vector256.Max(Vector256.Abs(dl), Vector256.Abs(dh)));
                f.CopyTo(old.Slice(i, 8));
            }
            for (int j = 0; j < 4; j++) largest = Math.Max(largest, top.GetElement(j));
        }
        for (; i < n; i++)
        {
            double delta = (double)fresh[i] - old[i];
            field[i] += delta;
            largest = Math.Max(largest, Math.Abs(delta));
            old[i] = fresh[i];
        }
        return largest;
    }
}
