using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Real-valued products with bit-packed ±1 rows without unpacking them: each byte of a row selects one of 256 rows of
/// eight ±1 doubles, combined with eight entries of the real vector in one Vector512 operation. Vectors are padded to
/// a multiple of 64 entries; padding entries of the real operand must be 0 (padding bits of the row are 0, i.e. −1).
/// </summary>
public static class PackedRows
{
    // Lut[8·byte + k] = +1 if bit k of byte is set, else −1.
    private static readonly double[] Lut = BuildLut();

    private static double[] BuildLut()
    {
        var lut = new double[256 * 8];
        for (int v = 0; v < 256; v++)
            for (int k = 0; k < 8; k++) lut[8 * v + k] = ((v >> k) & 1) != 0 ? 1 : -1;
        return lut;
    }

    /// <summary>Length of a padded real vector for <paramref name="n"/> spins.</summary>
    public static int PaddedLength(int n) => ((n + 63) >> 6) << 6;

    /// <summary>Σ_i ξ_i x_i over the padded length (x's padding must be 0).</summary>
    public static double Dot(ReadOnlySpan<ulong> row, ReadOnlySpan<double> x)
    {
        var bytes = MemoryMarshal.AsBytes(row);
        if (x.Length < 8 * bytes.Length) throw new ArgumentException("x is shorter than the padded row", nameof(x));
        ref double lut = ref MemoryMarshal.GetArrayDataReference(Lut);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        var acc = Vector512<double>.Zero;
        for (int j = 0; j < bytes.Length; j++)
            acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref lut, (nuint)(8 * bytes[j])), Vector512.LoadUnsafe(ref x0, (nuint)(8 * j)), acc);
        return Vector512.Sum(acc);
    }

    /// <summary>y_i += c ξ_i over the padded length.</summary>
    public static void AddScaled(ReadOnlySpan<ulong> row, double c, Span<double> y)
    {
        var bytes = MemoryMarshal.AsBytes(row);
        if (y.Length < 8 * bytes.Length) throw new ArgumentException("y is shorter than the padded row", nameof(y));
        ref double lut = ref MemoryMarshal.GetArrayDataReference(Lut);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        var cv = Vector512.Create(c);
        for (int j = 0; j < bytes.Length; j++)
        {
            ref double at = ref Unsafe.Add(ref y0, 8 * j);
            Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref lut, (nuint)(8 * bytes[j])), cv, Vector512.LoadUnsafe(ref at)).StoreUnsafe(ref at);
        }
    }

    /// <summary>sign(x_i) packed into <paramref name="into"/> (x_i = 0 → +1; padding bits cleared).</summary>
    public static void Signs(ReadOnlySpan<double> x, Span<ulong> into)
    {
        into.Clear();
        for (int i = 0; i < x.Length; i++)
            if (x[i] >= 0) into[i >> 6] |= 1UL << (i & 63);
    }

    /// <summary>sign(x_i) as a new packed vector.</summary>
    public static ulong[] Signs(ReadOnlySpan<double> x)
    {
        var w = new ulong[Models.Spins.PackedSpins.WordCount(x.Length)];
        Signs(x, w);
        return w;
    }

    /// <summary>Writes the ±1 spins of <paramref name="row"/> as doubles (padded length).</summary>
    public static void Expand(ReadOnlySpan<ulong> row, Span<double> into)
    {
        var bytes = MemoryMarshal.AsBytes(row);
        for (int j = 0; j < bytes.Length; j++) Lut.AsSpan(8 * bytes[j], 8).CopyTo(into.Slice(8 * j, 8));
    }
}
