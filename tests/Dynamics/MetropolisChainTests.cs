using MathNet.Numerics.Distributions;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class MetropolisChainTests
{
    private static ILift Lift(string spec, int m, Schedule schedule = Schedule.Quenched, Granularity granularity = Granularity.Edge)
        => spec == "identity-lift" ? new IdentityLift(m) : new MCoverLift(MixingKernel.Parse(spec, m), schedule, granularity);

    /// <summary>Incremental stabilities, masks and ΔE (bit kernels) equal a naive recomputation after many random flips,
    /// at P across word boundaries, κ = 0 and κ &gt; 0, identity and routed lifts (M not a power of two too).</summary>
    [TestMethod]
    [DataRow("identity-lift", 3, 7, 0.0)] [DataRow("identity-lift", 2, 129, 0.3)] [DataRow("uniform", 3, 65, 0.0)]
    [DataRow("ring:sigma=1", 4, 129, 0.2)] [DataRow("uniform", 2, 7, 0.0)]
    public void IncrementalEnergyMatchesNaiveRecomputation(string spec, int m, int n, double kappa)
    {
        int p = n == 7 ? 5 : n / 2 + 1;
        var data = Dataset.Create(LearningTask.Storage, n, p, 0, 11);
        var chain = new MetropolisChain(data, Lift(spec, m), 11, new MonteCarloOptions { Kappa = kappa });
        var rng = RngStream.For(99, StreamTag.Rule);
        var naive = new int[m * p];
        for (int t = 0; t < 300; t++)
        {
            int i = rng.NextInt(n), a = rng.NextInt(m);
            int before = chain.NaiveEnergy(0);
            int change = chain.EnergyChange(i, a);
            chain.ForceFlip(i, a);
            int after = chain.NaiveEnergy(0, naive);
            Assert.AreEqual(after - before, change, $"ΔE of flip ({i}, {a}) at step {t}");
            Assert.AreEqual(after, chain.Energy);
            CollectionAssert.AreEqual(naive, chain.Stabilities.ToArray(), $"stabilities after step {t}");
            if (t % 50 == 0) chain.Sweep(0.7);
        }
    }

    /// <summary>Q = identity through the routed path (inverse routing, multiplexer) reproduces the identity lift bit for bit,
    /// quenched and annealed; and copy a of an M-copy identity run is copy a alone (the copies do not interact).</summary>
    [TestMethod]
    [DataRow(Schedule.Quenched)] [DataRow(Schedule.Annealed)]
    public void IdentityKernelReproducesIndependentChainsExactly(Schedule schedule)
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 129, 90, 0, 4);
        var options = new MonteCarloOptions { Sweeps = 30, Schedule = BetaSchedule.Linear, Beta0 = 0.2, Beta1 = 3 };
        var independent = new MetropolisChain(data, new IdentityLift(3), 4, options).Run();
        var routed = new MetropolisChain(data, new MCoverLift(MixingKernel.Identity(3), schedule), 4, options).Run();
        for (int a = 0; a < 3; a++) CollectionAssert.AreEqual(independent.Weights[a], routed.Weights[a], $"copy {a}");
        Assert.AreEqual(independent.Energy, routed.Energy);
        Assert.AreEqual(independent.Accepted, routed.Accepted);
        CollectionAssert.AreEqual(independent.TrainErrorCounts, routed.TrainErrorCounts);
        Assert.IsTrue(independent.Accepted > 0 && independent.Accepted < independent.Proposed);
        var alone = new MetropolisChain(data, new IdentityLift(1), 4, options).Run();
        CollectionAssert.AreEqual(independent.Weights[0], alone.Weights[0]);
        // A coupling kernel changes the trajectories: the comparison above can fail.
        var coupled = new MetropolisChain(data, new MCoverLift(MixingKernel.Uniform(3), schedule), 4, options).Run();
        Assert.IsFalse(coupled.Weights[0].SequenceEqual(independent.Weights[0]));
    }

    /// <summary>Same seed, same result; another seed, another result.</summary>
    [TestMethod]
    public void SeededRunsAreReproducible()
    {
        var data = Dataset.Create(LearningTask.Storage, 101, 30, 0, 2);
        var options = new MonteCarloOptions { Sweeps = 20, Beta = 2 };
        var lift = new MCoverLift(MixingKernel.Ring(4, 1));
        var x = new MetropolisChain(data, lift, 2, options).Run();
        var y = new MetropolisChain(data, lift, 2, options).Run();
        var z = new MetropolisChain(data, lift, 3, options).Run();
        for (int a = 0; a < 4; a++) CollectionAssert.AreEqual(x.Weights[a], y.Weights[a]);
        Assert.AreEqual(x.Accepted, y.Accepted);
        Assert.IsFalse(x.Weights[0].SequenceEqual(z.Weights[0]));
    }

    /// <summary>
    /// Detailed balance: a long chain on N = 7, P = 5 visits each of the 2^{MN} states with the Boltzmann frequency
    /// e^{−βE}/Z of the (lifted, M = 2) energy: chi-square at the 99.9% level on samples thinned to every few sweeps
    /// (whose correlation time at β = 0.8 is below one sweep). The same counts against the uniform law are rejected.
    /// </summary>
    [TestMethod]
    [DataRow(1, 4, 300_000)] [DataRow(2, 3, 1_000_000)]
    public void LongChainSamplesTheBoltzmannLaw(int m, int thin, int samples)
    {
        const int n = 7, p = 5;
        const double beta = 0.8;
        var data = Dataset.Create(LearningTask.Storage, n, p, 0, 21);
        ILift lift = m == 1 ? new IdentityLift(1) : new MCoverLift(MixingKernel.Uniform(2));
        var chain = new MetropolisChain(data, lift, 21, new MonteCarloOptions());
        int states = 1 << (m * n);
        var counts = new long[states];
        for (int t = 0; t < 20; t++) chain.Sweep(beta);
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < thin; t++) chain.Sweep(beta);
            int state = 0;
            for (int a = 0; a < m; a++) state |= (int)chain.Weights(a)[0] << (a * n);
            counts[state]++;
        }
        // Exact law: energy of every state through a fresh chain's naive oracle with the same (quenched) routing.
        var weights = new double[states];
        var probe = new MetropolisChain(data, lift, 21, new MonteCarloOptions());
        var energies = new int[states];
        for (int state = 0; state < states; state++)
        {
            probe.SetState(state);
            energies[state] = probe.NaiveEnergy(0);
            weights[state] = Math.Exp(-beta * energies[state]);
        }
        double z = weights.Sum();
        Assert.IsTrue(energies.Distinct().Count() >= 3, "the energy landscape is not flat");
        double chi2 = 0, chi2Uniform = 0;
        for (int state = 0; state < states; state++)
        {
            double expected = samples * weights[state] / z, uniform = (double)samples / states;
            chi2 += (counts[state] - expected) * (counts[state] - expected) / expected;
            chi2Uniform += (counts[state] - uniform) * (counts[state] - uniform) / uniform;
        }
        Assert.IsTrue(ChiSquared.CDF(states - 1, chi2) < 0.999, $"chi² = {chi2:F1} with {states - 1} dof");
        Assert.IsTrue(ChiSquared.CDF(states - 1, chi2Uniform) > 0.999999, $"uniform law not rejected: chi² = {chi2Uniform:F1}");
    }

    /// <summary>Annealing stops as soon as the energy is zero (stop any); at fixed β it runs the whole budget.</summary>
    [TestMethod]
    public void AnnealingSolvesEasyStorageAndStopsEarly()
    {
        var data = Dataset.Create(LearningTask.Storage, 201, 40, 0, 5);
        var sa = new MetropolisChain(data, new IdentityLift(2), 5,
            new MonteCarloOptions { Sweeps = 2000, Schedule = BetaSchedule.Linear, Beta0 = 0.5, Beta1 = 6, Stop = StopRule.Any }).Run();
        Assert.IsTrue(sa.SweepsRun < 2000, $"ran {sa.SweepsRun} sweeps");
        Assert.AreEqual(0, sa.Energy);
        CollectionAssert.AreEqual(new[] { 0, 0 }, sa.TrainErrorCounts);
        Assert.IsTrue(sa.FirstSolvedSweep.All(f => f >= 1 && f <= sa.SweepsRun));
        var mc = new MetropolisChain(data, new IdentityLift(2), 5, new MonteCarloOptions { Sweeps = 50, Beta = 6 }).Run();
        Assert.AreEqual(50, mc.SweepsRun);
        Assert.AreEqual(50L * 201 * 2, mc.Proposed);
    }

    [TestMethod]
    public void BetaSchedulesRunFromBeta0ToBeta1()
    {
        var linear = new MonteCarloOptions { Sweeps = 5, Schedule = BetaSchedule.Linear, Beta0 = 1, Beta1 = 3 };
        CollectionAssert.AreEqual(new[] { 1, 1.5, 2, 2.5, 3 }, Enumerable.Range(0, 5).Select(linear.BetaAt).ToArray());
        var geometric = linear with { Schedule = BetaSchedule.Geometric, Beta0 = 1, Beta1 = 16 };
        Assert.AreEqual(4.0, geometric.BetaAt(2), 1e-12);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => (geometric with { Beta0 = 0 }).Validated());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => (linear with { Beta0 = 4 }).Validated());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MonteCarloOptions { Beta = double.PositiveInfinity }.Validated());
    }

    /// <summary>
    /// Replica exchange keeps every rung in equilibrium: on N = 7, P = 5 with a ladder of 3 temperatures (β 0.3 … 2), the
    /// configuration found at the coldest rung follows e^{−β₁E}/Z (chi-square, 99.9%), and temperatures are swapped.
    /// </summary>
    [TestMethod]
    public void ReplicaExchangeSamplesTheColdestBoltzmannLaw()
    {
        const int n = 7, p = 5, samples = 200_000;
        var data = Dataset.Create(LearningTask.Storage, n, p, 0, 21);
        var options = new MonteCarloOptions { Schedule = BetaSchedule.ReplicaExchange, Beta0 = 0.3, Beta1 = 2 };
        var chain = new MetropolisChain(data, new IdentityLift(3), 21, options);
        var counts = new long[1 << n];
        int sweep = 0;
        for (; sweep < 20; sweep++) chain.ExchangeSweep(sweep);
        var seen = new HashSet<int>();
        for (int s = 0; s < samples; s++, sweep++)
        {
            chain.ExchangeSweep(sweep);
            int cold = chain.CopyAt(2);
            seen.Add(cold);
            counts[(int)chain.Weights(cold)[0]]++;
        }
        Assert.HasCount(3, seen, "every replica visits the coldest rung");
        var probe = new MetropolisChain(data, new IdentityLift(1), 21, new MonteCarloOptions());
        var weights = new double[1 << n];
        for (int state = 0; state < weights.Length; state++)
        {
            probe.SetState(state);
            weights[state] = Math.Exp(-options.Beta1 * probe.NaiveEnergy(0));
        }
        double z = weights.Sum(), chi2 = 0;
        for (int state = 0; state < weights.Length; state++)
        {
            double expected = samples * weights[state] / z;
            chi2 += (counts[state] - expected) * (counts[state] - expected) / expected;
        }
        Assert.IsTrue(ChiSquared.CDF(weights.Length - 1, chi2) < 0.999, $"chi² = {chi2:F1}");
    }

    /// <summary>Replica exchange stops once one replica solves an easy storage instance; it refuses a lift.</summary>
    [TestMethod]
    public void ReplicaExchangeStopsWhenOneReplicaSolves()
    {
        var data = Dataset.Create(LearningTask.Storage, 201, 40, 0, 5);
        var options = new MonteCarloOptions { Sweeps = 3000, Schedule = BetaSchedule.ReplicaExchange, Beta0 = 0.5, Beta1 = 6, Stop = StopRule.Any };
        var pt = new MetropolisChain(data, new IdentityLift(4), 5, options).Run();
        Assert.IsTrue(pt.SweepsRun < 3000);
        Assert.IsTrue(pt.TrainErrorCounts.Contains(0));
        Assert.IsTrue(pt.ExchangeRate is > 0 and <= 1);
        Assert.ThrowsExactly<ArgumentException>(() => new MetropolisChain(data, new MCoverLift(MixingKernel.Uniform(4)), 5, options));
    }

    /// <summary>Permutations drawn on the fly (hashed routing) give the same chain as the stored table, word granularity too.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge)] [DataRow(Granularity.Word)]
    public void HashedRoutingReproducesTheStoredTable(Granularity granularity)
    {
        var data = Dataset.Create(LearningTask.Storage, 129, 50, 0, 8);
        var options = new MonteCarloOptions { Sweeps = 15, Beta = 1.5 };
        var q = MixingKernel.Ring(4, 1);
        var stored = new MetropolisChain(data, new MCoverLift(q, Schedule.Annealed, granularity, Storage: RoutingStorage.Stored), 8, options).Run();
        var hashed = new MetropolisChain(data, new MCoverLift(q, Schedule.Annealed, granularity, Storage: RoutingStorage.Hashed), 8, options).Run();
        for (int a = 0; a < 4; a++) CollectionAssert.AreEqual(stored.Weights[a], hashed.Weights[a]);
        Assert.AreEqual(stored.Energy, hashed.Energy);
    }
}
