using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.States;

/// <summary>The clipped-perceptron step h_i += 2σξ_i on every synapse.</summary>
/// <param name="Sigma">Label σ = ±1.</param>
public readonly record struct PerceptronMask(int Sigma) : IUpdateMask
{
    private ulong Flip => Sigma > 0 ? 0UL : ulong.MaxValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Up<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct => TL.Xor(xi, TL.Broadcast(Flip)); // σξ_i = +1

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Active<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct => TL.Broadcast(ulong.MaxValue);
}
