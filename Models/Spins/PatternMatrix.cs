using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Models.Spins;

/// <summary>
/// P bit-packed ±1 patterns of length N, row-major in one array (P·⌈N/64⌉ words; no byte-per-spin copy ever
/// exists, so N = 10^5, α = 1 takes 1.25 GB).
/// </summary>
public sealed class PatternMatrix
{
    private readonly ulong[] _bits;

    /// <summary>An all −1 matrix (every bit zero).</summary>
    public PatternMatrix(int rows, int n)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        Rows = rows;
        N = n;
        Words = PackedSpins.WordCount(n);
        _bits = new ulong[(long)rows * Words];
    }

    /// <summary>Number of patterns P.</summary>
    public int Rows { get; }
    /// <summary>Pattern length N.</summary>
    public int N { get; }
    /// <summary>Words per row, ⌈N/64⌉.</summary>
    public int Words { get; }

    /// <summary>Pattern μ.</summary>
    public ReadOnlySpan<ulong> Row(int mu) => new(_bits, mu * Words, Words);

    /// <summary>
    /// Hints that pattern μ is read soon: its cache lines are fetched ahead. Online rules present the patterns in random
    /// order, so at large P·N the next row is a cache miss the hardware prefetcher cannot foresee.
    /// </summary>
    public unsafe void Prefetch(int mu)
    {
        if (!Sse.IsSupported) return;
        fixed (ulong* row = &_bits[(long)mu * Words])
        {
            for (int j = 0; j < Words; j += 8) Sse.Prefetch0(row + j);
            Sse.Prefetch0(row + Words - 1); // the row need not start on a cache line: its last line may be one more
        }
    }

    /// <summary>Pattern μ, writable.</summary>
    public Span<ulong> MutableRow(int mu) => new(_bits, mu * Words, Words);

    /// <summary>Packs ±1 rows (each of length <paramref name="n"/>); throws <see cref="ArgumentException"/> naming the first
    /// row and column that is not ±1 or a row of another length.</summary>
    public static PatternMatrix FromSpins(IReadOnlyList<sbyte[]> rows, int n)
    {
        var m = new PatternMatrix(rows.Count, n);
        for (int mu = 0; mu < rows.Count; mu++)
        {
            var row = rows[mu];
            if (row.Length != n) throw new ArgumentException($"row {mu} has {row.Length} entries, expected N = {n}");
            var bits = m.MutableRow(mu);
            for (int i = 0; i < n; i++)
                PackedSpins.Set(bits, i, row[i] switch { 1 => 1, -1 => -1, var x => throw new ArgumentException($"row {mu}, column {i}: {x} is not ±1") });
        }
        return m;
    }

    /// <summary>
    /// i.i.d. uniform ±1 patterns from the counter-based stream <paramref name="key"/>: word j of row μ is
    /// Hash(key, μ·W + j) with padding cleared, so rows can be filled in parallel and any order gives the same matrix.
    /// </summary>
    /// <param name="rows">Rows.</param>
    /// <param name="n">Row length N.</param>
    /// <param name="key">Stream key.</param>
    /// <param name="threads">At most this many threads fill rows (0: as many as the runtime likes); the matrix does not depend on it.</param>
    public static PatternMatrix Random(int rows, int n, ulong key, int threads = 0)
    {
        var m = new PatternMatrix(rows, n);
        int w = m.Words;
        ulong last = PackedSpins.LastWordMask(n);
        const int chunk = 256;
        Parallel.For(0, (rows + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 }, c =>
        {
            int end = Math.Min(rows, (c + 1) * chunk);
            for (int mu = c * chunk; mu < end; mu++)
            {
                var row = m.MutableRow(mu);
                ulong baseCounter = (ulong)mu * (ulong)w;
                for (int j = 0; j < w; j++) row[j] = RngStream.Hash(key, baseCounter + (ulong)j);
                row[w - 1] &= last;
            }
        });
        return m;
    }
}
