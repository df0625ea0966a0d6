namespace MCoverPhysics.Experiments.Output;

/// <summary>A CSV file as written by <see cref="ResultWriter"/> (RFC 4180 quoting), read back by column name.</summary>
public sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows) => (Header, Rows) = (header, rows);

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }
    /// <summary>Rows, each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Index of <paramref name="column"/>, or −1.</summary>
    public int Column(string column) => Header.ToList().IndexOf(column);

    /// <summary>Reads <paramref name="path"/>; a row with the wrong number of cells is an error naming its line.</summary>
    public static CsvTable Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new FormatException($"{path} is empty");
        var header = Split(lines[0]);
        var rows = new List<IReadOnlyList<string>>();
        for (int k = 1; k < lines.Length; k++)
        {
            var cells = Split(lines[k]);
            if (cells.Count != header.Count) throw new FormatException($"{path} line {k + 1} has {cells.Count} cells, the header {header.Count}");
            rows.Add(cells);
        }
        return new CsvTable(header, rows);
    }

    /// <summary>Splits one RFC 4180 line (quoted cells may hold commas and doubled quotes).</summary>
    public static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
