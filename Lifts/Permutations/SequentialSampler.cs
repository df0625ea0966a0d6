using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>π(0), π(1), … drawn in turn, each ∝ Q_{a,j} over the columns still free (uniform if all free weights vanish).</summary>
public sealed class SequentialSampler(MixingKernel kernel) : PermutationSampler
{
    /// <summary>Largest M: the free columns are a 32-bit mask.</summary>
    public const int MaxCopies = 32;

    private readonly double[,] _q = kernel.Copies <= MaxCopies ? kernel.ToArray()
        : throw new ArgumentOutOfRangeException(nameof(kernel), kernel.Copies, $"the sequential sampler needs M ≤ {MaxCopies} (a 32-bit mask of used columns)");

    /// <inheritdoc />
    public override int Copies => kernel.Copies;

    /// <inheritdoc />
    public override void Sample(ref RngStream rng, Span<int> perm)
    {
        int m = Copies;
        int used = 0;
        for (int a = 0; a < m; a++)
        {
            double total = 0;
            for (int j = 0; j < m; j++) if ((used & (1 << j)) == 0) total += _q[a, j];
            int pick = -1;
            if (total > 0)
            {
                double u = rng.NextDouble() * total, acc = 0;
                for (int j = 0; j < m && (pick < 0 || acc <= u); j++)
                    if ((used & (1 << j)) == 0 && _q[a, j] > 0) { pick = j; acc += _q[a, j]; }
            }
            else
            {
                int k = rng.NextInt(m - a);
                for (int j = 0; j < m; j++) if ((used & (1 << j)) == 0 && k-- == 0) { pick = j; break; }
            }
            perm[a] = pick;
            used |= 1 << pick;
        }
    }
}
