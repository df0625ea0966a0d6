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

    /// <summary>
    /// The same draw as <see cref="Sample"/> (the same random words, the same π) packed as 4-bit nibbles: π(a) in bits
    /// 4a…4a+3. Needs M ≤ 16. Samplers that hold their permutations packed (the alias table) return them without unpacking.
    /// </summary>
    public virtual ulong SamplePacked(ref RngStream rng)
    {
        Span<int> perm = stackalloc int[Copies];
        Sample(ref rng, perm);
        ulong code = 0;
        for (int a = 0; a < perm.Length; a++) code |= (ulong)perm[a] << (4 * a);
        return code;
    }

    /// <summary>
    /// The same draw as <see cref="Sample"/> as the lane word of a word-routed table (M ≤ 8): bits 4b…4b+3 hold π(b), bits
    /// 32 + 4a…32 + 4a + 3 hold π⁻¹(a), and lanes ≥ M map to themselves (<see cref="Routing.RoutingTable.LanePermutations"/>).
    /// </summary>
    public virtual ulong SampleLanes(ref RngStream rng) => LaneWord(SamplePacked(ref rng), Copies);

    /// <summary>The lane word (see <see cref="SampleLanes"/>) of π packed as nibbles, M ≤ 8.</summary>
    public static ulong LaneWord(ulong code, int m)
    {
        ulong pi = code, inverse = 0;
        for (int b = 0; b < m; b++) inverse |= (ulong)b << (int)(4 * ((code >> (4 * b)) & 15));
        for (int c = m; c < 8; c++) (pi, inverse) = (pi | (ulong)c << (4 * c), inverse | (ulong)c << (4 * c));
        return pi | inverse << 32;
    }

    /// <summary>
    /// The sampler for <paramref name="kernel"/> and cycle weight <paramref name="theta"/> (the law ∝ ∏_a Q_{a,π(a)}·θ^{#cycles}):
    /// identity (and uniform at θ = 1) kernels get exact specialised samplers; θ ≠ 1 is drawn by the alias table (M ≤ 8) or,
    /// under auto beyond, the Metropolis chain. Throws <see cref="ArgumentException"/> for θ outside (0, 1] or a sampler
    /// that cannot draw the law.
    /// </summary>
    public static PermutationSampler For(MixingKernel kernel, SamplerKind kind = SamplerKind.Auto, double theta = 1)
    {
        if (!(theta > 0 && theta <= 1)) throw new ArgumentException($"theta must be in (0, 1], not {theta}");
        int m = kernel.Copies;
        if (kernel.IsIdentity) return new IdentitySampler(m);
        if (theta != 1)
            return kind switch
            {
                SamplerKind.Auto when m > AliasSampler.MaxCopies => new CycleMetropolisSampler(kernel, theta),
                SamplerKind.Auto or SamplerKind.Alias => new AliasSampler(kernel, theta),
                _ => throw new ArgumentException($"the long-cycle law (theta ≠ 1) is drawn by the auto or alias sampler, not {kind.ToString().ToLowerInvariant()}"),
            };
        // Uniform permutations at M ≤ 8: one random word indexes the table of all M! (the alias table of a flat law).
        if (kernel.IsUniform) return kind is SamplerKind.Auto or SamplerKind.Alias && m <= AliasSampler.MaxCopies ? new AliasSampler(kernel) : new UniformSampler(m);
        return kind switch
        {
            SamplerKind.Exact => new ExactSampler(kernel),
            SamplerKind.Gumbel => new GumbelSampler(kernel),
            SamplerKind.Sequential => new SequentialSampler(kernel),
            SamplerKind.Alias => new AliasSampler(kernel),
            _ => m <= AliasSampler.MaxCopies ? new AliasSampler(kernel) : m <= ExactSampler.MaxCopies ? new ExactSampler(kernel) : new GumbelSampler(kernel),
        };
    }
}
