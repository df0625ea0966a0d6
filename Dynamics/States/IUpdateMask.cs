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
