using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Analysis;

[TestClass]
public sealed class CommitteeOrderParameterTests
{
    /// <summary>A student = the teacher's units with a fraction f of weights flipped in unit k, units listed in order <paramref name="order"/>.</summary>
    private static ulong[] NoisyTeacher(CommitteeDataset data, double[] flip, int[] order, ulong seed)
    {
        var shape = data.Shape;
        int w = shape.UnitWords;
        var student = new ulong[shape.Hidden * w];
        var rng = RngStream.For(seed, StreamTag.InitialState);
        for (int k = 0; k < shape.Hidden; k++)
        {
            var unit = data.TeacherUnit(order[k]).ToArray();
            for (int i = 0; i < shape.UnitInputs; i++)
                if (rng.Bernoulli(flip[order[k]])) PackedSpins.Set(unit, i, -PackedSpins.Get(unit, i));
            unit.CopyTo(student, k * w);
        }
        return student;
    }

    /// <summary>The tree formula (exact sum over sign patterns) is the K = 1 arccos law and agrees with Monte Carlo of the same Gaussian.</summary>
    [TestMethod]
    [DataRow(0.9, 0.6, 0.3)] [DataRow(0.99, 0.99, 0.2)] [DataRow(1.0, 0.5, 0.0)]
    public void TreeSumAgreesWithTheGaussianMonteCarlo(double r0, double r1, double r2)
    {
        Assert.AreEqual(Math.Acos(0.7) / Math.PI, CommitteeMeter.TreeDisagreement([Math.Acos(0.7) / Math.PI]), 1e-15);
        var r = new double[,] { { r0, 0, 0 }, { 0, r1, 0 }, { 0, 0, r2 } };
        var identity = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        var (exact, zero) = CommitteeMeter.GeneralizationError(new CommitteeShape(9, 3, Architecture.Tree), identity, r, identity, 1, 0);
        Assert.AreEqual(0.0, zero);
        // The same covariance as a "full" machine goes through the 2K-dimensional Monte Carlo.
        var (mc, error) = CommitteeMeter.GeneralizationError(new CommitteeShape(9, 3, Architecture.Full), identity, r, identity, 1, 0);
        Assert.AreEqual(exact, mc, 4 * error + 1e-12, $"exact {exact}, Monte Carlo {mc} ± {error}");
    }

    /// <summary>Relabelling the student's units of a full machine changes R only by a row permutation, which the alignment undoes.</summary>
    [TestMethod]
    public void AlignmentUndoesAHiddenUnitPermutation()
    {
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, new CommitteeShape(301, 3, Architecture.Full), 10, 10, 2);
        double[] flip = [0.05, 0.2, 0.35];
        var ordered = NoisyTeacher(data, flip, [0, 1, 2], 9);
        var permuted = NoisyTeacher(data, flip, [2, 0, 1], 9);
        var measured = CommitteeMeter.Measure(data, [ordered, permuted], 4);
        var (a, b) = (measured.RAligned[0], measured.RAligned[1]);
        Assert.IsTrue(measured.RRaw[1][0, 0] < 0.5, "raw: unit 0 of the permuted student is teacher unit 2's noisy copy");
        Assert.IsTrue(measured.RRaw[1][0, 2] > 0.2);
        Assert.AreEqual(measured.RDiagAligned, measured.Ensemble.OverlapR, 1e-15);
        for (int k = 0; k < 3; k++) Assert.IsTrue(a[k, k] > 0.2 && b[k, k] > 0.2, $"aligned diagonal R_{k}{k}");
        Assert.IsTrue(measured.RDiagAligned > measured.RDiagRaw, "alignment raises the mean diagonal overlap");
        double rawQ = CommitteeObservables.DiagonalMean(CommitteeMeter.Overlaps(data.Shape, ordered, permuted));
        Assert.IsTrue(measured.Ensemble.Q[0, 1] > rawQ + 0.3, $"inter-copy q aligned {measured.Ensemble.Q[0, 1]:F3} vs raw {rawQ:F3}");
    }

    /// <summary>
    /// ε_g from the overlaps (jointly Gaussian hidden fields) agrees with the committee's error on fresh patterns at N = 297 within
    /// the binomial error of the test set, for tree and fully connected machines with permuted units.
    /// </summary>
    [TestMethod]
    [DataRow(Architecture.Tree)] [DataRow(Architecture.Full)]
    public void SemiAnalyticEpsGAgreesWithTheTestError(Architecture arch)
    {
        const int tests = 40_000;
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, new CommitteeShape(297, 3, arch), 10, tests, 6);
        var students = new List<ulong[]>
        {
            NoisyTeacher(data, [0.1, 0.2, 0.3], [0, 1, 2], 1),
            NoisyTeacher(data, [0.05, 0.3, 0.15], arch == Architecture.Full ? [1, 2, 0] : [0, 1, 2], 2),
        };
        var measured = CommitteeMeter.Measure(data, students, 3);
        for (int a = 0; a < students.Count; a++)
        {
            double test = measured.Ensemble.Copies[a].TestError, eps = measured.EpsGOverlap[a];
            double sigma = Math.Sqrt(eps * (1 - eps) / tests + measured.EpsGOverlapError[a] * measured.EpsGOverlapError[a]);
            Assert.AreEqual(eps, test, 4 * sigma, $"copy {a}: ε from overlaps {eps:F4} vs test error {test:F4} ± {sigma:F4}");
            Assert.IsTrue(eps > 0.05, "a non-trivial error");
        }
    }

    /// <summary>A fully connected committee whose units are another's, permuted, is aligned back onto it exactly; its geodesic then has length 0.</summary>
    [TestMethod]
    public void AligningAPermutedCommitteeRecoversIt()
    {
        var shape = new CommitteeShape(101, 5, Architecture.Full);
        int w = shape.UnitWords;
        var a = new ulong[5 * w];
        for (int k = 0; k < 5; k++) MCoverPhysics.Models.Data.Dataset.RandomVector(101, (ulong)(40 + k)).CopyTo(a.AsSpan(k * w, w));
        int[] perm = [3, 0, 4, 1, 2];
        var b = new ulong[5 * w];
        for (int k = 0; k < 5; k++) a.AsSpan(k * w, w).CopyTo(b.AsSpan(perm[k] * w, w));
        CollectionAssert.AreNotEqual(a, b);
        CollectionAssert.AreEqual(a, CommitteeMeter.AlignUnits(shape, a, b));
        var tree = new CommitteeShape(105, 5, Architecture.Tree);
        var t = new ulong[5 * tree.UnitWords];
        t[0] = 1;
        CollectionAssert.AreEqual(t, CommitteeMeter.AlignUnits(tree, new ulong[t.Length], t), "tree units are not interchangeable");
    }

    /// <summary>The dynamic programme equals the direct sum over 2^K teacher signs × 2^K flips, and works beyond K = 12.</summary>
    [TestMethod]
    public void TreeDisagreementEqualsTheDirectSum()
    {
        static double Direct(double[] e)
        {
            int kk = e.Length;
            double total = 0;
            for (int tau = 0; tau < 1 << kk; tau++)
                for (int flip = 0; flip < 1 << kk; flip++)
                {
                    double p = 1;
                    int t = 0, s = 0;
                    for (int k = 0; k < kk; k++)
                    {
                        bool up = ((tau >> k) & 1) != 0, f = ((flip >> k) & 1) != 0;
                        p *= f ? e[k] : 1 - e[k];
                        t += up ? 1 : -1;
                        s += up != f ? 1 : -1;
                    }
                    if ((t > 0) != (s > 0)) total += p;
                }
            return total / (1 << kk);
        }
        var rng = new RngStream(17);
        foreach (int kk in new[] { 1, 3, 5, 7 })
        {
            var e = Enumerable.Range(0, kk).Select(_ => 0.5 * rng.NextDouble()).ToArray();
            Assert.AreEqual(Direct(e), CommitteeMeter.TreeDisagreement(e), 1e-12, $"K = {kk}");
        }
        Assert.AreEqual(0.3, CommitteeMeter.TreeDisagreement([0.3]), 1e-15, "K = 1: the unit's own error");
        Assert.AreEqual(0.0, CommitteeMeter.TreeDisagreement(new double[101]), "no unit errs");
        Assert.AreEqual(0.5, CommitteeMeter.TreeDisagreement(Enumerable.Repeat(0.5, 13).ToArray()), 1e-12, "K = 13, random students");
    }
}
