using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Permutations;

/// <summary>
/// The rows drawn in turn in a fresh uniformly random order r_0, r_1, …, each π(r_k) ∝ Q_{r_k,j} over the columns still free
/// (uniform if all free weights vanish). A fixed order 0, 1, …, M − 1 would favour the first rows' preferred columns (a drift
/// of the law along the row index: row 0 reads its own copy more often than row M − 1 under a ring kernel); the random
/// order makes the law covariant under relabelling the copies, as the exact law is.
/// </summary>
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
        Span<int> order = stackalloc int[m];
        for (int k = 0; k < m; k++) order[k] = k;
        for (int k = m - 1; k > 0; k--)
        {
            int j = rng.NextInt(k + 1);
            (order[k], order[j]) = (order[j], order[k]);
        }
        for (int step = 0; step < m; step++)
        {
            int a = order[step];
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
                int k = rng.NextInt(m - step);
                for (int j = 0; j < m; j++) if ((used & (1 << j)) == 0 && k-- == 0) { pick = j; break; }
            }
            perm[a] = pick;
            used |= 1 << pick;
        }
    }
}
