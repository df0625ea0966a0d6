using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>The asymmetric lift and the time-dependent kernel Q_t (issue 20).</summary>
[TestClass]
public sealed class LiftControlTests
{
    public static IEnumerable<object[]> Rules() =>
    [
        [new ClippedPerceptron(129)],
        [new CpReinforced(129, C: 0.5)],
        [new Sbpi(129, ThetaM: 3, Ps: 0.5)],
    ];

    private static void AssertSameStates(TrainedStudents a, TrainedStudents b, int m, int n)
    {
        Assert.AreEqual(a.EpochsRun, b.EpochsRun);
        CollectionAssert.AreEqual(a.TrainErrorCounts, b.TrainErrorCounts);
        Assert.AreEqual(a.RoutedErrorCount, b.RoutedErrorCount);
        for (int c = 0; c < m; c++)
            for (int i = 0; i < n; i++) Assert.AreEqual(a.States.Get(c, i), b.States.Get(c, i), $"h[{c},{i}]");
    }

    /// <summary>Delivering through permutations equal to the read ones (the delivery stream set to the routing stream) is the
    /// symmetric lift bit for bit, under both schedules; with its own stream the asymmetric lift trains other weights.</summary>
    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void AsymmetricLiftWithIdenticalReadAndDeliverIsTheSymmetricLift(IOnlineRule rule)
    {
        var data = Dataset.Create(LearningTask.Storage, 129, 150, 0, 3);
        var options = new TrainingOptions { MaxEpochs = 12 };
        foreach (var schedule in new[] { Schedule.Quenched, Schedule.Annealed })
        {
            var lift = new MCoverLift(MixingKernel.Ring(5, 1), schedule);
            var symmetric = new RoutedTrainer(data, lift, rule, 15, 7, options).Run();
            var same = new RoutedTrainer(data, lift with { Wiring = Wiring.Asymmetric, DeliveryStream = StreamTag.Routing }, rule, 15, 7, options).Run();
            AssertSameStates(symmetric, same, 5, 129);
            var asym = new RoutedTrainer(data, lift with { Wiring = Wiring.Asymmetric }, rule, 15, 7, options).Run();
            Assert.IsTrue(Enumerable.Range(0, 5).Any(c => Enumerable.Range(0, 129).Any(i => asym.States.Get(c, i) != symmetric.States.Get(c, i))),
                "independent delivery permutations change the training");
        }
    }

    /// <summary>The delivery permutations are permutations of the kernel's law, independent of the read ones.</summary>
    [TestMethod]
    public void DeliveryRoutingIsAnIndependentDrawOfTheSameLaw()
    {
        var lift = new MCoverLift(MixingKernel.Uniform(4)) { Wiring = Wiring.Asymmetric };
        var (read, _) = lift.Routing(70, 3, 9, 0).For(0);
        var (deliver, _) = lift.Delivery(70, 3, 9, 0)!.For(0);
        int differ = 0;
        for (int mu = 0; mu < 3; mu++)
            for (int i = 0; i < 70; i++)
            {
                var seen = new HashSet<int>();
                for (int b = 0; b < 4; b++)
                {
                    seen.Add(deliver.Source(mu, b, i));
                    if (deliver.Source(mu, b, i) != read.Source(mu, b, i)) differ++;
                }
                Assert.AreEqual(4, seen.Count, "a bijection");
            }
        Assert.IsTrue(differ > 3 * 70 * 4 / 2, $"{differ} entries differ");
        Assert.IsNull(new MCoverLift(MixingKernel.Uniform(4)).Delivery(70, 3, 9, 0), "symmetric: deliver as read");
    }

    private static void AssertSameTable(RoutingTable a, RoutingTable b, int n, int p, int m)
    {
        for (int mu = 0; mu < p; mu++)
            for (int c = 0; c < m; c++)
                for (int i = 0; i < n; i++) Assert.AreEqual(a.Source(mu, c, i), b.Source(mu, c, i), $"π[{mu},{i}]({c})");
    }

    /// <summary>Q_t at s = 0 is Q and at s = 1 is Q_to: the same matrices and the same drawn tables as the two kernels' own lifts.</summary>
    [TestMethod]
    [DataRow(KernelRamp.Linear)] [DataRow(KernelRamp.Geometric)]
    public void TimeDependentKernelIsQAtTheStartAndQToAtTheEnd(KernelRamp ramp)
    {
        const int m = 4, n = 130, p = 5, horizon = 6;
        var q = MixingKernel.Uniform(m);
        var to = MixingKernel.Ring(m, 0.7);
        var lift = new MCoverLift(q, Schedule.Annealed) { Target = to, Ramp = ramp, Horizon = horizon };
        Assert.AreSame(q, lift.KernelAt(0));
        Assert.AreSame(to, lift.KernelAt(horizon - 1));
        AssertSameTable(new MCoverLift(q, Schedule.Annealed).Routing(n, p, 3, 0).For(0).Table, lift.Routing(n, p, 3, 0).For(0).Table, n, p, m);
        AssertSameTable(new MCoverLift(to, Schedule.Annealed).Routing(n, p, 3, horizon - 1).For(0).Table, lift.Routing(n, p, 3, horizon - 1).For(0).Table, n, p, m);
        // In between, Q_t is the mixture (1 − s) Q + s Q_to.
        double s = lift.RampWeight(2);
        Assert.AreEqual(ramp == KernelRamp.Linear ? 0.4 : Math.Pow(1e-3, 0.6), s, 1e-15);
        var mid = lift.KernelAt(2);
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) Assert.AreEqual((1 - s) * q[a, b] + s * to[a, b], mid[a, b], 1e-15);
        // A quenched schedule stays on Q.
        Assert.AreSame(q, (lift with { Schedule = Schedule.Quenched }).KernelAt(horizon - 1));
    }

    /// <summary>De-lifting (uniform → identity) ends with independent copies: in the last epoch every permutation is the identity.</summary>
    [TestMethod]
    public void DeLiftingEndsOnTheIdentityRouting()
    {
        var lift = new MCoverLift(MixingKernel.Uniform(4), Schedule.Annealed) { Target = MixingKernel.Identity(4), Horizon = 3 };
        var (table, _) = lift.Routing(64, 4, 1, 2).For(0);
        for (int mu = 0; mu < 4; mu++)
            for (int b = 0; b < 4; b++)
                for (int i = 0; i < 64; i++) Assert.AreEqual(b, table.Source(mu, b, i));
    }
}
