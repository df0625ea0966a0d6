using MathNet.Numerics.Distributions;
using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>Monte Carlo on the committee machines' training energy (docs/physics/monte-carlo.md#committee-machines).</summary>
[TestClass]
public sealed class CommitteeMetropolisChainTests
{
    private static ILift Lift(string spec, int m, Schedule schedule = Schedule.Quenched, Granularity granularity = Granularity.Edge)
        => spec == "identity-lift" ? new IdentityLift(m) : new MCoverLift(MixingKernel.Parse(spec, m), schedule, granularity);

    private static CommitteeDataset Data(LearningTask task, Architecture arch, int k, int n, int p, ulong seed)
        => CommitteeDataset.Create(task, new CommitteeShape(n, k, arch), p, 0, seed);

    /// <summary>Incremental unit stabilities, votes, vote-folded masks and ΔE equal a naive recount (every routed field summed
    /// weight by weight) after many random flips: tree and full, κ = 0 and κ &gt; 0, P across word boundaries, identity, uniform,
    /// ring and unit-granularity lifts (M not a power of two too).</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, 3, 21, "identity-lift", 2, 70, 0.0, Granularity.Edge)]
    [DataRow(Architecture.Full, 3, 13, "identity-lift", 1, 129, 0.3, Granularity.Edge)]
    [DataRow(Architecture.Tree, 5, 45, "uniform", 3, 65, 0.0, Granularity.Edge)]
    [DataRow(Architecture.Full, 3, 9, "ring:sigma=1", 4, 40, 0.2, Granularity.Edge)]
    [DataRow(Architecture.Tree, 3, 9, "uniform", 3, 20, 0.0, Granularity.Unit)]
    [DataRow(Architecture.Full, 5, 71, "uniform", 2, 33, 0.0, Granularity.Word)]
    public void IncrementalEnergyMatchesNaiveRecount(Architecture arch, int k, int n, string spec, int m, int p, double kappa, Granularity granularity)
    {
        var data = Data(LearningTask.Storage, arch, k, n, p, 11);
        var chain = new CommitteeMetropolisChain(data, Lift(spec, m, granularity: granularity), 11, new MonteCarloOptions { Kappa = kappa });
        int units = data.Shape.UnitInputs;
        var rng = RngStream.For(99, StreamTag.Rule);
        var naive = new int[m * k * p];
        int changed = 0;
        for (int t = 0; t < 200; t++)
        {
            int unit = rng.NextInt(k), i = rng.NextInt(units), a = rng.NextInt(m);
            int before = chain.NaiveEnergy(0);
            int change = chain.EnergyChange(unit, i, a);
            chain.ForceFlip(unit, i, a);
            int after = chain.NaiveEnergy(0, naive);
            Assert.AreEqual(after - before, change, $"ΔE of flip ({unit}, {i}, {a}) at step {t}");
            Assert.AreEqual(after, chain.Energy);
            CollectionAssert.AreEqual(naive, chain.State.Stability, $"stabilities after step {t}");
            if (change != 0) changed++;
            if (t % 50 == 0) chain.Sweep(0.7);
        }
        Assert.IsTrue(changed > 10, $"only {changed} flips changed E: the check saw no vote change");
    }

    /// <summary>The K = 1 committee is the perceptron chain bit for bit (same data, starts, site draws, masks, uniforms): mc and
    /// sa, identity and ring lifts, κ &gt; 0, and the replicated coupling.</summary>
    [TestMethod]
    [DataRow("identity-lift", 0.0, false, false)] [DataRow("ring:sigma=1", 0.0, true, false)]
    [DataRow("identity-lift", 0.25, true, false)] [DataRow("identity-lift", 0.0, false, true)]
    public void OneHiddenUnitIsThePerceptronChain(string spec, double kappa, bool anneal, bool replicated)
    {
        const int n = 101, p = 60, m = 4;
        var options = anneal
            ? new MonteCarloOptions { Sweeps = 40, Kappa = kappa, Schedule = BetaSchedule.Linear, Beta0 = 0.3, Beta1 = 4, Stop = StopRule.Any }
            : new MonteCarloOptions { Sweeps = 25, Kappa = kappa, Beta = 1.5 };
        var coupling = replicated ? new ReplicatedCoupling(0.2, 0.05) : null;
        var perceptron = new MetropolisChain(Dataset.Create(LearningTask.TeacherStudent, n, p, 0, 7), Lift(spec, m), 7, options, coupling).Run();
        var committee = new CommitteeMetropolisChain(Data(LearningTask.TeacherStudent, Architecture.Tree, 1, n, p, 7), Lift(spec, m), 7, options, coupling).Run();
        for (int a = 0; a < m; a++) CollectionAssert.AreEqual(perceptron.Weights[a], committee.Weights[a], $"copy {a}");
        Assert.AreEqual(perceptron.Energy, committee.Energy);
        Assert.AreEqual(perceptron.Accepted, committee.Accepted);
        Assert.AreEqual(perceptron.Proposed, committee.Proposed);
        Assert.AreEqual(perceptron.SweepsRun, committee.SweepsRun);
        Assert.AreEqual(perceptron.RoutedErrorCount, committee.RoutedErrorCount);
        CollectionAssert.AreEqual(perceptron.TrainErrorCounts, committee.TrainErrorCounts);
        Assert.IsTrue(committee.Accepted > 0 && committee.Accepted < committee.Proposed);
    }

    /// <summary>Q = identity through the routed path reproduces M independent committee chains bit for bit (quenched and
    /// annealed, tree and full), and copy a of an M-copy run is copy a alone; a mixing kernel changes the trajectories.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, Schedule.Quenched)] [DataRow(Architecture.Full, Schedule.Annealed)]
    public void IdentityKernelReproducesIndependentChainsExactly(Architecture arch, Schedule schedule)
    {
        var data = Data(LearningTask.TeacherStudent, arch, 3, arch == Architecture.Tree ? 63 : 21, 50, 4);
        var options = new MonteCarloOptions { Sweeps = 30, Schedule = BetaSchedule.Linear, Beta0 = 0.2, Beta1 = 3 };
        var independent = new CommitteeMetropolisChain(data, new IdentityLift(3), 4, options).Run();
        var routed = new CommitteeMetropolisChain(data, new MCoverLift(MixingKernel.Identity(3), schedule), 4, options).Run();
        for (int a = 0; a < 3; a++) CollectionAssert.AreEqual(independent.Weights[a], routed.Weights[a], $"copy {a}");
        Assert.AreEqual(independent.Energy, routed.Energy);
        Assert.AreEqual(independent.Accepted, routed.Accepted);
        CollectionAssert.AreEqual(independent.TrainErrorCounts, routed.TrainErrorCounts);
        Assert.IsTrue(independent.Accepted > 0 && independent.Accepted < independent.Proposed);
        var alone = new CommitteeMetropolisChain(data, new IdentityLift(1), 4, options).Run();
        CollectionAssert.AreEqual(independent.Weights[0], alone.Weights[0]);
        var coupled = new CommitteeMetropolisChain(data, new MCoverLift(MixingKernel.Uniform(3), schedule), 4, options).Run();
        Assert.IsFalse(coupled.Weights[0].SequenceEqual(independent.Weights[0]));
    }

    /// <summary>
    /// Detailed balance: a long chain on a tiny committee visits each of the 2^{M·K·n} states with the Boltzmann frequency
    /// e^{−βE}/Z of the (lifted) majority-vote error count, E from exact enumeration through the naive oracle: chi-square at
    /// the 99.9% level; the same counts reject the uniform law.
    /// </summary>
    [TestMethod]
    [DataRow(Architecture.Tree, 9, 1, 4, 150_000)] [DataRow(Architecture.Full, 3, 1, 4, 150_000)] [DataRow(Architecture.Tree, 3, 2, 4, 200_000)]
    public void LongChainSamplesTheBoltzmannLaw(Architecture arch, int n, int m, int thin, int samples)
    {
        const int k = 3, p = 6;
        const double beta = 0.8;
        var data = Data(LearningTask.Storage, arch, k, n, p, 21);
        ILift lift = m == 1 ? new IdentityLift(1) : new MCoverLift(MixingKernel.Uniform(m));
        var chain = new CommitteeMetropolisChain(data, lift, 21, new MonteCarloOptions());
        int weights = k * data.Shape.UnitInputs, states = 1 << (m * weights);
        var counts = new long[states];
        for (int t = 0; t < 20; t++) chain.Sweep(beta);
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < thin; t++) chain.Sweep(beta);
            int state = 0;
            for (int a = 0; a < m; a++)
                for (int unit = 0; unit < k; unit++)
                    for (int i = 0; i < data.Shape.UnitInputs; i++)
                        if (chain.State.Get(a, unit, i) > 0) state |= 1 << (a * weights + unit * data.Shape.UnitInputs + i);
            counts[state]++;
        }
        var probe = new CommitteeMetropolisChain(data, lift, 21, new MonteCarloOptions());
        var boltzmann = new double[states];
        var energies = new int[states];
        for (int state = 0; state < states; state++)
        {
            probe.SetState(state);
            energies[state] = probe.NaiveEnergy(0);
            boltzmann[state] = Math.Exp(-beta * energies[state]);
        }
        double z = boltzmann.Sum();
        Assert.IsTrue(energies.Distinct().Count() >= 3, "the energy landscape is not flat");
        double chi2 = 0, chi2Uniform = 0;
        for (int state = 0; state < states; state++)
        {
            double expected = samples * boltzmann[state] / z, uniform = (double)samples / states;
            chi2 += (counts[state] - expected) * (counts[state] - expected) / expected;
            chi2Uniform += (counts[state] - uniform) * (counts[state] - uniform) / uniform;
        }
        Assert.IsTrue(ChiSquared.CDF(states - 1, chi2) < 0.999, $"chi² = {chi2:F1} with {states - 1} dof");
        Assert.IsTrue(ChiSquared.CDF(states - 1, chi2Uniform) > 0.999999, $"uniform law not rejected: chi² = {chi2Uniform:F1}");
    }

    /// <summary>Annealing solves an easy storage instance (K = 3 tree, N = 45, α = 0.3) and stops there; at fixed β the chain
    /// runs its whole budget of K·n proposals per copy and sweep.</summary>
    [TestMethod]
    public void AnnealingSolvesEasyTreeStorageAndStopsEarly()
    {
        var data = Data(LearningTask.Storage, Architecture.Tree, 3, 45, 14, 5);
        var sa = new CommitteeMetropolisChain(data, new IdentityLift(2), 5,
            new MonteCarloOptions { Sweeps = 2000, Schedule = BetaSchedule.Linear, Beta0 = 0.5, Beta1 = 6, Stop = StopRule.Any }).Run();
        Assert.IsTrue(sa.SweepsRun < 2000, $"ran {sa.SweepsRun} sweeps");
        Assert.AreEqual(0, sa.Energy);
        CollectionAssert.AreEqual(new[] { 0, 0 }, sa.TrainErrorCounts);
        for (int a = 0; a < 2; a++) Assert.AreEqual(0, data.Shape.ErrorCount(sa.Weights[a], data.Inputs, data.Labels), $"copy {a} misclassifies");
        Assert.IsTrue(sa.FirstSolvedSweep.All(f => f >= 1 && f <= sa.SweepsRun));
        var full = Data(LearningTask.Storage, Architecture.Full, 3, 15, 9, 5);
        var mc = new CommitteeMetropolisChain(full, new IdentityLift(2), 5, new MonteCarloOptions { Sweeps = 50, Beta = 6 }).Run();
        Assert.AreEqual(50, mc.SweepsRun);
        Assert.AreEqual(50L * 3 * 15 * 2, mc.Proposed);
    }

    /// <summary>Same seed, same result (lifted); another seed, another result; hashed routing is the stored table's chain.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge)] [DataRow(Granularity.Word)]
    public void SeededRunsAreReproducibleAndHashedRoutingIsTheStoredTable(Granularity granularity)
    {
        var data = Data(LearningTask.Storage, Architecture.Full, 3, 71, 30, 2);
        var options = new MonteCarloOptions { Sweeps = 10, Beta = 2 };
        var q = MixingKernel.Ring(4, 1);
        var stored = new MCoverLift(q, Schedule.Annealed, granularity, Storage: RoutingStorage.Stored);
        var x = new CommitteeMetropolisChain(data, stored, 2, options).Run();
        var y = new CommitteeMetropolisChain(data, stored, 2, options).Run();
        var z = new CommitteeMetropolisChain(data, stored, 3, options).Run();
        var hashed = new CommitteeMetropolisChain(data, new MCoverLift(q, Schedule.Annealed, granularity, Storage: RoutingStorage.Hashed), 2, options).Run();
        for (int a = 0; a < 4; a++)
        {
            CollectionAssert.AreEqual(x.Weights[a], y.Weights[a]);
            CollectionAssert.AreEqual(x.Weights[a], hashed.Weights[a]);
        }
        Assert.AreEqual(x.Accepted, y.Accepted);
        Assert.IsFalse(x.Weights[0].SequenceEqual(z.Weights[0]));
    }

    /// <summary>The replicated coupling acts per hidden unit (center c_k = sign Σ_a w_k^a): a rising γ pulls the committees'
    /// units together (mean overlap of the copies' K·n weights → 1) while uncoupled chains stay apart; a center-less coupling is refused.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree)] [DataRow(Architecture.Full)]
    public void ARisingGammaCollapsesTheCommittees(Architecture arch)
    {
        var data = Data(LearningTask.TeacherStudent, arch, 3, arch == Architecture.Tree ? 201 : 67, 60, 5);
        var options = new MonteCarloOptions { Sweeps = 25, Beta = 2 };
        var free = new CommitteeMetropolisChain(data, new IdentityLift(5), 3, options).Run();
        var coupled = new CommitteeMetropolisChain(data, new IdentityLift(5), 3, options, new ReplicatedCoupling(0.2, 0.2)).Run();
        double Overlap(ulong[][] w)
        {
            double sum = 0;
            int pairs = 0;
            for (int a = 0; a < w.Length; a++)
                for (int b = a + 1; b < w.Length; b++, pairs++)
                    for (int k = 0; k < 3; k++)
                        sum += MCoverPhysics.Models.Spins.PackedSpins.Overlap(w[a].AsSpan(k * data.Shape.UnitWords, data.Shape.UnitWords),
                            w[b].AsSpan(k * data.Shape.UnitWords, data.Shape.UnitWords), data.Shape.UnitInputs) / 3;
            return sum / pairs;
        }
        double q0 = Overlap(free.Weights), q1 = Overlap(coupled.Weights);
        Assert.IsTrue(q1 > 0.9 && q1 > q0 + 0.3, $"q uncoupled {q0}, replicated {q1}");
        Assert.ThrowsExactly<ArgumentException>(() => new CommitteeMetropolisChain(data, new IdentityLift(4), 1, options, new OutputConsensusCoupling(0.1)));
    }

    /// <summary>Replica exchange of committees stops once one replica solves an easy instance; it refuses a lift.</summary>
    [TestMethod]
    public void ReplicaExchangeStopsWhenOneReplicaSolves()
    {
        var data = Data(LearningTask.Storage, Architecture.Tree, 3, 45, 14, 5);
        var options = new MonteCarloOptions { Sweeps = 3000, Schedule = BetaSchedule.ReplicaExchange, Beta0 = 0.5, Beta1 = 6, Stop = StopRule.Any };
        var pt = new CommitteeMetropolisChain(data, new IdentityLift(3), 5, options).Run();
        Assert.IsTrue(pt.SweepsRun < 3000);
        Assert.IsTrue(pt.TrainErrorCounts.Contains(0));
        Assert.IsTrue(pt.ExchangeRate is > 0 and <= 1);
        Assert.ThrowsExactly<ArgumentException>(() => new CommitteeMetropolisChain(data, new MCoverLift(MixingKernel.Uniform(3)), 5, options));
    }
}
