using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class OnlineTrainerTests
{
    private static TrainedStudents Train(Dataset data, IOnlineRule rule, int copies, int threads, int epochs, ulong seed = 3)
        => new OnlineTrainer(data, new IdentityLift(copies), rule, 21, seed, new TrainingOptions { MaxEpochs = epochs, Threads = threads }).Run();

    public static IEnumerable<object[]> Rules() =>
    [
        [new ClippedPerceptron(301)],
        [new CpReinforced(301, C: 0.5)],
        [new Sbpi(301, ThetaM: 3, Ps: 0.5)],
    ];

    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void SeededRunsAreBitIdenticalForAnyThreadCount(IOnlineRule rule)
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 301, 450, 0, 8);
        var reference = Train(data, rule, 6, 1, 40);
        foreach (int threads in new[] { 2, 3, 6, 16 })
        {
            var other = Train(data, rule, 6, threads, 40);
            Assert.AreEqual(reference.EpochsRun, other.EpochsRun, $"threads = {threads}");
            CollectionAssert.AreEqual(reference.TrainErrorCounts, other.TrainErrorCounts, $"threads = {threads}");
            CollectionAssert.AreEqual(reference.FirstSolvedEpoch, other.FirstSolvedEpoch, $"threads = {threads}");
            for (int a = 0; a < 6; a++)
                CollectionAssert.AreEqual(reference.States.Weights(a).ToArray(), other.States.Weights(a).ToArray(), $"copy {a}, threads = {threads}");
        }
    }

    /// <summary>Q = identity: copy a of an M-copy run is the same student as copy a of any other run with that seed.</summary>
    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void IdentityLiftCopiesAreIndependentStudents(IOnlineRule rule)
    {
        // Storage at α = 3 ≫ α_c: no copy can be solved, so both runs last exactly 30 epochs.
        var data = Dataset.Create(LearningTask.Storage, 301, 903, 0, 4);
        var three = Train(data, rule, 3, 1, 30);
        var five = Train(data, rule, 5, 2, 30);
        Assert.AreEqual(30, three.EpochsRun);
        Assert.AreEqual(30, five.EpochsRun);
        for (int a = 0; a < 3; a++)
        {
            CollectionAssert.AreEqual(three.States.Weights(a).ToArray(), five.States.Weights(a).ToArray(), $"copy {a}");
            Assert.AreEqual(three.TrainErrorCounts[a], five.TrainErrorCounts[a]);
        }
        CollectionAssert.AreNotEqual(three.States.Weights(0).ToArray(), three.States.Weights(1).ToArray(), "copies start from different states");
    }

    [TestMethod]
    public void TrainingStopsWhenEveryCopyIsSolved()
    {
        var data = Dataset.Create(LearningTask.Storage, 301, 30, 0, 2);
        var result = Train(data, new ClippedPerceptron(301), 4, 1, 1000);
        Assert.IsTrue(result.AllSolved);
        Assert.IsTrue(result.EpochsRun < 1000);
        Assert.AreEqual(result.EpochsRun, result.FirstSolvedEpoch.Max(), "stops at the epoch the slowest copy is solved");
        Assert.IsTrue(result.FirstSolvedEpoch.All(e => e >= 1));
    }

    [TestMethod]
    public void ZeroEpochsReportsTheInitialErrors()
    {
        var data = Dataset.Create(LearningTask.Storage, 101, 200, 0, 2);
        var result = Train(data, new ClippedPerceptron(101), 2, 1, 0);
        Assert.AreEqual(0, result.EpochsRun);
        Assert.IsTrue(result.TrainErrorCounts.All(e => e is > 50 and < 150), "random students misclassify about half");
    }

    [TestMethod]
    public void RoutedLiftsAreSentToTheRoutedTrainer()
    {
        var data = Dataset.Create(LearningTask.Storage, 11, 5, 0, 2);
        var lift = new MCoverLift(MixingKernel.Uniform(2));
        Assert.IsTrue(lift.NeedsRouting);
        Assert.ThrowsExactly<ArgumentException>(() => new OnlineTrainer(data, lift, new ClippedPerceptron(11), 3, 1, new TrainingOptions()));
    }

    [TestMethod]
    public void TheIdentityLiftRoutesEveryFactorCopyToItsOwnCopy()
    {
        var lift = new IdentityLift(3);
        Assert.IsFalse(lift.NeedsRouting);
        var (table, row) = lift.Routing(70, 2, 5, 0).For(1);
        for (int b = 0; b < 3; b++)
            for (int i = 0; i < 70; i++) Assert.AreEqual(b, table.Source(row, b, i));
    }
}
