namespace MCoverPhysics.Experiments.Config;

/// <summary>Named, embedded sweep configs (<c>mcover sweep --preset NAME</c>).</summary>
public static class Presets
{
    /// <summary>
    /// quick: teacher–student perceptron, CP vs CP+R vs SBPI over α, 4 seeds; under a minute on 2 cores.
    /// Shows the known physics: ε_g falls with α for CP+R and SBPI (reaching 0, R = 1), while plain CP stalls.
    /// </summary>
    public const string Quick = """
        {
          "model": "perceptron",
          "task": "teacher",
          "rule": ["cp", "cpr", "sbpi"],
          "n": 1001,
          "alpha": "0.5:0.5:3",
          "copies": 4,
          "epochs": 500,
          "test-patterns": 2000,
          "seeds": 6
        }
        """;

    /// <summary>All presets by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string> { ["quick"] = Quick };

    /// <summary>The preset's config text.</summary>
    public static string Get(string name)
        => All.TryGetValue(name, out var json) ? json : throw UsageException.Field("preset", name, $"is not a preset; expected {string.Join(", ", All.Keys)}");
}
