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
        long unit = model.LoadUnit;
        string load = unit == n ? $"N = {n}" : $"{unit} weights";
        Check(Parameters.Alpha, Alpha, double.IsFinite(Alpha) && Alpha > 0, "must be > 0");
        Check(Parameters.Alpha, Alpha, Math.Round(Alpha * unit, MidpointRounding.AwayFromZero) >= 1, $"gives P = round({(unit == n ? "αN" : "α·weights")}) = 0 patterns at {load}");
        Check(Parameters.Alpha, Alpha, Alpha * unit * PackedSpins.WordCount(n) <= int.MaxValue,
            $"needs {Alpha * unit * PackedSpins.WordCount(n) * 8 / (1L << 30):F0} GiB of packed patterns at {load} (limit 16 GiB)");
    }

    /// <summary>α as results write it.</summary>
    protected string AlphaText => Alpha.ToString("R", CultureInfo.InvariantCulture);
}
