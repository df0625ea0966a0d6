using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class CommitteeTrainerTests
{
    public static IEnumerable<object[]> Rules() =>
    [
        [new ClippedPerceptron(65)],
        [new CpReinforced(65, C: 0.5)],
        [new Sbpi(65, ThetaM: 3, Ps: 0.5)],
    ];

    /// <summary>Output error: only the wrong-signed unit with the smallest |h| gets the CP step (Mitchison–Durbin least action).</summary>
    [TestMethod]
    [DataRow(new[] { -5, -3, 7 }, 1)] [DataRow(new[] { -1, 9, -7 }, 0)] [DataRow(new[] { -9, -7, -11, 3, 1 }, 1)] [DataRow(new[] { -3, -3, 5 }, 0)]
    public void AnOutputErrorUpdatesTheLeastWrongUnitOnly(int[] stabilities, int expected)
    {
        var rng = RngStream.For(1, StreamTag.Rule);
        var (unit, action) = LeastAction.Decide(new ClippedPerceptron(65), stabilities, ref rng);
        Assert.AreEqual(expected, unit);
        Assert.AreEqual(RuleAction.Perceptron, action);
    }

    /// <summary>A right output never gets a CP step; SBPI's metaplastic step goes to the least stable right unit when Δ ≤ θ_m.</summary>
    [TestMethod]
    public void ARightOutputGetsAtMostTheMetaplasticStepOnTheLeastStableRightUnit()
    {
        var rng = RngStream.For(2, StreamTag.Rule);
        Assert.AreEqual(RuleAction.None, LeastAction.Decide(new ClippedPerceptron(65), [5, -3, 1], ref rng).Action);
        var (unit, action) = LeastAction.Decide(new Sbpi(65, ThetaM: 3, Ps: 1), [5, -3, 1, 7, -9], ref rng);
        Assert.AreEqual(2, unit, "Δ = 1 is the least stable right unit");
        Assert.AreEqual(RuleAction.Metaplastic, action);
        Assert.AreEqual(RuleAction.None, LeastAction.Decide(new Sbpi(65, ThetaM: 3, Ps: 1), [5, -3, 7], ref rng).Action, "least stable right unit above θ_m");
    }

    /// <summary>K = 1: the committee trainer is the perceptron trainer, bit for bit (same data, streams and rule calls).</summary>
    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void OneHiddenUnitReproducesThePerceptronTrainerExactly(IOnlineRule rule)
    {
        var options = new TrainingOptions { MaxEpochs = 20 };
        var perceptron = new OnlineTrainer(Dataset.Create(LearningTask.Storage, 65, 50, 0, 3), new IdentityLift(3), rule, 9, 7, options).Run();
        var committee = new CommitteeTrainer(CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(65, 1, Architecture.Tree), 50, 0, 3),
            new IdentityLift(3), rule, 9, 7, options).Run();
        Assert.AreEqual(perceptron.EpochsRun, committee.EpochsRun);
        CollectionAssert.AreEqual(perceptron.TrainErrorCounts, committee.TrainErrorCounts);
        for (int a = 0; a < 3; a++)
            for (int i = 0; i < 65; i++) Assert.AreEqual(perceptron.States.Get(a, i), committee.States.Get(a, i), $"h[{a},{i}]");
    }

    /// <summary>Q = identity through the routing (edge, word or unit granularity) reproduces independent committees bit for bit.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, Granularity.Edge)] [DataRow(Architecture.Full, Granularity.Edge)]
    [DataRow(Architecture.Tree, Granularity.Unit)] [DataRow(Architecture.Full, Granularity.Word)]
    public void IdentityKernelReproducesIndependentCommitteesExactly(Architecture arch, Granularity granularity)
    {
        foreach (var rule in Rules().Select(r => (IOnlineRule)r[0]))
        {
            var data = CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(arch == Architecture.Tree ? 195 : 65, 3, arch), 60, 0, 5);
            var options = new TrainingOptions { MaxEpochs = 15, Stop = StopRule.Budget };
            var independent = new CommitteeTrainer(data, new IdentityLift(4), rule, 9, 8, options).Run();
            var routed = new CommitteeTrainer(data, new MCoverLift(MixingKernel.Identity(4), Granularity: granularity), rule, 9, 8, options).Run();
            CollectionAssert.AreEqual(independent.TrainErrorCounts, routed.TrainErrorCounts, rule.Name);
            Assert.AreEqual(independent.TrainErrorCounts.Sum(), routed.RoutedErrorCount, "routed and base errors coincide");
            for (int u = 0; u < 12; u++)
                for (int i = 0; i < 65; i++) Assert.AreEqual(independent.States.Get(u, i), routed.States.Get(u, i), $"{rule.Name}: h[{u},{i}]");
        }
    }

    /// <summary>
    /// Unit granularity: one bijection π_{kμ} per (unit, pattern) row, shared by all coordinates of the unit, so each weight copy
    /// receives exactly one message per edge and the routed unit is one copy's whole vector.
    /// </summary>
    [TestMethod]
    public void UnitRoutingMovesWholeUnitVectorsByABijection()
    {
        int n = 131, m = 5, rows = 9;
        var table = RoutingTable.Draw(PermutationSampler.For(MixingKernel.Ring(m, 1)), n, rows, Granularity.Unit, 3, 0);
        int words = PackedSpins.WordCount(n), stride = words + 1;
        var storage = new ulong[m * stride];
        for (int a = 0; a < m; a++) Dataset.RandomVector(n, (ulong)a + 40).CopyTo(storage, a * stride);
        var routed = new ulong[words];
        int moved = 0;
        for (int row = 0; row < rows; row++)
        {
            var sources = Enumerable.Range(0, m).Select(b => table.Source(row, b, 0)).ToArray();
            CollectionAssert.AreEquivalent(Enumerable.Range(0, m).ToArray(), sources, "a bijection: one message per weight copy");
            for (int b = 0; b < m; b++)
            {
                for (int i = 0; i < n; i++) Assert.AreEqual(sources[b], table.Source(row, b, i), "one source for the whole unit");
                table.Route(row, b, storage, 0, stride, routed);
                CollectionAssert.AreEqual(storage.AsSpan(sources[b] * stride, words).ToArray(), routed, "the routed unit is copy π(b)'s vector");
                if (sources[b] != b) moved++;
            }
        }
        Assert.IsTrue(moved > 0, "a ring kernel does route units across copies");
    }

    /// <summary>Permutations drawn on the fly (hashed) give the stored table's training bit for bit, quenched and annealed.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge, Schedule.Annealed)] [DataRow(Granularity.Unit, Schedule.Quenched)] [DataRow(Granularity.Unit, Schedule.Annealed)]
    public void HashedRoutingEqualsTheStoredTable(Granularity granularity, Schedule schedule)
    {
        var data = CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(65, 3, Architecture.Full), 50, 0, 2);
        var options = new TrainingOptions { MaxEpochs = 6, Stop = StopRule.Budget };
        var rule = new Sbpi(65, ThetaM: 3, Ps: 0.5);
        MCoverLift Lift(RoutingStorage storage) => new(MixingKernel.Ring(4, 1), schedule, granularity, Storage: storage);
        var stored = new CommitteeTrainer(data, Lift(RoutingStorage.Stored), rule, 9, 4, options).Run();
        var hashed = new CommitteeTrainer(data, Lift(RoutingStorage.Hashed), rule, 9, 4, options).Run();
        Assert.AreEqual(stored.RoutedErrorCount, hashed.RoutedErrorCount);
        for (int u = 0; u < 12; u++)
            for (int i = 0; i < 65; i++) Assert.AreEqual(stored.States.Get(u, i), hashed.States.Get(u, i), $"h[{u},{i}]");
    }

    /// <summary>A non-identity lift couples the committees: the trained states differ from independent training.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge)] [DataRow(Granularity.Unit)]
    public void PatternDependentRoutingCouplesTheCopies(Granularity granularity)
    {
        var data = CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(195, 3, Architecture.Tree), 60, 0, 5);
        var options = new TrainingOptions { MaxEpochs = 10, Stop = StopRule.Budget };
        var rule = new ClippedPerceptron(65);
        var independent = new CommitteeTrainer(data, new IdentityLift(4), rule, 9, 8, options).Run();
        var routed = new CommitteeTrainer(data, new MCoverLift(MixingKernel.Uniform(4), Granularity: granularity), rule, 9, 8, options).Run();
        int differ = 0;
        for (int u = 0; u < 12; u++)
            for (int i = 0; i < 65; i++) if (independent.States.Get(u, i) != routed.States.Get(u, i)) differ++;
        Assert.IsTrue(differ > 100, $"{differ} hidden states differ");
    }

    /// <summary>Storage is learnable: a K = 3 tree committee at N = 297, α = 0.3 is solved by least-action SBPI and CP+R.</summary>
    [TestMethod]
    public void LeastActionSolvesTreeCommitteeStorageAtAlphaPointThree()
    {
        var shape = new CommitteeShape(297, 3, Architecture.Tree);
        foreach (IOnlineRule rule in new IOnlineRule[] { new Sbpi(99), new CpReinforced(99, C: 0.08) })
            for (ulong seed = 1; seed <= 3; seed++)
            {
                var data = CommitteeDataset.Create(LearningTask.Storage, shape, 89, 0, seed);
                var result = new CommitteeTrainer(data, new IdentityLift(2), rule, 19, seed, new TrainingOptions { MaxEpochs = 3000 }).Run();
                Assert.IsTrue(result.AllSolved, $"{rule.Name}, seed {seed}: errors {string.Join(",", result.TrainErrorCounts)}");
            }
    }
}
