namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The (γ, y) steps of a focusing protocol and the focusing field they put on every weight. At each step BP runs to
/// convergence (or its per-step sweep budget) with the field of y − 1 traced-out replicas coupled with strength γ to a
/// reference configuration; the run stops as soon as the signs solve every pattern.
/// </summary>
/// <param name="Protocol">standard, pseudo or scoping.</param>
/// <param name="Step">Δρ ∈ (0, 1) for standard and pseudo; Δγ &gt; 0 for scoping.</param>
/// <param name="Y">Replicas y ≥ 1 (scoping; the other protocols derive y from ρ).</param>
/// <param name="GammaMax">Last γ of scoping.</param>
/// <remarks>
/// Baldassi, Ingrosso, Lucibello, Saglietti, Zecchina, PNAS 113, E7655 (2016), and BinaryCommitteeMachineFBP.jl. The field
/// on weight (k, i) with cavity field h (every other message into it) is
/// <code>
/// f(h) = T(γ, (y − 1)·T(γ, h)),   T(a, b) = atanh(tanh a · tanh b) = ½[ln cosh(a + b) − ln cosh(a − b)],   T(∞, b) = b
/// </code>
/// docs/physics/message-passing.md#focusing-bp.
/// </remarks>
public sealed record FocusingSchedule(FocusingProtocol Protocol, double Step, double Y, double GammaMax)
{
    /// <summary>Number of protocol steps: ⌈1/Δρ⌉ (ρ = 0 … &lt; 1) or ⌊γ_max/Δγ⌋ + 1.</summary>
    public int Count => Protocol == FocusingProtocol.Scoping
        ? (int)Math.Floor(GammaMax / Step + 1e-9) + 1
        : (int)Math.Ceiling(1 / Step - 1e-9);

    /// <summary>(γ, y) of step <paramref name="s"/> (0-based).</summary>
    public (double Gamma, double Y) At(int s)
    {
        double rho = s * Step;
        return Protocol switch
        {
            FocusingProtocol.Standard => (double.PositiveInfinity, 1 / (1 - rho)),
            FocusingProtocol.Pseudo => (Math.Atanh(Math.Sqrt(rho)), (2 - rho) / (1 - rho)),
            _ => (s * Step, Y),
        };
    }

    /// <summary>The focusing field f(h) = T(γ, (y − 1)·T(γ, h)) on a weight with cavity field <paramref name="h"/>.</summary>
    public static double Field(double h, double gamma, double y) => Couple(gamma, (y - 1) * Couple(gamma, h));

    /// <summary>T(a, b) = atanh(tanh a · tanh b), stable for large arguments; T(∞, b) = b.</summary>
    public static double Couple(double a, double b)
    {
        if (double.IsPositiveInfinity(a)) return b;
        return 0.5 * (LogCosh(a + b) - LogCosh(a - b));
    }

    /// <summary>ln cosh x = |x| + ln(1 + e^{−2|x|}) − ln 2.</summary>
    private static double LogCosh(double x)
    {
        double ax = Math.Abs(x);
        return ax + double.LogP1(Math.Exp(-2 * ax)) - Math.Log(2);
    }
}
