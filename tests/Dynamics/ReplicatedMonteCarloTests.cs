using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>Replicated Monte Carlo, the robust ensemble for mc/sa (issue 20; Baldassi et al., PRL 115, 128101 (2015)).</summary>
[TestClass]
public sealed class ReplicatedMonteCarloTests
{
    private static readonly MonteCarloOptions Constant = new() { Sweeps = 25, Beta = 2 };
    private static readonly MonteCarloOptions Annealing = new() { Sweeps = 25, Schedule = BetaSchedule.Linear, Beta0 = 0.5, Beta1 = 4, Stop = StopRule.Copies };

    private static double MeanOverlap(IReadOnlyList<ulong[]> w, int n)
    {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < w.Count; a++)
            for (int b = a + 1; b < w.Count; b++, pairs++) sum += PackedSpins.Overlap(w[a], w[b], n);
        return sum / pairs;
    }

    /// <summary>At γ = Δγ = 0 the center exerts no field: the chains are the independent ones bit for bit (same draws).</summary>
    [TestMethod]
    public void AtGammaZeroTheReplicasAreIndependentChains()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 101, 60, 0, 2);
        foreach (var options in new[] { Constant, Annealing })
        {
            var free = new MetropolisChain(data, new IdentityLift(4), 9, options).Learn();
            var coupled = new MetropolisChain(data, new IdentityLift(4), 9, options, new ReplicatedCoupling(0, 0)).Learn();
            Assert.AreEqual(free.StepsRun, coupled.StepsRun);
            for (int a = 0; a < 4; a++) CollectionAssert.AreEqual(free.Weights[a], coupled.Weights[a], $"copy {a}");
        }
    }

    /// <summary>A rising γ pulls the replicas onto their center: their mutual overlap q grows towards 1 (the collapse the robust
    /// ensemble's γ schedule is built for), while uncoupled chains at the same β stay apart.</summary>
    [TestMethod]
    public void ARisingGammaCollapsesTheReplicas()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 201, 100, 0, 5);
        var free = new MetropolisChain(data, new IdentityLift(5), 3, Constant).Learn();
        var coupled = new MetropolisChain(data, new IdentityLift(5), 3, Constant, new ReplicatedCoupling(0.2, 0.2)).Learn();
        double q0 = MeanOverlap(free.Weights, 201), q1 = MeanOverlap(coupled.Weights, 201);
        Assert.IsTrue(q1 > 0.9 && q1 > q0 + 0.3, $"q uncoupled {q0}, replicated {q1}");
    }

    [TestMethod]
    public void ACouplingWithoutACenterOrWithReplicaExchangeIsRefused()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 101, 60, 0, 2);
        Assert.ThrowsExactly<ArgumentException>(() => new MetropolisChain(data, new IdentityLift(4), 1, Constant, new OutputConsensusCoupling(0.1)));
        Assert.ThrowsExactly<ArgumentException>(() => new MetropolisChain(data, new IdentityLift(4), 1,
            new MonteCarloOptions { Schedule = BetaSchedule.ReplicaExchange, Beta0 = 0.5, Beta1 = 4 }, new ReplicatedCoupling(0.1, 0)));
    }
}
