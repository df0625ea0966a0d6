namespace MCoverPhysics.Experiments.Config;

/// <summary>Bad input from the user (a flag, a config key or value, an output directory): one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>"--field 'value' problem". A problem that itself starts by quoting the value (a library's message such as
    /// "'foo' is not a kernel") is not quoted twice.</summary>
    public static UsageException Field(string field, string value, string problem) => Named("--" + field, value, problem);

    /// <summary>"NAME 'value' problem" for a positional argument (mcover merge DIR).</summary>
    public static UsageException Argument(string name, string value, string problem) => Named(name, value, problem);

    /// <summary>"NAME 'value' problem" with the name as the user wrote it: "--out" for a flag, "DIR" for a positional argument.</summary>
    public static UsageException Named(string name, string value, string problem) => new($"{name} '{value}' {WithoutValue(value, problem)}");

    /// <summary>Throws "--p 'value' problem" unless <paramref name="ok"/>: the one check every typed spec validates with.</summary>
    public static void Require(Parameter p, object value, bool ok, string problem)
    {
        if (!ok) throw Field(p.Name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", problem);
    }

    /// <summary>"is not WHAT", or "is not WHAT nor a range start:step:stop" for a text holding ':' (a range gone wrong).</summary>
    internal static string NotA(string what, string text)
        => text.Contains(':', StringComparison.Ordinal) ? $"is not {what} nor a range start:step:stop" : $"is not {what}";

    private static string WithoutValue(string value, string problem)
        => problem.StartsWith($"'{value}' ", StringComparison.Ordinal) ? problem[(value.Length + 3)..] : problem;
}
