using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>Random ±1 patterns at load α, P = round(αN): the teacher–student and storage tasks.</summary>
public abstract record GeneratedData : DataSpec
{
    /// <summary>Default α.</summary>
    public const double DefaultAlpha = 1;

    /// <summary>Load α = P/N (&gt; 0).</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <inheritdoc />
    public override double LoadFor(int n) => Alpha;

    /// <inheritdoc />
    public override int PatternCount(int n) => Models.Data.Dataset.PatternCount(Alpha, n);

    /// <inheritdoc />
    public override void Validate(ModelSpec model)
    {
        int n = model.N;
        Check(Parameters.Alpha, Alpha, double.IsFinite(Alpha) && Alpha > 0, "must be > 0");
        Check(Parameters.Alpha, Alpha, Math.Round(Alpha * n, MidpointRounding.AwayFromZero) >= 1, $"gives P = round(αN) = 0 patterns at N = {n}");
        Check(Parameters.Alpha, Alpha, Alpha * n * PackedSpins.WordCount(n) <= int.MaxValue,
            $"needs {Alpha * n * PackedSpins.WordCount(n) * 8 / (1L << 30):F0} GiB of packed patterns at N = {n} (limit 16 GiB)");
    }

    /// <summary>α as results write it.</summary>
    protected string AlphaText => Alpha.ToString("R", CultureInfo.InvariantCulture);
}
