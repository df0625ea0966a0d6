namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// Straight-through latent-weight SGD (BinaryConnect, Courbariaux et al. 2015; STE: Bengio et al. 2013): h ← clip(h − η·g, −1, 1),
/// w = sign(h) (sign(0) = +1). The latent weights start uniform in (−1, 1).
/// </summary>
/// <param name="LearningRate">η &gt; 0.</param>
public sealed record SteUpdate(float LearningRate) : IMlpRule
{
    /// <inheritdoc />
    public float InitialState(double u) => (float)(2 * u - 1);

    /// <inheritdoc />
    public int Update(int w, ref float state, float gradient)
    {
        state = Math.Clamp(state - LearningRate * gradient, -1f, 1f);
        return state >= 0 ? 1 : -1;
    }

    /// <inheritdoc />
    public bool StateIsLatentWeight => true;

    /// <inheritdoc />
    public float Pulled(float state, int w) => w * Math.Max(Math.Abs(state), 1e-6f);

    /// <inheritdoc />
    public void UpdateRow(Span<ulong> bits, Span<float> state, ReadOnlySpan<float> gradient)
    {
        float lr = LearningRate;
        for (int w = 0; w * 64 < state.Length; w++)
        {
            ulong word = 0;
            int end = Math.Min(64, state.Length - 64 * w);
            for (int b = 0, i = 64 * w; b < end; b++, i++)
            {
                float h = Math.Clamp(state[i] - lr * gradient[i], -1f, 1f);
                state[i] = h;
                if (h >= 0) word |= 1UL << b;
            }
            bits[w] = word;
        }
    }
}
