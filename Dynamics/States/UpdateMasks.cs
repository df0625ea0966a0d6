using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.States;

/// <summary>
/// One synaptic update h_i ← clip(h_i + 2·u_i) on the lanes a rule touches: <see cref="Up{TL,T}"/> gives the lanes
/// with u_i = +1 (the others get −1) and <see cref="Active{TL,T}"/> the lanes that change at all.
/// </summary>
public interface IUpdateMask
{
    /// <summary>Lanes whose hidden state moves up (u_i = +1), from the pattern word ξ and the weight word w.</summary>
    T Up<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct;

    /// <summary>Lanes that are updated at all.</summary>
    T Active<TL, T>(T xi, T w) where TL : ILanes<T> where T : struct;
}

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
