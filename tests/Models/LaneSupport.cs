using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Models;

/// <summary>Kernel tests at a requested lane width: a width this host does not accelerate is reported, not re-tested as scalar.</summary>
internal static class LaneSupport
{
    /// <summary>True when <paramref name="lanes"/> runs as asked here (the kernels would otherwise fall back to scalar).</summary>
    public static bool Runs(LaneWidth lanes) => LaneSelection.Resolve(lanes) == lanes || lanes == LaneWidth.Auto;

    /// <summary>Ends the test as inconclusive when <paramref name="lanes"/> is not accelerated on this host.</summary>
    public static void Require(LaneWidth lanes)
    {
        if (!Runs(lanes)) Assert.Inconclusive($"{lanes} lanes are not hardware-accelerated on this host: the row would re-test the scalar fallback");
    }
}
