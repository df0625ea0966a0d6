namespace MCoverPhysics.Dynamics.Learning;

/// <summary>
/// Read-only view of the current packed weights of a learning dynamics (one bit per ±1 spin, bit set ⇔ w_i = +1, as
/// <see cref="Models.Spins.PackedSpins"/>). Valid only during the observer call that received it: the dynamics moves on afterwards.
/// </summary>
public interface IWeightView
{
    /// <summary>Weight vectors: M copies, or M·K hidden units for committees (unit k of copy a at index aK + k).</summary>
    int Count { get; }

    /// <summary>Inputs per weight vector (N, or the unit fan-in n for committees).</summary>
    int N { get; }

    /// <summary>Packed weights of vector <paramref name="index"/> (⌈N/64⌉ words).</summary>
    ReadOnlySpan<ulong> Weights(int index);
}
