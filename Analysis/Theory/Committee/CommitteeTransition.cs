using MathNet.Numerics.RootFinding;

namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>
/// The specialisation transition of the Bayes-optimal binary committee (docs/physics/theory.md#specialisation-transition):
/// the replica-symmetric free entropy f(q, q̂) = ψ(q̂) + α Ψ_out(q) − ½ Tr(q q̂) and the version-space entropy s = f + K ln 2
/// per input. The specialised branch of the binary machine is perfect learning, q = I (s = 0: only the teacher and its K!
/// relabellings are left), so the information-theoretic transition α_spec is where s of the non-specialised branch
/// (q_kl = q for all k, l, the state evolution from the uninformed start) crosses 0.
/// </summary>
public static class CommitteeTransition
{
    /// <summary>f(q, q̂) at the committee-symmetric overlap (q_d, q_o), with q̂ = α·(channel at q) projected (NaN at q = I).</summary>
    public static double FreeEntropy(int hidden, double alpha, double diagonal, double offDiagonal, CommitteeTheoryOptions? options = null)
    {
        var o = CommitteeTheory.Check(hidden, alpha, options);
        var (channel, prior) = CommitteeTheory.Build(hidden, o);
        int k = hidden;
        double qo = k == 1 ? 0 : offDiagonal;
        var (qhat, _) = channel.Evaluate(CommitteeTheory.Matrix(k, diagonal, qo));
        if (qhat is null) return double.NaN;
        double psiOut = channel.LastPsiOut;
        var (hd, ho) = CommitteeTheory.Project(k, qhat, alpha);
        prior.Evaluate(CommitteeTheory.Matrix(k, hd, ho));
        double trace = k * (diagonal * hd + (k - 1) * qo * ho);
        return prior.LastPsi + alpha * psiOut - 0.5 * trace;
    }

    /// <summary>Version-space entropy per input s = f + K ln 2 of a state-evolution fixed point (0 at perfect learning).</summary>
    public static double Entropy(CommitteePoint point, CommitteeTheoryOptions? options = null)
        => point.Diagonal >= 1 ? 0 : FreeEntropy(point.Hidden, point.Alpha, point.Diagonal, point.OffDiagonal, options) + point.Hidden * Math.Log(2);

    /// <summary>
    /// α_spec: the root in (<paramref name="lo"/>, <paramref name="hi"/>) of the entropy of the state-evolution branch from the
    /// options' start (the non-specialised branch for the default q₀), by Brent (MathNet) to <paramref name="accuracy"/>; NaN
    /// when the entropy does not change sign on the bracket.
    /// </summary>
    public static double Specialisation(int hidden, double lo, double hi, double accuracy = 1e-4, CommitteeTheoryOptions? options = null)
    {
        double S(double a) => Entropy(CommitteeTheory.StateEvolution(hidden, a, options), options);
        double slo = S(lo), shi = S(hi);
        if (!(slo > 0 && shi < 0)) return double.NaN;
        return Brent.FindRoot(S, lo, hi, accuracy, 100);
    }
}
