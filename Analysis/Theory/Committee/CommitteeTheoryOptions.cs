namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>Settings of the committee state evolution (Bayes-optimal, fully connected, committee-symmetric ansatz).</summary>
public sealed record CommitteeTheoryOptions
{
    /// <summary>The defaults: start q₀ = 10⁻³·I (a small specialised perturbation of the uninformed start), no damping.</summary>
    public static CommitteeTheoryOptions Default { get; } = new();

    /// <summary>Start: diagonal entry of q₀.</summary>
    public double InitialDiagonal { get; init; } = 1e-3;

    /// <summary>Start: off-diagonal entry of q₀.</summary>
    public double InitialOffDiagonal { get; init; }

    /// <summary>Damping d ∈ [0, 1) of q.</summary>
    public double Damping { get; init; }

    /// <summary>Converged when the undamped step changes every entry of q by less than this.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Iteration budget.</summary>
    public int MaxIterations { get; init; } = 400;

    /// <summary>Gauss–Hermite nodes per dimension for the output channel's average over ω (K dimensions) and over the
    /// residual r (up to K − 1 dimensions); 0: automatic (K = 1: the composite Gauss–Legendre rule; K = 3: 14; K = 5: 5).</summary>
    public int ChannelNodes { get; init; }

    /// <summary>Gauss–Hermite nodes per dimension for the prior's average over ξ (K dimensions); 0: automatic
    /// (K = 1: composite Gauss–Legendre; K = 3: 40; K = 5: 12).</summary>
    public int PriorNodes { get; init; }

    /// <summary>
    /// ε_Bayes = E_ω min(P₊, P₋) has a kink where P₊ = P₋ (through ω = 0), so its tensor Gauss–Hermite error falls only as
    /// 1/n (node spacing ∝ n^{−1/2}, error ∝ spacing²), from below for even n and from above for odd n (a node on the kink):
    /// at 14 nodes ≈ 0.002–0.004 too low for K = 3. With refinement nodes n₂ &gt; n of n's parity the fixed point's ε (and
    /// <see cref="CommitteeTheory.Channel"/>'s) is the Richardson extrapolation (n₂ε(n₂) − nε(n))/(n₂ − n) of the channel's
    /// n-node value and an n₂-node one (q̂ and the iteration keep n nodes). 0: automatic (K = 3: n + 6, i.e. 20; K = 1 has the
    /// precise Gauss–Legendre rule and K = 5 cannot afford a finer grid: none); a value ≤ n: none.
    /// </summary>
    public int EpsRefineNodes { get; init; }

    internal CommitteeTheoryOptions Validated(int hidden)
    {
        double d = InitialDiagonal, o = InitialOffDiagonal;
        // q₀ = (d − o) I + o J must satisfy 0 ⪯ q₀ ≺ I: eigenvalues d − o and d + (K − 1) o in [0, 1).
        if (!(d - o >= 0 && d - o < 1 && d + (hidden - 1) * o >= 0 && d + (hidden - 1) * o < 1))
            throw new ArgumentOutOfRangeException(nameof(InitialDiagonal), d, "q₀ must satisfy 0 ⪯ q₀ ≺ I");
        if (!(Damping >= 0 && Damping < 1)) throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "must be in [0, 1)");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "must be > 0");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "must be ≥ 1");
        if (ChannelNodes < 0 || PriorNodes < 0 || EpsRefineNodes < 0) throw new ArgumentOutOfRangeException(nameof(ChannelNodes), "node counts must be ≥ 0");
        return this;
    }
}
