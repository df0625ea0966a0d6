using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.States;

/// <summary>CP+R's unsupervised reinforcement h_i += 2·sign(h_i) on every synapse.</summary>
public readonly record struct ReinforceMask : IUpdateMask
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Up<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct => w;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Active<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct => TL.Broadcast(ulong.MaxValue);
}
