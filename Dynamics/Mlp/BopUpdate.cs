namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The binary optimiser BOP (Helwegen et al., NeurIPS 2019, "Latent weights do not exist"): m ← (1 − γ)·m + γ·g, and w flips
/// when |m| &gt; τ and sign(m) = sign(w) (the gradient asks to move w against its sign). m starts at 0.
/// </summary>
/// <param name="Gamma">Adaptivity γ ∈ (0, 1].</param>
/// <param name="Tau">Threshold τ ≥ 0.</param>
public sealed record BopUpdate(float Gamma, float Tau) : IMlpRule
{
    /// <inheritdoc />
    public float InitialState(double u) => 0f;

    /// <inheritdoc />
    public int Update(int w, ref float state, float gradient)
    {
        state = (1 - Gamma) * state + Gamma * gradient;
        return Math.Abs(state) > Tau && (state > 0) == (w > 0) ? -w : w;
    }
}
