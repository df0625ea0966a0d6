using System.Globalization;

namespace MCoverPhysics.Experiments.Running;

/// <summary>An estimated time to the end of a sweep, and whether it is still a guess (see <see cref="CostClock"/>).</summary>
/// <param name="Left">Wall time left.</param>
/// <param name="Guess">True while too few tasks have finished, or most of the work left is priced from the cost model.</param>
public readonly record struct Eta(TimeSpan Left, bool Guess)
{
    /// <summary>"ETA 00:01:23", or "ETA ~00:01:23 (guess)".</summary>
    public override string ToString() => Guess
        ? string.Create(CultureInfo.InvariantCulture, $"ETA ~{Left:hh\\:mm\\:ss} (guess)")
        : string.Create(CultureInfo.InvariantCulture, $"ETA {Left:hh\\:mm\\:ss}");
}
