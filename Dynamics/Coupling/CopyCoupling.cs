namespace MCoverPhysics.Dynamics.Coupling;

/// <summary>
/// A coupling between the M copies of an identity lift in parameter or output space: the methods the M-cover lift is
/// measured against (docs/physics/couplings.md). The local rule is unchanged; the coupling adds steps of its own,
/// drawn from each copy's coupling stream (seed, Coupling, a), so a coupling that never fires reproduces M independent
/// students bit for bit.
/// </summary>
/// <remarks>
/// A trainer asks the coupling what it needs (<see cref="NeedsCenter"/>, <see cref="Lockstep"/>) and how strongly it
/// pulls (<see cref="PullAt"/>, <see cref="ConsensusRate"/>); it never branches on the coupling's type.
/// </remarks>
public abstract record CopyCoupling
{
    /// <summary>Short name used in results: none, replicated, consensus.</summary>
    public abstract string Name { get; }

    /// <summary>No coupling: M independent students.</summary>
    public static CopyCoupling None { get; } = new NoCoupling();

    /// <summary>False when the coupling adds no step at all (M independent students).</summary>
    public virtual bool Couples => true;

    /// <summary>
    /// True when the coupling pulls the copies toward the center c = sign(Σ_a w^a), recomputed from the copies' weights
    /// after every epoch (the trainer keeps it).
    /// </summary>
    public virtual bool NeedsCenter => false;

    /// <summary>Probability per presentation of the step toward the center in epoch <paramref name="epoch"/> (1-based); 0 without a center.</summary>
    public virtual double PullAt(int epoch) => 0;

    /// <summary>
    /// True when a copy's coupling step reads the other copies' current outputs at every presentation: the copies take
    /// turns pattern by pattern (the consensus step, with probability <see cref="ConsensusRate"/>) and train on one core.
    /// </summary>
    public virtual bool Lockstep => false;

    /// <summary>
    /// Strength γ_t of the interaction γ_t Σ_a w^a·c with the center in a Gibbs weight e^{−βE + γ_t Σ_a w^a·c} (Monte Carlo,
    /// the robust ensemble) in sweep <paramref name="sweep"/> (1-based); 0 without a center.
    /// </summary>
    public virtual double FieldAt(int sweep) => 0;

    /// <summary>Probability λ of the consensus step after a copy's rule step (0 without one).</summary>
    public virtual double ConsensusRate => 0;

    /// <summary>
    /// The consensus target of copy a on the ring of copies: τ = sign(sign(f_{a−1}) + sign(f_{a+1})) of its neighbours'
    /// current outputs (the other copy's for M = 2), 0 when they disagree.
    /// </summary>
    /// <param name="outputs">The M copies' current fields or outputs on the presented pattern.</param>
    /// <param name="a">The copy taking its turn.</param>
    public static int RingTarget(ReadOnlySpan<int> outputs, int a)
    {
        int m = outputs.Length;
        return m == 2 ? Math.Sign(outputs[1 - a]) : Math.Sign(Math.Sign(outputs[(a + m - 1) % m]) + Math.Sign(outputs[(a + 1) % m]));
    }
}
