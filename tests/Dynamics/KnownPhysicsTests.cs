using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Running;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>The rules reproduce the known physics of binary perceptrons (docs/physics/rules.md#known-physics-the-tests-check).</summary>
[TestClass]
public sealed class KnownPhysicsTests
{
    private static OnlineRuleSpec Online(string rule) => rule == "sbpi" ? new SbpiRule() : new CprRule();

    private static IEnumerable<PointResult> Runs(RunConfig config, int seeds)
        => Enumerable.Range(1, seeds).AsParallel().AsOrdered().Select(s => PointRunner.Run(config with { Seed = (ulong)s }));

    /// <summary>Storage at α = 0.3, far below α_c ≈ 0.833 (Krauth–Mézard 1989): plain CP finds solutions.</summary>
    [TestMethod]
    public void CpSolvesStorageAtAlphaPointThree()
    {
        var config = new RunConfig { Data = new StorageData { Alpha = 0.3 }, Rule = new CpRule { Epochs = 2000 }, Copies = 4 };
        foreach (var r in Runs(config, 3)) Assert.IsTrue(r.Solved, $"seed {r.Config.Seed}: train error {r.Observables.TrainError}");
    }

    /// <summary>SBPI solves storage at α = 0.6 (Baldassi et al., PNAS 2007, Fig. 2), where plain CP does not.</summary>
    [TestMethod]
    public void SbpiSolvesStorageAtAlphaPointSixWhereCpDoesNot()
    {
        var sbpi = new RunConfig { Data = new StorageData { Alpha = 0.6 }, Rule = new SbpiRule { Epochs = 3000 }, Copies = 2 };
        foreach (var r in Runs(sbpi, 3)) Assert.IsTrue(r.Solved, $"SBPI seed {r.Config.Seed}: train error {r.Observables.TrainError}");
        var cp = PointRunner.Run(sbpi with { Rule = new CpRule { Epochs = 300 } });
        Assert.IsTrue(cp.Observables.TrainError > 0.05, $"CP train error {cp.Observables.TrainError}");
    }

    /// <summary>
    /// Teacher–student at α = 3, above the perfect-learning transition α ≈ 1.245: CP+R and SBPI find the teacher
    /// (R = 1), while plain CP stalls well below (Baldassi, J. Stat. Phys. 2009).
    /// </summary>
    [TestMethod]
    [DataRow("cpr")]
    [DataRow("sbpi")]
    public void ReinforcedRulesFindTheTeacherAtAlphaThree(string rule)
    {
        var config = new RunConfig { Data = new TeacherStudentData { Alpha = 3, TestPatterns = 500 }, Rule = Online(rule) with { Epochs = 2000 }, Copies = 2 };
        foreach (var r in Runs(config, 2))
        {
            Assert.AreEqual(1.0, r.Observables.OverlapR, $"{rule} seed {r.Config.Seed}");
            Assert.AreEqual(0.0, r.Observables.EpsG);
            Assert.AreEqual(0.0, r.Observables.TestError);
        }
    }

    [TestMethod]
    public void PlainCpStallsInTeacherStudentAtAlphaThree()
    {
        var config = new RunConfig { Data = new TeacherStudentData { Alpha = 3, TestPatterns = 500 }, Rule = new CpRule { Epochs = 300 }, Copies = 2 };
        foreach (var r in Runs(config, 2))
        {
            Assert.IsTrue(r.Observables.OverlapR < 0.9, $"CP R = {r.Observables.OverlapR}");
            Assert.IsFalse(r.Solved);
        }
    }

    /// <summary>Clipped Hebb: R = erf(√(α/π)) for large N. Tolerance: 4 standard errors of the mean of R over
    /// 8 seeds (sd of R ≈ √((1 − R²)/N)) plus 0.01 for finite-size bias.</summary>
    [TestMethod]
    [DataRow(0.5)] [DataRow(1.0)] [DataRow(2.0)] [DataRow(4.0)]
    public void ClippedHebbOverlapIsErfOfRootAlphaOverPi(double alpha)
    {
        var config = new RunConfig { Data = new TeacherStudentData { Alpha = alpha, TestPatterns = 0 }, Rule = new HebbRule(), Copies = 1 };
        var r = Runs(config, 8).Select(x => x.Observables.OverlapR).ToArray();
        double theory = MathNet.Numerics.SpecialFunctions.Erf(Math.Sqrt(alpha / Math.PI));
        double tolerance = 4 * Math.Sqrt((1 - theory * theory) / 1001) / Math.Sqrt(r.Length) + 0.01;
        Assert.AreEqual(theory, r.Average(), tolerance, $"α = {alpha}");
    }

    /// <summary>ε_g = arccos(R)/π: the measured test error of a student agrees with its overlap.</summary>
    [TestMethod]
    [DataRow("hebb", 1.0)]
    [DataRow("cp", 2.0)]
    public void TestErrorIsArccosROverPi(string rule, double alpha)
    {
        var config = new RunConfig { Data = new TeacherStudentData { Alpha = alpha, TestPatterns = 20000 }, Rule = rule == "hebb" ? new HebbRule() : new CpRule { Epochs = 100 }, Copies = 4 };
        var r = PointRunner.Run(config);
        foreach (var c in r.Observables.Copies)
        {
            Assert.AreEqual(OrderParameterMeter.GeneralizationError(c.OverlapR), c.EpsG, 1e-15);
            Assert.AreEqual(c.EpsG, c.TestError, 4 * Math.Sqrt(0.25 / 20000) + 0.01, $"R = {c.OverlapR}");
        }
    }
}
