using System.Globalization;

namespace MCoverPhysics.Experiments.Config;

/// <summary>
/// Reads parameter values as text (flag, config key or record field) for the typed specs, and remembers which it read:
/// a value given for a parameter that no chosen spec reads is refused, naming the specs that use it.
/// </summary>
public sealed class ParameterReader
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _read = [];

    /// <summary>Reads <paramref name="values"/> (parameter name → text); absent names read as their defaults.</summary>
    public ParameterReader(IReadOnlyDictionary<string, string> values)
    {
        var canonical = new Dictionary<string, string>();
        foreach (var (key, value) in values)
        {
            var p = Parameters.Find(key) ?? throw new UsageException($"'{key}' is not a parameter; expected one of {string.Join(", ", Parameters.All.Select(p => p.Name))}");
            if (!canonical.TryAdd(p.Name, value)) throw new UsageException($"'{p.Name}' is given twice (as {p.Name} and {p.Alias})");
        }
        _values = canonical;
    }

    /// <summary>Names of the parameters read so far.</summary>
    public IReadOnlyCollection<string> Read => _read;

    /// <summary>True when <paramref name="p"/> was given (not defaulted).</summary>
    public bool Given(Parameter p) => _values.ContainsKey(p.Name);

    /// <summary>The text of <paramref name="p"/>: as given, else its default.</summary>
    public string Text(Parameter p)
    {
        _read.Add(p.Name);
        return _values.TryGetValue(p.Name, out var v) ? v.Trim() : p.Default;
    }

    /// <summary>An integer.</summary>
    public int Int(Parameter p)
    {
        var s = Text(p);
        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw UsageException.Field(p.Name, s, UsageException.NotA("an integer", s));
    }

    /// <summary>An integer, or null for "auto".</summary>
    public int? IntOrAuto(Parameter p) => Text(p) == "auto" ? null : Int(p);

    /// <summary>A finite real number.</summary>
    public double Real(Parameter p)
    {
        var s = Text(p);
        return Parameter.TryReal(s, out var v) ? v : throw UsageException.Field(p.Name, s, UsageException.NotA("a number", s));
    }

    /// <summary>A real number, or null for "auto".</summary>
    public double? RealOrAuto(Parameter p) => Text(p) == "auto" ? null : Real(p);

    /// <summary>The choice word as the enum value at the same position in the parameter's choices.</summary>
    public T Choice<T>(Parameter p, params T[] values)
    {
        var s = Text(p);
        int i = Array.IndexOf(p.Choices!, s);
        return i >= 0 ? values[i] : throw UsageException.Field(p.Name, s, $"is not a {p.Name}; expected {string.Join(", ", p.Choices!)}");
    }

    /// <summary>
    /// Throws for the first given parameter that nothing read: it does not apply to the chosen model, data, rule, lift
    /// or coupling. <paramref name="users"/> names who uses it ("rule sbpi", "--coupling replicated").
    /// </summary>
    public void RefuseUnread(Func<Parameter, string> users)
    {
        foreach (var p in Parameters.All)
            if (_values.TryGetValue(p.Name, out var v) && !_read.Contains(p.Name))
                throw UsageException.Field(p.Name, v.Trim(), $"does not apply here: it is used by {users(p)} only");
    }
}
