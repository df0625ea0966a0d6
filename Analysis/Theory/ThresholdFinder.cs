using MathNet.Numerics;
using MathNet.Numerics.RootFinding;

namespace MCoverPhysics.Analysis.Theory;

/// <summary>
/// The transitions of the binary perceptron: perfect learning and the spinodal of AMP (teacher–student) and the
/// storage capacity. Each is found on the q &lt; 1 branch parametrised by q̂ (no iteration, so no critical slowing
/// down): a fixed point (q, q̂) of the saddle-point equations has q = q(q̂) and α = q̂/C(q), where q̂ = α C(q) is the
/// channel equation. Numbers and discussion: docs/physics/theory.md.
/// </summary>
public static class ThresholdFinder
{
    private const double Ln2 = 0.693147180559945309417232121458;

    /// <summary>α_perfect quoted by Györgyi (1990) and Sompolinsky, Tishby &amp; Seung (1990).</summary>
    public const double LiteraturePerfectLearning1990 = 1.245;
    /// <summary>α_IT quoted by Barbier, Krzakala, Macris, Miolane &amp; Zdeborová (PNAS 2019).</summary>
    public const double LiteraturePerfectLearning2019 = 1.249;
    /// <summary>α_spinodal (algorithmic threshold of AMP) quoted by Barbier et al. (2019).</summary>
    public const double LiteratureSpinodal = 1.493;
    /// <summary>Storage capacity α_c at κ = 0 quoted by Krauth &amp; Mézard (1989).</summary>
    public const double LiteratureStorageCapacity = 0.833;

    /// <summary>Root/extremum tolerance in q̂.</summary>
    private const double Accuracy = 1e-13;

    /// <summary>Teacher–student: the load α(q̂) = q̂ / C(q(q̂)) at which (q(q̂), q̂) is a fixed point.</summary>
    public static double TeacherBranchAlpha(double conjugateOverlap)
        => conjugateOverlap / TeacherStudentTheory.ConjugateOverlap(1.0, TeacherStudentTheory.Overlap(conjugateOverlap));

    /// <summary>Storage: the load α(q̂) = q̂ / C(q(q̂)) at which (q(q̂), q̂) is a saddle point.</summary>
    public static double StorageBranchAlpha(double conjugateOverlap)
        => conjugateOverlap / StorageTheory.ConjugateOverlap(1.0, StorageTheory.Overlap(conjugateOverlap));

    /// <summary>
    /// α_spinodal: the largest α at which the uninformed (q &lt; 1) fixed point exists; above it state evolution from
    /// q₀ = 0 (and AMP) reaches q = 1. It is the maximum of α(q̂) along the branch.
    /// </summary>
    public static Threshold Spinodal()
    {
        // Bracket the maximum on a coarse grid of q̂, then refine by golden section (MathNet).
        double best = 0, bestAlpha = 0;
        for (double qhat = 0.25; qhat <= 20; qhat += 0.25)
        {
            double a = TeacherBranchAlpha(qhat);
            if (a > bestAlpha) (best, bestAlpha) = (qhat, a);
        }
        if (best is 0 or >= 20) throw new InvalidOperationException("the teacher branch α(q̂) has no interior maximum in (0, 20)");
        double qhatStar = FindMinimum.OfScalarFunctionConstrained(x => -TeacherBranchAlpha(x), best - 0.25, best + 0.25, 1e-10);
        return new Threshold(TeacherBranchAlpha(qhatStar), TeacherStudentTheory.Overlap(qhatStar), qhatStar);
    }

    /// <summary>
    /// α_perfect: the first-order (information-theoretic) transition to perfect learning, where the entropy
    /// s = f_RS + ln 2 of the q &lt; 1 branch reaches 0, the entropy of the q = 1 state (only the teacher left).
    /// </summary>
    public static Threshold PerfectLearning()
    {
        var spinodal = Spinodal();
        double Entropy(double qhat) => TeacherStudentTheory.Entropy(TeacherBranchAlpha(qhat), TeacherStudentTheory.Overlap(qhat), qhat);
        if (!(Entropy(spinodal.ConjugateOverlap) < 0)) throw new InvalidOperationException("the entropy at the spinodal is not negative");
        double root = Brent.FindRoot(Entropy, 1e-3, spinodal.ConjugateOverlap, Accuracy, 200);
        return new Threshold(TeacherBranchAlpha(root), TeacherStudentTheory.Overlap(root), root);
    }

    /// <summary>
    /// Storage capacity α_c (κ = 0): where the RS entropy of the solution space vanishes (Krauth–Mézard criterion).
    /// </summary>
    public static Threshold StorageCapacity()
    {
        double Entropy(double qhat) => StorageTheory.Entropy(StorageBranchAlpha(qhat), StorageTheory.Overlap(qhat), qhat);
        double hi = 1;
        while (Entropy(hi) > 0)
        {
            hi *= 2;
            if (hi > 1e3) throw new InvalidOperationException("the storage entropy does not vanish for q̂ ≤ 1000");
        }
        double root = Brent.FindRoot(Entropy, 1e-3, hi, Accuracy, 200);
        return new Threshold(StorageBranchAlpha(root), StorageTheory.Overlap(root), root);
    }
}
