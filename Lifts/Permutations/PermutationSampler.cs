using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>Draws permutations π (π[a] = copy that factor copy a reads) for one kernel.</summary>
public abstract class PermutationSampler
{
    /// <summary>Number of copies M.</summary>
    public abstract int Copies { get; }

    /// <summary>Writes one permutation into <paramref name="perm"/> (length M).</summary>
    public abstract void Sample(ref RngStream rng, Span<int> perm);

    /// <summary>The sampler for <paramref name="kernel"/>: identity and uniform kernels get exact specialised samplers.</summary>
    public static PermutationSampler For(MixingKernel kernel, SamplerKind kind = SamplerKind.Auto)
    {
        if (kernel.IsIdentity) return new IdentitySampler(kernel.Copies);
        if (kernel.IsUniform) return new UniformSampler(kernel.Copies);
        return kind switch
        {
            SamplerKind.Exact => new ExactSampler(kernel),
            SamplerKind.Gumbel => new GumbelSampler(kernel),
            SamplerKind.Sequential => new SequentialSampler(kernel),
            _ => kernel.Copies <= ExactSampler.MaxCopies ? new ExactSampler(kernel) : new GumbelSampler(kernel),
        };
    }
}
