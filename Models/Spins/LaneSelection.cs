using System.Runtime.Intrinsics;

namespace MCoverPhysics.Models.Spins;

/// <summary>Resolves <see cref="LaneWidth.Auto"/> against the hardware.</summary>
public static class LaneSelection
{
    /// <summary>The width <see cref="LaneWidth.Auto"/> resolves to here.</summary>
    public static LaneWidth Resolve(LaneWidth requested) => requested switch
    {
        LaneWidth.Auto when Vector512.IsHardwareAccelerated => LaneWidth.Vector512,
        LaneWidth.Auto when Vector256.IsHardwareAccelerated => LaneWidth.Vector256,
        LaneWidth.Auto => LaneWidth.Scalar,
        LaneWidth.Vector512 when !Vector512.IsHardwareAccelerated => LaneWidth.Scalar,
        LaneWidth.Vector256 when !Vector256.IsHardwareAccelerated => LaneWidth.Scalar,
        _ => requested,
    };
}
