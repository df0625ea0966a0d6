using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Analysis;

[TestClass]
public sealed class StatisticsTests
{
    /// <summary>Mean 2.5, s = 1.2910, sem = s/2, t_{0.975,3} = 3.18245 (standard t table).</summary>
    [TestMethod]
    public void SeedSummaryGivesMeanSemAndStudentTInterval()
    {
        var s = SeedSummary.Of([1, 2, 3, 4]);
        Assert.AreEqual(4, s.Count);
        Assert.AreEqual(2.5, s.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(5.0 / 3) / 2, s.Sem, 1e-12);
        Assert.AreEqual(2.5 - 3.182446305 * s.Sem, s.CiLo, 1e-6);
        Assert.AreEqual(2.5 + 3.182446305 * s.Sem, s.CiHi, 1e-6);
    }

    [TestMethod]
    public void SeedSummaryDropsNaNAndHandlesTinySamples()
    {
        var s = SeedSummary.Of([double.NaN, 1.0, 3.0]);
        Assert.AreEqual(2, s.Count);
        Assert.AreEqual(2.0, s.Mean, 1e-12);
        var one = SeedSummary.Of([5.0]);
        Assert.AreEqual(5.0, one.Mean);
        Assert.IsTrue(double.IsNaN(one.Sem));
        Assert.IsTrue(double.IsNaN(SeedSummary.Of([double.NaN]).Mean));
    }

    [TestMethod]
    [DataRow(1.0, 0.0)] [DataRow(0.0, 0.5)] [DataRow(-1.0, 1.0)] [DataRow(0.5, 1.0 / 3)]
    public void GeneralizationErrorIsArccosROverPi(double r, double eps)
        => Assert.AreEqual(eps, OrderParameterMeter.GeneralizationError(r), 1e-12);

    [TestMethod]
    public void TeacherAsStudentHasROneAndNoErrorsAndIdenticalCopiesHaveNoDiversity()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 101, 80, 300, 5);
        var obs = OrderParameterMeter.Measure(data, [data.Teacher!, (ulong[])data.Teacher!.Clone()]);
        Assert.AreEqual(1.0, obs.OverlapR);
        Assert.AreEqual(0.0, obs.EpsG);
        Assert.AreEqual(0.0, obs.TrainError);
        Assert.AreEqual(0.0, obs.TestError);
        Assert.AreEqual(1.0, obs.QMean);
        Assert.AreEqual(0.0, obs.Diversity);
    }

    [TestMethod]
    public void OverlapMatrixIsSymmetricWithUnitDiagonalAndMatchesTheNaiveSum()
    {
        var data = Dataset.Create(LearningTask.Storage, 65, 10, 0, 5);
        var w = Enumerable.Range(0, 3).Select(a => Dataset.RandomVector(65, (ulong)a + 100)).ToList();
        var q = OrderParameterMeter.OverlapMatrix(w, 65);
        for (int a = 0; a < 3; a++)
        {
            Assert.AreEqual(1.0, q[a, a]);
            for (int b = 0; b < 3; b++)
            {
                Assert.AreEqual(q[a, b], q[b, a]);
                double naive = Enumerable.Range(0, 65).Sum(i => PackedSpins.Get(w[a], i) * PackedSpins.Get(w[b], i)) / 65.0;
                Assert.AreEqual(naive, q[a, b], 1e-12);
            }
        }
        var single = OrderParameterMeter.Measure(data, [w[0]]);
        Assert.IsTrue(double.IsNaN(single.QMean), "q is undefined for one copy");
        Assert.IsTrue(double.IsNaN(single.OverlapR), "storage has no teacher");
    }

    /// <summary>Wilson score intervals at textbook values (Newcombe 1998, Table I: 0/10 → [0, 0.2775]).</summary>
    [TestMethod]
    public void WilsonIntervalMatchesReferenceValues()
    {
        var none = Proportion.Wilson(0, 10);
        Assert.AreEqual(0.0, none.Lo, "exactly 0 at k = 0");
        Assert.AreEqual(0.2775, none.Hi, 1e-4);
        var most = Proportion.Wilson(17, 20);
        Assert.AreEqual(0.85, most.Estimate, 1e-12);
        Assert.AreEqual(0.6396, most.Lo, 1e-4);
        Assert.AreEqual(0.9476, most.Hi, 1e-4);
        var all = Proportion.Wilson(10, 10);
        Assert.AreEqual(1.0, all.Hi, "exactly 1 at k = n");
        Assert.AreEqual(1 - none.Hi, all.Lo, 1e-12, "symmetric under k → n − k");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Proportion.Wilson(3, 2));
    }
}
