using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// Straight-through latent-weight SGD (BinaryConnect, Courbariaux et al. 2015; STE: Bengio et al. 2013): h ← clip(h − η·g, −1, 1),
/// w = sign(h) (sign(0) = +1). The latent weights start uniform in (−1, 1).
/// </summary>
/// <param name="LearningRate">η &gt; 0 (in epoch 1).</param>
/// <param name="Decay">Per-epoch factor d ∈ (0, 1] of η: η_t = η·d^(t−1) in epoch t (1: constant η).</param>
public sealed record SteUpdate(float LearningRate, double Decay = 1) : IMlpRule
{
    /// <inheritdoc />
    public IMlpRule AtEpoch(int epoch) => Decay == 1 ? this : new SteUpdate((float)(LearningRate * Math.Pow(Decay, epoch - 1)));

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
    /// <remarks>Whole 64-weight words eight lanes at a time (Vector256: the same multiply, subtract and clip per weight as
    /// <see cref="Update"/>, so the same bits; the sign bits from the h ≥ 0 mask); the last partial word scalar.</remarks>
    public void UpdateRow(Span<ulong> bits, Span<float> state, ReadOnlySpan<float> gradient)
    {
        float lr = LearningRate;
        int full = Vector256.IsHardwareAccelerated ? state.Length / 64 : 0;
        if (full > 0)
        {
            var vlr = Vector256.Create(lr);
            var lo = Vector256.Create(-1f);
            var hi = Vector256.Create(1f);
            ref float rs = ref MemoryMarshal.GetReference(state);
            ref float rg = ref MemoryMarshal.GetReference(gradient);
            if (gradient.Length < state.Length) throw new ArgumentException("gradient shorter than the row");
            for (int w = 0; w < full; w++)
            {
                ulong word = 0;
                for (int v = 0; v < 8; v++)
                {
                    nuint at = (nuint)(64 * w + 8 * v);
                    var h = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref rs, at) - vlr * Vector256.LoadUnsafe(ref rg, at), lo), hi);
                    h.StoreUnsafe(ref rs, at);
                    word |= (ulong)Vector256.GreaterThanOrEqual(h, Vector256<float>.Zero).ExtractMostSignificantBits() << (8 * v);
                }
                bits[w] = word;
            }
        }
        for (int w = full; w * 64 < state.Length; w++)
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
