using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>The vector width a BP factor kernel runs at on this host (what `mcover bench` reports as <c>lanes</c>).</summary>
public static class KernelLanes
{
    /// <summary>
    /// "Vector512", "Vector256" or "scalar": the expanded message (<see cref="BpAccuracy.Expand"/>) takes 512 or 256 bits
    /// where accelerated; the exact committee message only 512 bits (else its scalar oracle); the perceptron's own exact BP
    /// is written on Vector512 alone ("Vector512 (emulated)" where the hardware lacks it).
    /// </summary>
    public static string Describe(BpAccuracy accuracy, bool committeeEngine)
    {
        if (accuracy == BpAccuracy.Expand)
            return ExpandedFactor.Lanes switch { 512 when Vector512.IsHardwareAccelerated => "Vector512", 256 when Vector256.IsHardwareAccelerated => "Vector256", _ => "scalar" };
        if (committeeEngine) return CommitteeFactor.UseVector512 && Vector512.IsHardwareAccelerated ? "Vector512" : "scalar";
        return Vector512.IsHardwareAccelerated ? "Vector512" : "Vector512 (emulated)";
    }
}
