using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class MlpTrainerAllocationTests
{
    private static long BytesOfLearn(MlpDataset data, MlpShape shape, int epochs, Granularity? granularity)
    {
        var routing = granularity is { } g ? new MlpRouting(shape, PermutationSampler.For(MixingKernel.Uniform(3)), g, Schedule.Annealed, 5) : null;
        var trainer = new MlpTrainer(data, shape, new SteUpdate(0.5f), 3, routing, 7,
            new MlpTrainingOptions { Epochs = epochs, Batch = 16, Threads = 1, StopWhenSolved = false, MeasureErrors = true, TestEveryEpoch = true });
        long before = GC.GetAllocatedBytesForCurrentThread();
        trainer.Learn();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>At one thread an epoch (every minibatch's forward, backward, routing and update, and the training and test error
    /// passes) allocates nothing: a run of 6 epochs allocates what a run of 2 does, up to the result's per-epoch history rows
    /// (two arrays of M doubles per epoch, built once at the end) — the trainer allocated kilobytes per epoch before
    /// (a predicted-class array and a copy of the weights per error pass and copy).</summary>
    [TestMethod]
    [DataRow(null)] [DataRow(Granularity.Unit)] [DataRow(Granularity.Edge)]
    public void EpochsAllocateNothingAtOneThread(Granularity? granularity)
    {
        var data = MlpDataset.TeacherStudent(new MlpShape(70, [3], 3), 96, 40, 2);
        var shape = new MlpShape(70, [9, 5], 3);
        BytesOfLearn(data, shape, 2, granularity); // first calls: JIT, static caches
        long two = BytesOfLearn(data, shape, 2, granularity), six = BytesOfLearn(data, shape, 6, granularity);
        long perEpoch = (six - two) / 4, historyRows = 2 * (24 + 8 * 3) + 2 * 8;
        Assert.IsLessThanOrEqualTo(historyRows + 64, perEpoch, $"{perEpoch} bytes per epoch");
    }

    private static long BytesOfOnlineLearn(MlpDataset data, MlpShape shape, int epochs, Granularity? granularity)
    {
        var routing = granularity is { } g ? new MlpRouting(shape, PermutationSampler.For(MixingKernel.Uniform(3)), g, Schedule.Annealed, 5) : null;
        IOnlineRule[] rules = [new CpReinforced(shape.FanIn(0), C: 0.5), new CpReinforced(shape.FanIn(1), C: 0.5)];
        var trainer = new MlpOnlineTrainer(data, shape, rules, [7, 3], 3, routing, 7, epochs, StopRule.Budget);
        long before = GC.GetAllocatedBytesForCurrentThread();
        trainer.Learn();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The online least-action trainer (cp, cpr, sbpi; single-threaded): an epoch (every sample's forward passes,
    /// trial flips, routing and steps, and the training and test error passes) allocates nothing either, up to the same
    /// per-epoch history rows built at the end — it allocated a predictor, a class array and an error array per error pass.</summary>
    [TestMethod]
    [DataRow(null)] [DataRow(Granularity.Unit)] [DataRow(Granularity.Edge)]
    public void OnlineEpochsAllocateNothing(Granularity? granularity)
    {
        var data = MlpDataset.TeacherStudent(new MlpShape(70, [3], 1), 96, 40, 2);
        var shape = new MlpShape(70, [9, 5], 1);
        BytesOfOnlineLearn(data, shape, 2, granularity); // first calls: JIT, static caches
        long two = BytesOfOnlineLearn(data, shape, 2, granularity), six = BytesOfOnlineLearn(data, shape, 6, granularity);
        long perEpoch = (six - two) / 4, historyRows = 2 * (24 + 8 * 3) + 2 * 8;
        Assert.IsLessThanOrEqualTo(historyRows + 64, perEpoch, $"{perEpoch} bytes per epoch");
    }
}
