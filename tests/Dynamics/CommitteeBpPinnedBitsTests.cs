using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>
/// Lifted committee BP runs keep the bits of the code before the routed sweep had a team (commit b7a99b8, one thread):
/// a fingerprint (FNV-1a over iterations, routed errors, the marginals' bits and the signs) pinned from that code, which the
/// one-thread and the team runs must both give. Pinned on x86-64 with Vector512 (.NET 10): other lanes or math libraries
/// may round differently, then re-pin from that commit. The expanded rows (<see cref="BpAccuracy.Expand"/>) were re-pinned
/// when the polarised units' exact message moved to float32 lanes (ExpandedFactor.Exact.cs; the one change of numbers since,
/// the other rows kept theirs): their runs have polarised units.
/// </summary>
[TestClass]
public sealed class CommitteeBpPinnedBitsTests
{
    /// <summary>Uniform 4-cover, rBP and fBP, exact and expanded messages, tree, fully connected and perceptron (K = 1).</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, 3, Schedule.Quenched, BpAccuracy.Expand, false, 0x87067D534B4252F0UL)]
    [DataRow(Architecture.Tree, 3, Schedule.Annealed, BpAccuracy.Exact, true, 0x613BD17689AFDD01UL)]
    [DataRow(Architecture.Full, 3, Schedule.Quenched, BpAccuracy.Exact, false, 0x36ECDDFABFD7A4C5UL)]
    [DataRow(Architecture.Full, 3, Schedule.Annealed, BpAccuracy.Expand, true, 0xCBB0972967D80A51UL)]
    [DataRow(Architecture.Tree, 1, Schedule.Annealed, BpAccuracy.Exact, false, 0xB1C250CFE3FFDA70UL)]
    public void LiftedRunsKeepTheirBits(Architecture arch, int hidden, Schedule schedule, BpAccuracy accuracy, bool focusing, ulong pinned)
        => Check(arch, hidden, schedule, accuracy, focusing, RoutingStorage.Auto, pinned);

    /// <summary>The same runs on a hashed routing (drawn pattern by pattern), pinned from the code before the routed sweep stored
    /// its sources (commit 9c42086, one thread): the same permutations as the stored table, so the same bits.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, 3, Schedule.Quenched, BpAccuracy.Expand, false, 0x87067D534B4252F0UL)]
    [DataRow(Architecture.Tree, 3, Schedule.Annealed, BpAccuracy.Exact, true, 0x613BD17689AFDD01UL)]
    [DataRow(Architecture.Full, 3, Schedule.Annealed, BpAccuracy.Expand, true, 0xCBB0972967D80A51UL)]
    public void HashedRoutingRunsKeepTheirBits(Architecture arch, int hidden, Schedule schedule, BpAccuracy accuracy, bool focusing, ulong pinned)
        => Check(arch, hidden, schedule, accuracy, focusing, RoutingStorage.Hashed, pinned);

    private static void Check(Architecture arch, int hidden, Schedule schedule, BpAccuracy accuracy, bool focusing, RoutingStorage storage, ulong pinned)
    {
        var shape = new CommitteeShape(arch == Architecture.Tree ? 63 * hidden : 41, hidden, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, arch == Architecture.Tree ? 30 * hidden : 50, 0, 13);
        var options = new MessagePassingOptions
        {
            MaxIterations = 15, Tolerance = 1e-4, Damping = 0.3, Accuracy = accuracy,
            Reinforcement = focusing ? 0 : 0.6, ReinforcementStep = focusing ? 0 : 0.02,
            Focusing = focusing ? new FocusingSchedule(FocusingProtocol.Standard, 0.1, 1, 1) : null,
        };
        var lift = new MCoverLift(MixingKernel.Uniform(4), schedule, Storage: storage);
        ulong Run(int threads) => Fingerprint(MessagePassingResult.From(CommitteeBeliefPropagation.Learn(shape, data.Inputs, data.Labels, lift, 21, options, null, threads)));
        ulong one = Run(1);
        Assert.AreEqual(pinned, one, $"one thread: 0x{one:X16}");
        int was = CommitteeBp.MinTeamEdges;
        try
        {
            CommitteeBp.MinTeamEdges = 0; // a team even at this size
            Assert.AreEqual(pinned, Run(2), "two threads");
        }
        finally { CommitteeBp.MinTeamEdges = was; }
    }

    /// <summary>A tree committee with K = 65 units (more unit rows per pattern than a hashed routing's default ring of 64
    /// tables): hashed routing gives the stored table's run bit for bit, quenched and annealed.</summary>
    [TestMethod]
    [DataRow(Schedule.Quenched)]
    [DataRow(Schedule.Annealed)]
    public void ManyUnitsOnAHashedRoutingEqualTheStoredTable(Schedule schedule)
    {
        var shape = new CommitteeShape(65 * 5, 65, Architecture.Tree);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 60, 0, 14);
        var options = new MessagePassingOptions { MaxIterations = 4, Tolerance = 1e-4, Damping = 0.3, Reinforcement = 0.6, ReinforcementStep = 0.02 };
        var stored = new MCoverLift(MixingKernel.Uniform(3), schedule, Storage: RoutingStorage.Stored);
        ulong Run(MCoverLift lift) => Fingerprint(MessagePassingResult.From(CommitteeBeliefPropagation.Learn(shape, data.Inputs, data.Labels, lift, 22, options, null, 1)));
        Assert.AreEqual(Run(stored), Run(stored with { Storage = RoutingStorage.Hashed }));
    }

    private static ulong Fingerprint(MessagePassingResult r)
    {
        ulong h = 14695981039346656037UL;
        void Add(ulong v) { for (int s = 0; s < 64; s += 8) { h ^= (v >> s) & 0xFF; h *= 1099511628211UL; } }
        Add((ulong)r.Iterations);
        Add((ulong)r.RoutedErrorCount);
        foreach (var copy in r.Means) foreach (double m in copy) Add((ulong)BitConverter.DoubleToInt64Bits(m));
        foreach (var copy in r.Weights) foreach (ulong w in copy) Add(w);
        return h;
    }
}
