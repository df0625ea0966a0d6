namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// A local rule of the binary MLP, unchanged by the M-cover: it updates one copy's ±1 weights (and its own per-weight state)
/// from the minibatch gradient of that copy's weights, the messages the routed networks delivered to it.
/// </summary>
public interface IMlpRule
{
    /// <summary>The per-weight state at the start: the latent weight h (STE), 0 for BOP's moving average; <paramref name="u"/> uniform in [0, 1).</summary>
    float InitialState(double u);

    /// <summary>Updates weight <paramref name="w"/> (±1) and its state from its gradient ∂L/∂w; returns the new weight.</summary>
    int Update(int w, ref float state, float gradient);

    /// <summary>The same for every weight of one unit's row: packed weights <paramref name="bits"/> (bit set ⇔ +1), states and
    /// gradients of its n = <paramref name="state"/>.Length inputs (one call per row: no dispatch per weight).</summary>
    void UpdateRow(Span<ulong> bits, Span<float> state, ReadOnlySpan<float> gradient);

    /// <summary>True when the per-weight state is a latent weight whose sign is the weight (STE), false for BOP's moving average.</summary>
    bool StateIsLatentWeight { get; }

    /// <summary>The state after a coupling set the weight to <paramref name="w"/> (STE: the latent weight takes w's sign).</summary>
    float Pulled(float state, int w);

    /// <summary>The rule in effect during epoch <paramref name="epoch"/> ≥ 1 (a step-size schedule returns a rescaled copy;
    /// called once per epoch, never inside one). Unscheduled rules return themselves.</summary>
    IMlpRule AtEpoch(int epoch) => this;
}
