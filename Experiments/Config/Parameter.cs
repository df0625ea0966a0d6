using System.Globalization;
using System.Text.Json.Nodes;

namespace MCoverPhysics.Experiments.Config;

/// <summary>
/// One physics parameter of a run: its name is the CLI flag (--name), the config-file key, the CSV column
/// (with '-' as '_') and the run.json key, so a value reads the same everywhere.
/// </summary>
/// <param name="Name">Flag name without dashes, e.g. "theta-m".</param>
/// <param name="Kind">Value type.</param>
/// <param name="Default">Default value as text ("auto" where it is derived from other parameters).</param>
/// <param name="Help">Meaning, units and range, for --help.</param>
/// <param name="Choices">Allowed words of a choice parameter.</param>
/// <param name="Alias">A deprecated older name still accepted as a flag and config key (not written).</param>
public sealed record Parameter(string Name, ParameterKind Kind, string Default, string Help, string[]? Choices = null, string? Alias = null)
{
    /// <summary>CSV column name.</summary>
    public string Column => Name.Replace('-', '_');

    /// <summary>
    /// A value as written by <see cref="RunConfig.ToValues"/>, as JSON (run.json, sweep.json): a number for an integer or
    /// real parameter, a string for a choice or a word such as "auto", null when empty (the run does not use it).
    /// </summary>
    public JsonNode? Json(string text)
    {
        if (text.Length == 0) return null;
        if (Kind == ParameterKind.Integer && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return JsonValue.Create(i);
        if (Kind == ParameterKind.Integer && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)) return JsonValue.Create(u);
        if (Kind == ParameterKind.Real && TryReal(text, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    /// <summary>
    /// Expands one value as written (a scalar, "a,b,c", or a numeric range "start:step:stop" inclusive) into its list.
    /// </summary>
    public IReadOnlyList<string> Expand(string text)
    {
        var items = new List<string>();
        // A list-valued parameter (widths "501,501") holds commas itself: its sweep items are separated by ';' ("501,501;101"),
        // or are the elements of a JSON array in a config file.
        if (Kind == ParameterKind.List)
        {
            var lists = text.Split(';', StringSplitOptions.TrimEntries);
            if (lists.Any(x => x.Length == 0)) throw UsageException.Field(Name, text, "has an empty list item (sweep items are separated by ';')");
            return lists;
        }
        // Kernel specs hold commas themselves (band:m=1,h=0.5): a list item starts only where a kernel name does.
        var pieces = Name is "kernel" or "kernel-to" ? KernelList.Split(text).Select(x => x.Trim()) : text.Split(',', StringSplitOptions.TrimEntries);
        foreach (var raw in pieces)
        {
            if (raw.Length == 0) throw UsageException.Field(Name, text, "has an empty list item");
            var parts = raw.Split(':');
            if (parts.Length == 3 && Kind != ParameterKind.Choice) items.AddRange(Range(raw, parts));
            else items.Add(raw);
        }
        return items;
    }

    private IEnumerable<string> Range(string raw, string[] parts)
    {
        if (!TryReal(parts[0], out var start) || !TryReal(parts[1], out var step) || !TryReal(parts[2], out var stop) || step <= 0 || stop < start)
            throw UsageException.Field(Name, raw, "is not a range start:step:stop with step > 0 and stop ≥ start");
        long count = (long)Math.Floor((stop - start) / step + 1e-9) + 1;
        if (count > 100_000) throw UsageException.Field(Name, raw, "expands to more than 100000 values");
        for (long i = 0; i < count; i++)
        {
            double v = Math.Round(start + i * step, 12);
            yield return Kind == ParameterKind.Integer ? ((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);
        }
    }

    private static readonly System.Text.RegularExpressions.Regex KernelList = new(@",(?=\s*(?:identity|uniform|ring|band|block|directional|directional-amp|file|none)\b)");

    internal static bool TryReal(string s, out double v)
        => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
}
