using System.Reflection;

namespace MCoverPhysics.Experiments.Output;

/// <summary>Package version and git commit of this build (the SDK writes "version+commit" into InformationalVersion).</summary>
public static class Provenance
{
    private static readonly string Informational =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Package version, e.g. "0.1.0".</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>Git commit the binary was built from, or "unknown" outside a git checkout.</summary>
    public static string Commit => Informational.Contains('+') ? Informational.Split('+')[1] : "unknown";
}
