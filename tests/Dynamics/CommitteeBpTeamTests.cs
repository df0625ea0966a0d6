using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>
/// Committee BP on a routed M-cover spread over a team of threads (CommitteeBp.Team.cs): the fields, messages' changes and
/// whole runs equal the one-thread sweep bit for bit, on 2 and 3 threads, for tree and fully connected committees and the
/// perceptron (K = 1), quenched and annealed, stored and hashed routing, exact and expanded messages, rBP and fBP.
/// </summary>
[TestClass]
public sealed class CommitteeBpTeamTests
{
    /// <summary>Sweep by sweep, every field and every copy's largest change equal the one-thread sweep's bit for bit.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, 3, Schedule.Quenched, BpAccuracy.Expand, false, RoutingStorage.Stored)]
    [DataRow(Architecture.Tree, 3, Schedule.Annealed, BpAccuracy.Exact, true, RoutingStorage.Stored)]
    [DataRow(Architecture.Tree, 3, Schedule.Quenched, BpAccuracy.Exact, true, RoutingStorage.Hashed)]
    [DataRow(Architecture.Tree, 3, Schedule.Annealed, BpAccuracy.Expand, true, RoutingStorage.Hashed)]
    [DataRow(Architecture.Full, 3, Schedule.Quenched, BpAccuracy.Exact, false, RoutingStorage.Stored)]
    [DataRow(Architecture.Full, 3, Schedule.Annealed, BpAccuracy.Expand, true, RoutingStorage.Stored)]
    [DataRow(Architecture.Tree, 1, Schedule.Quenched, BpAccuracy.Exact, true, RoutingStorage.Stored)]
    [DataRow(Architecture.Tree, 1, Schedule.Annealed, BpAccuracy.Expand, false, RoutingStorage.Hashed)]
    public void TeamSweepsEqualTheSequentialSweep(Architecture arch, int hidden, Schedule schedule, BpAccuracy accuracy, bool focusing, RoutingStorage storage)
    {
        var shape = new CommitteeShape(arch == Architecture.Tree ? 63 * hidden : 41, hidden, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 40, 0, 11);
        var lift = new MCoverLift(MixingKernel.Uniform(4), schedule, Storage: storage);
        bool breakSymmetry = arch == Architecture.Full;
        using var one = new CommitteeBp(shape, data.Inputs, data.Labels, lift, 5, 0.2, accuracy, 1, breakSymmetry, minTeamEdges: 0);
        using var two = new CommitteeBp(shape, data.Inputs, data.Labels, lift, 5, 0.2, accuracy, 2, breakSymmetry, minTeamEdges: 0);
        using var three = new CommitteeBp(shape, data.Inputs, data.Labels, lift, 5, 0.2, accuracy, 3, breakSymmetry, minTeamEdges: 0);
        Assert.AreEqual(1, one.TeamSize);
        Assert.AreEqual(2, two.TeamSize);
        Assert.AreEqual(3, three.TeamSize);
        for (int t = 0; t < 8; t++)
        {
            foreach (var bp in new[] { one, two, three })
            {
                bp.Sweep(t);
                if (focusing) bp.Focus(0.05 * (t + 1), 1 + t);
                else bp.Reinforce(Math.Min(1, 0.5 + 0.1 * t));
            }
            AssertSameState(one, two, 4, shape.Hidden * shape.UnitInputs, $"sweep {t}, 2 threads");
            AssertSameState(one, three, 4, shape.Hidden * shape.UnitInputs, $"sweep {t}, 3 threads");
        }
    }

    /// <summary>Below the edge threshold, with one thread or one copy, there is no team (the sequential sweep runs).</summary>
    [TestMethod]
    public void SmallOrSingleThreadedSweepsRunWithoutATeam()
    {
        var shape = new CommitteeShape(63, 3, Architecture.Tree);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 10, 0, 3);
        var cover = new MCoverLift(MixingKernel.Uniform(4));
        int edges = 4 * shape.Hidden * shape.UnitInputs;
        using var small = new CommitteeBp(shape, data.Inputs, data.Labels, cover, 1, 0, threads: 2, minTeamEdges: edges + 1);
        using var enough = new CommitteeBp(shape, data.Inputs, data.Labels, cover, 1, 0, threads: 8, minTeamEdges: edges);
        using var single = new CommitteeBp(shape, data.Inputs, data.Labels, cover, 1, 0, threads: 1, minTeamEdges: 0);
        using var identity = new CommitteeBp(shape, data.Inputs, data.Labels, new IdentityLift(4), 1, 0, threads: 2, minTeamEdges: 0);
        Assert.AreEqual(1, small.TeamSize);
        Assert.AreEqual(4, enough.TeamSize, "at most one thread per copy");
        Assert.AreEqual(1, single.TeamSize);
        Assert.AreEqual(1, identity.TeamSize, "the identity lift spreads its copies instead");
    }

    /// <summary>A team sweep of a stored quenched routing allocates nothing on the calling thread (worker 0) once warm.</summary>
    [TestMethod]
    [DataRow(BpAccuracy.Exact)]
    [DataRow(BpAccuracy.Expand)]
    public void TeamSweepsDoNotAllocate(BpAccuracy accuracy)
    {
        var shape = new CommitteeShape(189, 3, Architecture.Tree);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 40, 0, 2);
        using var bp = new CommitteeBp(shape, data.Inputs, data.Labels, new MCoverLift(MixingKernel.Uniform(4), Storage: RoutingStorage.Stored), 3, 0.2, accuracy,
            threads: 2, minTeamEdges: 0);
        Assert.AreEqual(2, bp.TeamSize);
        for (int t = 0; t < 2; t++) { bp.Sweep(t); bp.Reinforce(0.5); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 2; t < 6; t++) { bp.Sweep(t); bp.Reinforce(0.5); }
        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated by four team sweeps");
    }

    /// <summary>Whole rBP and fBP runs (iterations, marginals, signs, routed errors) on the uniform 4-cover equal the one-thread run on 2 and 3 threads.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, Schedule.Quenched, BpAccuracy.Expand, false)]
    [DataRow(Architecture.Tree, Schedule.Annealed, BpAccuracy.Exact, true)]
    [DataRow(Architecture.Full, Schedule.Quenched, BpAccuracy.Exact, true)]
    [DataRow(Architecture.Full, Schedule.Annealed, BpAccuracy.Expand, false)]
    public void RoutedRunsAreIndependentOfTheThreadCount(Architecture arch, Schedule schedule, BpAccuracy accuracy, bool focusing)
    {
        var shape = new CommitteeShape(arch == Architecture.Tree ? 189 : 41, 3, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, arch == Architecture.Tree ? 100 : 50, 0, 7);
        var options = new MessagePassingOptions
        {
            MaxIterations = 25, Tolerance = 1e-4, Damping = 0.2, Accuracy = accuracy,
            Reinforcement = focusing ? 0 : 0.6, ReinforcementStep = focusing ? 0 : 0.02,
            Focusing = focusing ? new FocusingSchedule(FocusingProtocol.Standard, 0.1, 1, 1) : null,
        };
        var lift = new MCoverLift(MixingKernel.Uniform(4), schedule);
        int was = CommitteeBp.MinTeamEdges;
        try
        {
            CommitteeBp.MinTeamEdges = 0; // a team even at this size (results do not depend on it)
            MessagePassingResult Run(int threads) => MessagePassingResult.From(CommitteeBeliefPropagation.Learn(shape, data.Inputs, data.Labels, lift, 9, options, null, threads));
            var one = Run(1);
            Assert.IsGreaterThan(1, one.Iterations, "more than one sweep is compared");
            AssertSameRun(one, Run(2), "2 threads");
            AssertSameRun(one, Run(3), "3 threads");
        }
        finally { CommitteeBp.MinTeamEdges = was; }
    }

    private static void AssertSameState(CommitteeBp a, CommitteeBp b, int copies, int edges, string what)
    {
        for (int c = 0; c < copies; c++)
        {
            Assert.AreEqual(edges, a.Field(c).Length);
            for (int j = 0; j < edges; j++)
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(a.Field(c)[j]), BitConverter.DoubleToInt64Bits(b.Field(c)[j]), $"{what}: field {j} of copy {c}");
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(a.Change[c]), BitConverter.DoubleToInt64Bits(b.Change[c]), $"{what}: change of copy {c}");
        }
    }

    private static void AssertSameRun(MessagePassingResult a, MessagePassingResult b, string what)
    {
        Assert.AreEqual(a.Iterations, b.Iterations, what);
        Assert.AreEqual(a.RoutedErrorCount, b.RoutedErrorCount, what);
        CollectionAssert.AreEqual(a.Converged, b.Converged, what);
        for (int c = 0; c < a.Means.Length; c++)
        {
            CollectionAssert.AreEqual(a.Means[c].Select(BitConverter.DoubleToInt64Bits).ToArray(), b.Means[c].Select(BitConverter.DoubleToInt64Bits).ToArray(), $"{what}: copy {c} marginals");
            CollectionAssert.AreEqual(a.Weights[c], b.Weights[c], $"{what}: copy {c} weights");
        }
    }
}
