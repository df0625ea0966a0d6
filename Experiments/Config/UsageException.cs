namespace MCoverPhysics.Experiments.Config;

/// <summary>Bad input from the user (a flag, a config key or value, an output directory): one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>"--field 'value' problem".</summary>
    public static UsageException Field(string field, string value, string problem) => new($"--{field} '{value}' {problem}");

    /// <summary>"NAME 'value' problem" for a positional argument (mcover merge DIR).</summary>
    public static UsageException Argument(string name, string value, string problem) => new($"{name} '{value}' {problem}");
}
