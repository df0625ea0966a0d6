using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Coupling;

/// <summary>The replicated coupling's center c = sign(Σ_a w^a) of packed weight vectors.</summary>
internal static class Center
{
    /// <summary>
    /// center_i ← sign(Σ_a w_i^a) over the <paramref name="copies"/> vectors whose words start at
    /// <paramref name="first"/> + a·<paramref name="stride"/> in <paramref name="weights"/>; a tie keeps center_i.
    /// </summary>
    public static void Majority(ReadOnlySpan<ulong> weights, int first, int stride, int copies, int n, Span<ulong> center)
    {
        for (int i = 0; i < n; i++)
        {
            int j = i >> 6, up = 0;
            for (int a = 0; a < copies; a++) up += (int)((weights[first + a * stride + j] >> (i & 63)) & 1);
            if (2 * up != copies) center[j] = 2 * up > copies ? center[j] | (1UL << (i & 63)) : center[j] & ~(1UL << (i & 63));
        }
        center[PackedSpins.WordCount(n) - 1] &= PackedSpins.LastWordMask(n);
    }
}
