namespace MCoverPhysics.Models.Spins;

/// <summary>
/// The leaves of a <see cref="Multiplexer"/> tree, read by its first level: stored registers (<see cref="StoredLeaves{T}"/>) or
/// values made on the fly (the interleaved kernels broadcast each copy's word to every lane).
/// </summary>
/// <typeparam name="T">The register type.</typeparam>
public interface ILeaves<T> where T : struct
{
    /// <summary>Value <paramref name="index"/> = a·group + g: value g of leaf a.</summary>
    T Leaf(int index);
}
