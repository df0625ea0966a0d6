namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class ExpandedFactor
{
    /// <summary>The per-unit constants of a polarised unit's exact messages: ω, V and q± = P(τ = ±1)/max P as floats for the
    /// float message, the same in double (with ln P±) for the double fallback, and the float damping and cap of the edges.</summary>
    private readonly record struct Polar(float V, float W, float Qp, float Qm, float Floor, float Take, float Keep, float Cap,
        double QpD, double QmD, double Lp, double Lm)
    {
        /// <summary>Unit k's constants from <see cref="UnitField"/>'s and the output convolution's entries of <paramref name="units"/>.</summary>
        public static Polar Of(int hidden, int k, double damping, double maxMessage, ReadOnlySpan<double> units)
        {
            double lp = units[4 * hidden + k], lm = units[5 * hidden + k];
            double top = Math.Max(lp, lm);
            double qp = CommitteeFactor.Exp(lp - top), qm = CommitteeFactor.Exp(lm - top);
            return new Polar((float)units[hidden + k], (float)units[k], (float)qp, (float)qm, (float)CommitteeFactor.MinVariance,
                (float)(1 - damping), (float)damping, (float)maxMessage, qp, qm, lp, lm);
        }
    }
}
