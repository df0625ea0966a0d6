using MCoverPhysics.Dynamics.States;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Which kernels the routed trainer uses; both give identical results (tested), they differ in speed.</summary>
internal enum RoutedLayout
{
    /// <summary>Interleaved where vectors are available and M ≥ 3, copy-major otherwise.</summary>
    Auto,
    /// <summary>Each copy's planes contiguous (the layout of <see cref="HiddenStates"/>): a register holds 512 synapses of one copy.</summary>
    CopyMajor,
    /// <summary>Word j of a plane of all copies contiguous: a register holds one word of 8 (or 4) copies.</summary>
    Interleaved,
}
