using System.Runtime.CompilerServices;

namespace MCoverPhysics.Models.Spins;

/// <summary>Leaves stored one after another in memory (value i at <c>Unsafe.Add(ref first, i)</c>).</summary>
/// <typeparam name="T">The register type.</typeparam>
public readonly ref struct StoredLeaves<T>(ref T first) : ILeaves<T> where T : struct
{
    private readonly ref T _first = ref first;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Leaf(int index) => Unsafe.Add(ref _first, index);
}
