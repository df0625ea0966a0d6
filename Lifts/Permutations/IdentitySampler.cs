using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>π = id.</summary>
public sealed class IdentitySampler(int copies) : PermutationSampler
{
    /// <inheritdoc />
    public override int Copies => copies;
    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm) { for (int a = 0; a < perm.Length; a++) perm[a] = a; }
}
