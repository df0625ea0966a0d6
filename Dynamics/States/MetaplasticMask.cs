using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.States;

/// <summary>SBPI's metaplastic step: h_i += 2σξ_i only where w_iξ_iσ = +1, so a weight is never flipped.</summary>
/// <param name="Sigma">Label σ = ±1.</param>
public readonly record struct MetaplasticMask(int Sigma) : IUpdateMask
{
    private ulong Flip => Sigma > 0 ? 0UL : ulong.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Up<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct => w; // on the active lanes σξ_i = w_i

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Active<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct => TL.Not(TL.Xor(TL.Xor(xi, w), TL.Broadcast(Flip)));
}
