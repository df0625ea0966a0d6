namespace MCoverPhysics.Dynamics.Learning;

/// <summary>An <see cref="IWeightView"/> over one packed array per copy (message passing: the signs of the current means).</summary>
internal sealed class PackedWeights(ulong[][] rows, int n) : IWeightView
{
    /// <inheritdoc />
    public int Count => rows.Length;

    /// <inheritdoc />
    public int N => n;

    /// <inheritdoc />
    public ReadOnlySpan<ulong> Weights(int index) => rows[index];
}
