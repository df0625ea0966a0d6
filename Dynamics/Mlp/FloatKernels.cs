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

    /// <summary>
    /// dst_i = Σ_t c_t·rows[t][i] over t = 0 … T−1 in order, skipping c_t = 0 (row t at t·<paramref name="n"/>, coefficient t at
    /// t·<paramref name="coefficientStride"/>). Register-blocked: 64 outputs stay in registers while t runs, so each row
    /// element is loaded once and dst is stored once; per element the same multiplies and adds in the same order as
    /// <see cref="CombineRowsScalar"/>, so the bits agree.
    /// </summary>
    public static void CombineRows(ReadOnlySpan<float> coefficients, int coefficientStride, int count, ReadOnlySpan<float> rows, int n, Span<float> dst)
    {
        int i = 0;
        ref float rr = ref MemoryMarshal.GetReference(rows);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 64 <= n; i += 64)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int t = 0; t < count; t++)
                {
                    float c = coefficients[t * coefficientStride];
                    if (c == 0f) continue;
                    var vc = Vector512.Create(c);
                    nuint at = (nuint)(t * n + i);
                    a0 += vc * Vector512.LoadUnsafe(ref rr, at);
                    a1 += vc * Vector512.LoadUnsafe(ref rr, at + 16);
                    a2 += vc * Vector512.LoadUnsafe(ref rr, at + 32);
                    a3 += vc * Vector512.LoadUnsafe(ref rr, at + 48);
                }
                a0.CopyTo(dst.Slice(i)); a1.CopyTo(dst.Slice(i + 16)); a2.CopyTo(dst.Slice(i + 32)); a3.CopyTo(dst.Slice(i + 48));
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= n; i += 32)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int t = 0; t < count; t++)
                {
                    float c = coefficients[t * coefficientStride];
                    if (c == 0f) continue;
                    var vc = Vector256.Create(c);
                    nuint at = (nuint)(t * n + i);
                    a0 += vc * Vector256.LoadUnsafe(ref rr, at);
                    a1 += vc * Vector256.LoadUnsafe(ref rr, at + 8);
                    a2 += vc * Vector256.LoadUnsafe(ref rr, at + 16);
                    a3 += vc * Vector256.LoadUnsafe(ref rr, at + 24);
                }
                a0.CopyTo(dst.Slice(i)); a1.CopyTo(dst.Slice(i + 8)); a2.CopyTo(dst.Slice(i + 16)); a3.CopyTo(dst.Slice(i + 24));
            }
        }
        for (; i < n; i++)
        {
            float sum = 0;
            for (int t = 0; t < count; t++)
            {
                float c = coefficients[t * coefficientStride];
                if (c != 0f) sum += c * Unsafe.Add(ref rr, t * n + i);
            }
            dst[i] = sum;
        }
    }

    /// <summary>The scalar reference of <see cref="CombineRows"/>.</summary>
    public static void CombineRowsScalar(ReadOnlySpan<float> coefficients, int coefficientStride, int count, ReadOnlySpan<float> rows, int n, Span<float> dst)
    {
        for (int i = 0; i < n; i++)
        {
            float sum = 0;
            for (int t = 0; t < count; t++)
            {
                float c = coefficients[t * coefficientStride];
                if (c != 0f) sum += c * rows[t * n + i];
            }
            dst[i] = sum;
        }
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
