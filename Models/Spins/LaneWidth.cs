namespace MCoverPhysics.Models.Spins;

/// <summary>Which lane width the kernels use on this machine.</summary>
public enum LaneWidth
{
    /// <summary>Pick the widest accelerated width.</summary>
    Auto,
    /// <summary>One 64-bit word (scalar fallback).</summary>
    Scalar,
    /// <summary>256-bit vectors.</summary>
    Vector256,
    /// <summary>512-bit vectors.</summary>
    Vector512,
}
