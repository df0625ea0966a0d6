using System.Globalization;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Running;

/// <summary>One of N parts of a sweep's task list (<c>--shard I/N</c>, I = 0 … N − 1, e.g. $SLURM_ARRAY_TASK_ID/N).</summary>
/// <param name="Index">I.</param>
/// <param name="Count">N.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>Parses "I/N" with 0 ≤ I &lt; N; bad text is a usage error naming --shard.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && i < n)
            return new Shard(i, n);
        throw UsageException.Field("shard", text, "must be I/N with 0 ≤ I < N (e.g. $SLURM_ARRAY_TASK_ID/8)");
    }

    /// <summary>"shard-I-of-N": the writer name of its task records and the name of its marker.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"shard-{Index}-of-{Count}");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
