using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>Uniform π (Fisher–Yates): the exact law for Q_ab = 1/M.</summary>
public sealed class UniformSampler(int copies) : PermutationSampler
{
    /// <inheritdoc />
    public override int Copies => copies;
    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        for (int a = 0; a < perm.Length; a++) perm[a] = a;
        rng.Shuffle(perm);
    }
}
