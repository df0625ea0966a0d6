using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class CouplingTests
{
    private static TrainedStudents Train(Dataset data, IOnlineRule rule, int copies, int threads, int epochs, CopyCoupling coupling, ulong seed = 3)
        => new OnlineTrainer(data, new IdentityLift(copies), rule, 21, seed, new TrainingOptions { MaxEpochs = epochs, Threads = threads, Stop = StopRule.Budget }, coupling).Run();

    private static ulong[][] Weights(TrainedStudents s) => Enumerable.Range(0, s.States.Copies).Select(a => s.States.Weights(a).ToArray()).ToArray();

    public static IEnumerable<object[]> Couplings() =>
    [
        [new ReplicatedCoupling(0.01, 0.002)],
        [new OutputConsensusCoupling(0.5)],
    ];

    /// <summary>A coupling that never fires (γ = Δγ = 0, λ = 0) is M independent students, bit for bit.</summary>
    [TestMethod]
    public void SilentCouplingsReproduceIndependentCopies()
    {
        var data = Dataset.Create(LearningTask.Storage, 201, 160, 0, 5);
        var rule = new CpReinforced(201, C: 0.5);
        var free = Weights(Train(data, rule, 4, 1, 25, CopyCoupling.None));
        foreach (var silent in new CopyCoupling[] { new ReplicatedCoupling(0, 0), new OutputConsensusCoupling(0) })
        {
            var coupled = Weights(Train(data, rule, 4, 2, 25, silent));
            for (int a = 0; a < 4; a++) CollectionAssert.AreEqual(free[a], coupled[a], $"{silent.Name}, copy {a}");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Couplings))]
    public void CoupledRunsAreBitIdenticalForAnyThreadCount(CopyCoupling coupling)
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 201, 300, 0, 6);
        var rule = new Sbpi(201, ThetaM: 3, Ps: 0.5);
        var reference = Weights(Train(data, rule, 6, 1, 30, coupling));
        foreach (int threads in new[] { 2, 3, 6 })
        {
            var other = Weights(Train(data, rule, 6, threads, 30, coupling));
            for (int a = 0; a < 6; a++) CollectionAssert.AreEqual(reference[a], other[a], $"{coupling.Name}, copy {a}, threads = {threads}");
        }
    }

    /// <summary>The replicated coupling with γ_t → 1 collapses the copies onto one student (q → 1); uncoupled copies stay apart.</summary>
    [TestMethod]
    public void ReplicatedCouplingCollapsesTheCopies()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 301, 450, 0, 7);
        var rule = new CpReinforced(301, C: 0.3);
        double Diversity(CopyCoupling c) => OrderParameterMeter.Measure(data, Weights(Train(data, rule, 6, 2, 40, c))).Diversity;
        double free = Diversity(CopyCoupling.None), coupled = Diversity(new ReplicatedCoupling(0.001, 0.002));
        Assert.IsGreaterThan(0.1, free, "independent CP+R students at α = 1.5, N = 301 differ");
        Assert.AreEqual(0, coupled, 1e-12, "γ reaches 0.08 per presentation: every copy sits on the center");
    }

    /// <summary>A rule that never acts: what remains is the coupling alone.</summary>
    private sealed record Idle : IOnlineRule
    {
        public string Name => "idle";
        public double Margin => 0;
        public RuleAction Decide(int stability, ref MCoverPhysics.Models.Random.RngStream rng) => RuleAction.None;
    }

    /// <summary>
    /// Output consensus alone is majority dynamics on the ring: neighbours' outputs on the training patterns, ~50%
    /// alike for random initial students, come to agree. (With a rule it competes with the labels where neighbours are wrong.)
    /// </summary>
    [TestMethod]
    public void OutputConsensusMakesNeighboursAgree()
    {
        var data = Dataset.Create(LearningTask.Storage, 201, 300, 0, 9);
        double Agreement(CopyCoupling c, int epochs)
        {
            var w = Weights(Train(data, new Idle(), 5, 1, epochs, c));
            int agree = 0;
            for (int a = 0; a < 5; a++)
                for (int mu = 0; mu < data.P; mu++)
                    if (Math.Sign(PackedSpins.Dot(w[a], data.Patterns.Row(mu), data.N)) == Math.Sign(PackedSpins.Dot(w[(a + 1) % 5], data.Patterns.Row(mu), data.N))) agree++;
            return agree / (5.0 * data.P);
        }
        double start = Agreement(CopyCoupling.None, 10);
        Assert.AreEqual(0.5, start, 0.05, "independent random students agree by chance");
        Assert.AreEqual(start, Agreement(new OutputConsensusCoupling(0), 10), "λ = 0 never pulls");
        double after = Agreement(new OutputConsensusCoupling(1), 10);
        Assert.IsGreaterThan(0.8, after, $"neighbour agreement after 10 epochs of consensus: {after:F3}");
    }

    private static TrainedStudents TrainCommittee(CommitteeDataset data, IOnlineRule rule, int copies, int epochs, CopyCoupling coupling)
        => new CommitteeTrainer(data, new IdentityLift(copies), rule, 9, 4, new TrainingOptions { MaxEpochs = epochs, Stop = StopRule.Budget }, coupling).Run();

    /// <summary>Committees: a silent coupling is independent copies bit for bit; γ_t → 1 collapses every hidden unit onto the center.</summary>
    [TestMethod]
    public void CommitteeCouplingsAreSilentAtZeroAndCollapseAtFullStrength()
    {
        var data = CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(195, 3, Architecture.Tree), 100, 0, 5);
        var rule = new CpReinforced(65, C: 0.5);
        ulong[][] Units(TrainedStudents s) => Enumerable.Range(0, s.States.Copies).Select(u => s.States.Weights(u).ToArray()).ToArray();
        var free = Units(TrainCommittee(data, rule, 4, 20, CopyCoupling.None));
        foreach (var silent in new CopyCoupling[] { new ReplicatedCoupling(0, 0), new OutputConsensusCoupling(0) })
        {
            var coupled = Units(TrainCommittee(data, rule, 4, 20, silent));
            for (int u = 0; u < 12; u++) CollectionAssert.AreEqual(free[u], coupled[u], $"{silent.Name}, unit slab {u}");
        }
        var collapsed = Units(TrainCommittee(data, rule, 4, 20, new ReplicatedCoupling(0.5, 0.1)));
        for (int a = 1; a < 4; a++)
            for (int k = 0; k < 3; k++) CollectionAssert.AreEqual(collapsed[k], collapsed[a * 3 + k], $"copy {a}, unit {k} sits on copy 0's");
        Assert.IsFalse(Enumerable.Range(0, 3).All(k => free[k].SequenceEqual(free[3 + k])), "uncoupled copies differ");
    }

    /// <summary>A K = 1 committee is a perceptron: both trainers take the same coupled steps, bit for bit.</summary>
    [TestMethod]
    [DynamicData(nameof(Couplings))]
    public void SingleUnitCommitteeCouplingsEqualThePerceptrons(CopyCoupling coupling)
    {
        var rule = new CpReinforced(65, C: 0.5);
        var options = new TrainingOptions { MaxEpochs = 15, Stop = StopRule.Budget };
        var perceptron = new OnlineTrainer(Dataset.Create(LearningTask.Storage, 65, 80, 0, 3), new IdentityLift(4), rule, 9, 7, options, coupling).Run();
        var committee = new CommitteeTrainer(CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(65, 1, Architecture.Tree), 80, 0, 3),
            new IdentityLift(4), rule, 9, 7, options, coupling).Run();
        for (int a = 0; a < 4; a++)
            CollectionAssert.AreEqual(perceptron.States.Weights(a).ToArray(), committee.States.Weights(a).ToArray(), $"{coupling.Name}, copy {a}");
    }

    /// <summary>
    /// Committee output consensus alone (no rule step) drives neighbouring copies' outputs together, at a load (60 patterns on
    /// units of 65 inputs) the units can follow; at 200 patterns the least-action steps churn (agreement ≈ 0.6).
    /// </summary>
    [TestMethod]
    public void CommitteeOutputConsensusMakesNeighboursAgree()
    {
        var data = CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(195, 3, Architecture.Tree), 60, 0, 6);
        double Agreement(CopyCoupling c)
        {
            var s = TrainCommittee(data, new Idle(), 5, 10, c);
            var storage = s.States.WeightStorage(out int first, out int stride);
            int agree = 0;
            Span<int> f = stackalloc int[3], g = stackalloc int[3];
            for (int a = 0; a < 5; a++)
                for (int mu = 0; mu < data.P; mu++)
                {
                    data.Shape.Fields(storage, first + a * 3 * stride, stride, data.Inputs, mu, f);
                    data.Shape.Fields(storage, first + (a + 1) % 5 * 3 * stride, stride, data.Inputs, mu, g);
                    if (CommitteeShape.Output(f) == CommitteeShape.Output(g)) agree++;
                }
            return agree / (5.0 * data.P);
        }
        Assert.AreEqual(0.5, Agreement(CopyCoupling.None), 0.06);
        double after = Agreement(new OutputConsensusCoupling(1));
        Assert.IsGreaterThan(0.8, after, $"agreement {after:F3}");
    }

    /// <summary>
    /// Output consensus with a real rule, against a plain re-statement of couplings.md: per pattern the copies take turns;
    /// copy a makes its CP step, and if its output <em>after</em> that step disagrees with its ring neighbours' majority τ,
    /// it steps toward τ (λ = 1). One epoch from the trainer's own initial states, pattern order and streams.
    /// </summary>
    [TestMethod]
    public void OutputConsensusFollowsTheDocumentedStepOrder()
    {
        const ulong seed = 12;
        var data = Dataset.Create(LearningTask.Storage, 101, 150, 0, 4);
        var rule = new ClippedPerceptron(101);
        var options = new TrainingOptions { MaxEpochs = 0, Stop = StopRule.Budget };
        var reference = new OnlineTrainer(data, new IdentityLift(3), rule, 7, seed, options).Run().States; // the initial states
        var trained = new OnlineTrainer(data, new IdentityLift(3), rule, 7, seed, options with { MaxEpochs = 1 }, new OutputConsensusCoupling(1)).Run().States;
        var order = Enumerable.Range(0, data.P).ToArray();
        var orders = MCoverPhysics.Models.Random.RngStream.For(seed, MCoverPhysics.Models.Random.StreamTag.PatternOrder);
        orders.Shuffle(order);
        int Dot(int a, int mu) => PackedSpins.Dot(reference.Weights(a), data.Patterns.Row(mu), data.N);
        int consensusSteps = 0;
        foreach (int mu in order)
        {
            var xi = data.Patterns.Row(mu);
            int sigma = data.Labels[mu];
            for (int a = 0; a < 3; a++)
            {
                if (sigma * Dot(a, mu) <= 0) reference.Apply(a, xi, new MCoverPhysics.Dynamics.States.PerceptronMask(sigma));
                int tau = Math.Sign(Math.Sign(Dot((a + 2) % 3, mu)) + Math.Sign(Dot((a + 1) % 3, mu)));
                if (tau * Dot(a, mu) < 0)
                {
                    reference.Apply(a, xi, new MCoverPhysics.Dynamics.States.PerceptronMask(tau));
                    consensusSteps++;
                }
            }
        }
        Assert.IsGreaterThan(10, consensusSteps, "the epoch exercises the consensus step");
        for (int a = 0; a < 3; a++) CollectionAssert.AreEqual(reference.Weights(a).ToArray(), trained.Weights(a).ToArray(), $"copy {a}");
    }

    [TestMethod]
    public void GammaScheduleIsLinearAndCapped()
    {
        var c = new ReplicatedCoupling(0.1, 0.25);
        Assert.AreEqual(0.1, c.GammaAt(1), 1e-15);
        Assert.AreEqual(0.6, c.GammaAt(3), 1e-15);
        Assert.AreEqual(1.0, c.GammaAt(10));
    }
}
