using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The float32 kernels of the MLP's backward pass: y += a·x (the rows of a gradient and of the back-propagated error) and
/// the expansion of packed ±1 bits into ±1 floats. Vector512/Vector256 where the hardware accelerates them, then a
/// scalar tail; <see cref="AxpyScalar"/> is the oracle (`mcover bench --model mlp` measures the pass).
/// </summary>
public static class FloatKernels
{
    /// <summary>y_i += a·x_i for i &lt; x.Length (y at least as long). Each y_i gets one multiply and one add, in the same order
    /// on every path, so every path gives the same bits as <see cref="AxpyScalar"/> (no fused multiply-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = x.Length, i = 0;
        if (y.Length < n) throw new ArgumentException("y is shorter than x");
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            for (; i + 16 <= n; i += 16)
                (Vector512.LoadUnsafe(ref ry, (nuint)i) + va * Vector512.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i + 8 <= n; i += 8)
                (Vector256.LoadUnsafe(ref ry, (nuint)i) + va * Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += a * Unsafe.Add(ref rx, i);
    }

    /// <summary>The scalar reference of <see cref="Axpy"/>.</summary>
    public static void AxpyScalar(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary>dst_i = +1 when bit i of <paramref name="bits"/> is set, else −1, for i &lt; dst.Length.</summary>
    public static void ExpandSigns(ReadOnlySpan<ulong> bits, Span<float> dst)
    {
        int n = dst.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight lanes take bits i … i+7: broadcast the byte, AND with one lane bit each, compare.
            var lane = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
            var one = Vector256.Create(1f);
            for (; i + 8 <= n; i += 8)
            {
                int b = (int)(bits[i >> 6] >> (i & 63)) & 0xFF;
                var set = Vector256.Equals(Vector256.Create(b) & lane, lane).AsSingle();
                Vector256.ConditionalSelect(set, one, -one).CopyTo(dst.Slice(i, 8));
            }
        }
        for (; i < n; i++) dst[i] = ((bits[i >> 6] >> (i & 63)) & 1) != 0 ? 1f : -1f;
    }
}
