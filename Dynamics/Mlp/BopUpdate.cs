namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The binary optimiser BOP (Helwegen et al., NeurIPS 2019, "Latent weights do not exist"): m ← (1 − γ)·m + γ·g, and w flips
/// when |m| &gt; τ and sign(m) = sign(w) (the gradient asks to move w against its sign). m starts at 0.
/// </summary>
/// <param name="Gamma">Adaptivity γ ∈ (0, 1].</param>
/// <param name="Tau">Threshold τ ≥ 0.</param>
/// <param name="Decay">Per-epoch factor d ∈ (0, 1] of γ: γ_t = γ·d^(t−1) in epoch t (1: constant γ; Helwegen et al. decay γ too).</param>
public sealed record BopUpdate(float Gamma, float Tau, double Decay = 1) : IMlpRule
{
    /// <inheritdoc />
    public IMlpRule AtEpoch(int epoch) => Decay == 1 ? this : new BopUpdate((float)(Gamma * Math.Pow(Decay, epoch - 1)), Tau);

    /// <inheritdoc />
    public float InitialState(double u) => 0f;

    /// <inheritdoc />
    public int Update(int w, ref float state, float gradient)
    {
        state = (1 - Gamma) * state + Gamma * gradient;
        return Math.Abs(state) > Tau && (state > 0) == (w > 0) ? -w : w;
    }

    /// <inheritdoc />
    public bool StateIsLatentWeight => false;

    /// <inheritdoc />
    /// <remarks>m is the memory of the gradient, not of the weight: unchanged.</remarks>
    public float Pulled(float state, int w) => state;

    /// <inheritdoc />
    public void UpdateRow(Span<ulong> bits, Span<float> state, ReadOnlySpan<float> gradient)
    {
        float keep = 1 - Gamma, gamma = Gamma, tau = Tau;
        for (int w = 0; w * 64 < state.Length; w++)
        {
            ulong word = bits[w], flips = 0;
            int end = Math.Min(64, state.Length - 64 * w);
            for (int b = 0, i = 64 * w; b < end; b++, i++)
            {
                float m = keep * state[i] + gamma * gradient[i];
                state[i] = m;
                // Flip when |m| > τ and m has the sign of w (bit set ⇔ w = +1).
                if (Math.Abs(m) > tau && (m > 0) == (((word >> b) & 1) != 0)) flips |= 1UL << b;
            }
            bits[w] = word ^ flips;
        }
    }
}
