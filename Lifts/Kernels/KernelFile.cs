using System.Globalization;

namespace MCoverPhysics.Lifts.Kernels;

/// <summary>
/// A kernel read from a CSV file (spec <c>file:PATH</c>): M rows of M non-negative numbers separated by commas, no
/// header; blank lines and everything after a '#' are ignored. The matrix is validated by
/// <see cref="MixingKernel.FromMatrix"/> (rows normalised, a permutation of positive weight) and recorded as
/// <c>file:PATH</c>, the spec as given, so results name the file and a rerun reads it again. A relative PATH is taken
/// from the working directory.
/// </summary>
public static class KernelFile
{
    /// <summary>Reads Q for <paramref name="copies"/> copies; throws <see cref="ArgumentException"/> naming the file and line.</summary>
    public static MixingKernel Read(string path, int copies)
    {
        if (path.Length == 0) throw new ArgumentException("file needs a path: file:PATH");
        if (path.Contains(',')) throw new ArgumentException($"the path '{path}' must not contain a comma (commas separate kernels in a list)");
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"cannot read {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
        }
        var rows = new List<double[]>();
        int firstLine = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            int hash = lines[i].IndexOf('#', StringComparison.Ordinal);
            var text = (hash < 0 ? lines[i] : lines[i][..hash]).Trim();
            if (text.Length == 0) continue;
            var cells = text.Split(',', StringSplitOptions.TrimEntries);
            var row = new double[cells.Length];
            for (int b = 0; b < cells.Length; b++)
            {
                if (!double.TryParse(cells[b], NumberStyles.Float, CultureInfo.InvariantCulture, out row[b]) || !double.IsFinite(row[b]))
                    throw new ArgumentException($"{path} line {i + 1}: '{cells[b]}' is not a number");
                if (row[b] < 0) throw new ArgumentException($"{path} line {i + 1}: Q[{rows.Count},{b}] = {cells[b]} must be ≥ 0");
            }
            if (rows.Count == 0) firstLine = i + 1;
            else if (row.Length != rows[0].Length)
                throw new ArgumentException($"{path} line {i + 1}: {row.Length} numbers, but line {firstLine} has {rows[0].Length}: Q must be M×M");
            if (row.All(x => x == 0)) throw new ArgumentException($"{path} line {i + 1}: row {rows.Count} of Q has no positive entry");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new ArgumentException($"{path} holds no rows: Q must be M×M with M = copies = {copies}");
        int m = rows[0].Length;
        if (rows.Count != m) throw new ArgumentException($"{path} has {rows.Count} rows of {m} numbers: Q must be square M×M");
        if (m != copies) throw new ArgumentException($"{path} is {m}×{m}; it needs M = copies = {copies}");
        var q = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) q[a, b] = rows[a][b];
        try { return MixingKernel.FromWeights(q, "file:" + path); }
        catch (ArgumentException e) { throw new ArgumentException($"{path}: {e.Message}"); }
    }
}
