using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The matrix product of the MLP's backward pass, dst_{r,i} = Σ_t a_{r,t}·b_{t,i} over t = 0 … T−1 in order, where every
/// b_{t,i} is ±1 (the layer's ±1 inputs for a gradient, its ±1 weights for the back-propagated error). Register-blocked:
/// a tile of 4 rows × 64 columns (16 Vector512 accumulators) stays in registers while t runs, so each b vector is loaded once
/// per 4 rows and no coefficient is tested.
/// </summary>
/// <remarks>
/// Bit-identical to <see cref="FloatKernels.CombineRowsScalar"/> applied row by row: since b = ±1, a·b is exact, so the fused
/// multiply-add rounds exactly as the oracle's multiply then add; a zero coefficient adds ±0, which leaves every partial sum
/// unchanged (a sum that starts at +0 is never −0), so the oracle's skipping of zero coefficients gives the same bits; and every
/// output sums over t in the same order. Tiles do not interact, so any partition over threads gives the same bits.
/// </remarks>
public static class SignGemm
{
    /// <summary>Rows per register tile (the unit callers partition rows by).</summary>
    public const int TileRows = 4;

    // Rows t of a 64-float panel of b visited per pass (96 · 256 B = 24 KiB, within L1).
    private const int PanelDepth = 96;

    /// <summary>
    /// dst[r·<paramref name="dstStride"/> + i] = Σ_t a[r·<paramref name="aRow"/> + t·<paramref name="aCol"/>]·b[t·n + i] for
    /// r &lt; <paramref name="rows"/>, i &lt; <paramref name="n"/>, t &lt; <paramref name="count"/> in order; b holds ±1 only.
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, int aRow, int aCol, int rows, int count, ReadOnlySpan<float> b, int n, Span<float> dst, int dstStride)
    {
        if (rows < 1 || n < 1) return;
        if (count < 1) { for (int r = 0; r < rows; r++) dst.Slice(r * dstStride, n).Clear(); return; }
        if ((long)(rows - 1) * aRow + (long)(count - 1) * aCol >= a.Length) throw new ArgumentException("a is too short", nameof(a));
        if ((long)count * n > b.Length) throw new ArgumentException("b is too short", nameof(b));
        if ((long)(rows - 1) * dstStride + n > dst.Length) throw new ArgumentException("dst is too short", nameof(dst));
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rd = ref MemoryMarshal.GetReference(dst);
        // Column panels outermost: a panel of b (count × 64 floats) is read from cache by every row tile.
        int full = rows - rows % TileRows, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Within a panel, t in blocks of PanelDepth (the block of b stays in L1); a tile resumes from its stored partial sums,
            // so the sum over t keeps its order.
            for (; i + 64 <= n; i += 64)
                for (int from = 0; from < count; from += PanelDepth)
                    for (int r0 = 0; r0 < full; r0 += TileRows)
                        Tile4x64(ref Unsafe.Add(ref ra, r0 * aRow), aRow, aCol, from, Math.Min(count, from + PanelDepth), ref Unsafe.Add(ref rb, i), n, ref Unsafe.Add(ref rd, r0 * dstStride + i), dstStride);
            for (; i + 16 <= n; i += 16)
                for (int r0 = 0; r0 < full; r0 += TileRows)
                    Tile4x16(ref Unsafe.Add(ref ra, r0 * aRow), aRow, aCol, count, ref Unsafe.Add(ref rb, i), n, ref Unsafe.Add(ref rd, r0 * dstStride + i), dstStride);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
                for (int r0 = 0; r0 < full; r0 += TileRows)
                    Tile4x16Narrow(ref Unsafe.Add(ref ra, r0 * aRow), aRow, aCol, count, ref Unsafe.Add(ref rb, i), n, ref Unsafe.Add(ref rd, r0 * dstStride + i), dstStride);
        }
        for (int r = 0; r < full; r++) ScalarColumns(ref Unsafe.Add(ref ra, r * aRow), aCol, count, ref rb, n, i, n, ref Unsafe.Add(ref rd, r * dstStride));
        for (int r = full; r < rows; r++) ScalarColumns(ref Unsafe.Add(ref ra, r * aRow), aCol, count, ref rb, n, 0, n, ref Unsafe.Add(ref rd, r * dstStride));
    }

    /// <summary>The scalar reference: <see cref="FloatKernels.CombineRowsScalar"/> on every row.</summary>
    public static void MultiplyScalar(ReadOnlySpan<float> a, int aRow, int aCol, int rows, int count, ReadOnlySpan<float> b, int n, Span<float> dst, int dstStride)
    {
        for (int r = 0; r < rows; r++)
            FloatKernels.CombineRowsScalar(a.Slice(r * aRow), aCol, count, b, n, dst.Slice(r * dstStride, n));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x64(ref float a, int aRow, int aCol, int from, int to, ref float b, int n, ref float d, int dStride)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        if (from > 0)
        {
            (c00, c01, c02, c03) = Load4(ref d);
            (c10, c11, c12, c13) = Load4(ref Unsafe.Add(ref d, dStride));
            (c20, c21, c22, c23) = Load4(ref Unsafe.Add(ref d, 2 * dStride));
            (c30, c31, c32, c33) = Load4(ref Unsafe.Add(ref d, 3 * dStride));
        }
        for (int t = from; t < to; t++)
        {
            nuint at = (nuint)(t * n);
            var b0 = Vector512.LoadUnsafe(ref b, at);
            var b1 = Vector512.LoadUnsafe(ref b, at + 16);
            var b2 = Vector512.LoadUnsafe(ref b, at + 32);
            var b3 = Vector512.LoadUnsafe(ref b, at + 48);
            int k = t * aCol;
            var a0 = Vector512.Create(Unsafe.Add(ref a, k));
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(a0, b2, c02); c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
            var a1 = Vector512.Create(Unsafe.Add(ref a, k + aRow));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(a1, b2, c12); c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
            var a2 = Vector512.Create(Unsafe.Add(ref a, k + 2 * aRow));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(a2, b2, c22); c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
            var a3 = Vector512.Create(Unsafe.Add(ref a, k + 3 * aRow));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(a3, b2, c32); c33 = Vector512.FusedMultiplyAdd(a3, b3, c33);
        }
        Store4(c00, c01, c02, c03, ref d);
        Store4(c10, c11, c12, c13, ref Unsafe.Add(ref d, dStride));
        Store4(c20, c21, c22, c23, ref Unsafe.Add(ref d, 2 * dStride));
        Store4(c30, c31, c32, c33, ref Unsafe.Add(ref d, 3 * dStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float>, Vector512<float>, Vector512<float>, Vector512<float>) Load4(ref float d)
        => (Vector512.LoadUnsafe(ref d), Vector512.LoadUnsafe(ref d, 16), Vector512.LoadUnsafe(ref d, 32), Vector512.LoadUnsafe(ref d, 48));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, ref float d)
    {
        v0.StoreUnsafe(ref d); v1.StoreUnsafe(ref d, 16); v2.StoreUnsafe(ref d, 32); v3.StoreUnsafe(ref d, 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x16(ref float a, int aRow, int aCol, int count, ref float b, int n, ref float d, int dStride)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int t = 0; t < count; t++)
        {
            var bt = Vector512.LoadUnsafe(ref b, (nuint)(t * n));
            int k = t * aCol;
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, k)), bt, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, k + aRow)), bt, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, k + 2 * aRow)), bt, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, k + 3 * aRow)), bt, c3);
        }
        c0.StoreUnsafe(ref d); c1.StoreUnsafe(ref d, (nuint)dStride); c2.StoreUnsafe(ref d, (nuint)(2 * dStride)); c3.StoreUnsafe(ref d, (nuint)(3 * dStride));
    }

    /// <summary>The Vector256 tile (hosts without Vector512): 4 rows × 16 columns, eight accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x16Narrow(ref float a, int aRow, int aCol, int count, ref float b, int n, ref float d, int dStride)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (int t = 0; t < count; t++)
        {
            nuint at = (nuint)(t * n);
            var b0 = Vector256.LoadUnsafe(ref b, at);
            var b1 = Vector256.LoadUnsafe(ref b, at + 8);
            int k = t * aCol;
            var a0 = Vector256.Create(Unsafe.Add(ref a, k));
            c00 = Vector256.MultiplyAddEstimate(a0, b0, c00); c01 = Vector256.MultiplyAddEstimate(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref a, k + aRow));
            c10 = Vector256.MultiplyAddEstimate(a1, b0, c10); c11 = Vector256.MultiplyAddEstimate(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref a, k + 2 * aRow));
            c20 = Vector256.MultiplyAddEstimate(a2, b0, c20); c21 = Vector256.MultiplyAddEstimate(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref a, k + 3 * aRow));
            c30 = Vector256.MultiplyAddEstimate(a3, b0, c30); c31 = Vector256.MultiplyAddEstimate(a3, b1, c31);
        }
        c00.StoreUnsafe(ref d); c01.StoreUnsafe(ref d, 8);
        c10.StoreUnsafe(ref d, (nuint)dStride); c11.StoreUnsafe(ref d, (nuint)dStride + 8);
        c20.StoreUnsafe(ref d, (nuint)(2 * dStride)); c21.StoreUnsafe(ref d, (nuint)(2 * dStride) + 8);
        c30.StoreUnsafe(ref d, (nuint)(3 * dStride)); c31.StoreUnsafe(ref d, (nuint)(3 * dStride) + 8);
    }

    /// <summary>Columns [from, to) of one row, one sum at a time over t in order (exact products: a·b = ±a).</summary>
    private static void ScalarColumns(ref float a, int aCol, int count, ref float b, int n, int from, int to, ref float d)
    {
        for (int i = from; i < to; i++)
        {
            float sum = 0;
            for (int t = 0; t < count; t++) sum += Unsafe.Add(ref a, t * aCol) * Unsafe.Add(ref b, t * n + i);
            Unsafe.Add(ref d, i) = sum;
        }
    }
}
