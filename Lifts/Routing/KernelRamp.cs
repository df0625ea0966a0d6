namespace MCoverPhysics.Lifts.Routing;

/// <summary>
/// How a time-dependent kernel Q_t = (1 − s_t) Q + s_t Q_to moves from Q to Q_to over the epochs t = 0 … T − 1 (T the
/// step budget): s_0 = 0 and s_{T−1} = 1 in both (docs/mcover.md#time-dependent-q).
/// </summary>
public enum KernelRamp
{
    /// <summary>s_t = t / (T − 1).</summary>
    Linear,
    /// <summary>s_t = 10^{−3(1 − t/(T − 1))} for t ≥ 1 (from 10⁻³ to 1, equal ratios per epoch), s_0 = 0.</summary>
    Geometric,
}
