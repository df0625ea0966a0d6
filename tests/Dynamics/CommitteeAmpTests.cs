using MCoverPhysics.Analysis.Theory.Committee;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>Committee AMP (fully connected, binary prior, majority channel) against the perceptron AMP and the state evolution.</summary>
[TestClass]
public sealed class CommitteeAmpTests
{
    /// <summary>At K = 1 the committee algorithm is the perceptron's GAMP: same data, same start, same means to 10⁻⁶ after
    /// convergence (the perceptron engine evaluates φ/Φ through its own fast ln Φ, so not bit for bit).</summary>
    [TestMethod]
    public void OneUnitIsThePerceptronAmp()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 201, 160, 0, 3);
        var options = new MessagePassingOptions { MaxIterations = 200, Tolerance = 1e-9 };
        var perceptron = Amp.Learn(data, 2, 5, options, null);
        var committee = CommitteeAmp.Learn(new CommitteeShape(201, 1, Architecture.Full), data.Patterns, data.Labels, data.TestPatterns, data.TestLabels, 2, 5, options);
        for (int c = 0; c < 2; c++)
        {
            Assert.IsTrue(perceptron.MessagePassing!.Converged[c] && committee.MessagePassing!.Converged[c], $"copy {c} converged");
            var p = perceptron.MessagePassing.Means[c];
            var m = committee.MessagePassing.Means[c];
            for (int i = 0; i < p.Length; i++) Assert.AreEqual(p[i], m[i], 1e-6, $"copy {c}, mean {i}");
            CollectionAssert.AreEqual(perceptron.Weights[c], committee.Weights[c]);
        }
    }

    /// <summary>An AMP iteration allocates nothing (K = 3, fully connected): after two warm-up steps, five more steps on one
    /// thread leave the allocated-bytes counter unchanged (the channel's eigen-decomposition works in its own buffers).</summary>
    [TestMethod]
    public void AnIterationDoesNotAllocate()
    {
        var shape = new CommitteeShape(101, 3, Architecture.Full);
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, shape, 150, 0, 4);
        var init = MCoverPhysics.Models.Random.RngStream.For(4, MCoverPhysics.Models.Random.StreamTag.InitialState, 0);
        var copy = new CommitteeAmpCopy(shape, data.Inputs, data.Labels, ref init, new MessagePassingOptions { MaxIterations = 100, Tolerance = 0 }, CommitteeAmp.DefaultNodes);
        var scratch = new ulong[3 * shape.UnitWords];
        Assert.IsTrue(copy.Step(1, scratch) && copy.Step(2, scratch), "warm-up steps update");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 3; t <= 7; t++) Assert.IsTrue(copy.Step(t, scratch), $"step {t} updates");
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Copy c of M runs exactly as if alone (its start comes from (seed, InitialState, c)): M = 1 equals copy 0 of M = 3 bit for bit.</summary>
    [TestMethod]
    public void CopiesAreIndependentRuns()
    {
        var shape = new CommitteeShape(101, 3, Architecture.Full);
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, shape, 100, 200, 9);
        var options = new MessagePassingOptions { MaxIterations = 40 };
        var one = CommitteeAmp.Learn(shape, data.Inputs, data.Labels, data.TestInputs, data.TestLabels, 1, 2, options);
        var three = CommitteeAmp.Learn(shape, data.Inputs, data.Labels, data.TestInputs, data.TestLabels, 3, 2, options);
        CollectionAssert.AreEqual(one.MessagePassing!.Means[0], three.MessagePassing!.Means[0]);
        CollectionAssert.AreEqual(one.Weights[0], three.Weights[0]);
        CollectionAssert.AreNotEqual(three.MessagePassing.Means[0], three.MessagePassing.Means[1], "copies start apart");
    }

    /// <summary>
    /// AMP sits on its state evolution (K = 3, fully connected, non-specialised phase): at N = 301, α = 0.5 and 1.5, the mean
    /// over 4 seeds of overlap_posterior_mean is within 0.03 of q(α) (finite-size spread at this N: about 0.02 per seed), and
    /// the test error of AMP's Bayes predictor (2000 fresh patterns per seed) within 0.03 of ε_Bayes(α).
    /// </summary>
    [TestMethod]
    [DataRow(0.5)]
    [DataRow(1.5)]
    public void SmallCommitteeSitsOnItsStateEvolution(double alpha)
    {
        var theory = CommitteeTheory.StateEvolution(3, alpha);
        var overlaps = new List<double>();
        var errors = new List<double>();
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var config = RunConfig.FromValues(new Dictionary<string, string>
            {
                ["model"] = "committee", ["hidden"] = "3", ["arch"] = "full", ["rule"] = "amp", ["n"] = "301",
                ["alpha"] = alpha.ToString(System.Globalization.CultureInfo.InvariantCulture), ["test-patterns"] = "2000", ["copies"] = "1", ["seed"] = seed.ToString(),
            });
            var r = Simulation.Run(config);
            Assert.AreEqual(1, r.ConvergedCopies, $"seed {seed} converged");
            overlaps.Add(r.OverlapPosteriorMean);
            errors.Add(r.EpsPosterior);
        }
        Assert.AreEqual(theory.Diagonal, overlaps.Average(), 0.03, $"q at α = {alpha}: {string.Join(", ", overlaps)}");
        Assert.AreEqual(theory.EpsBayes, errors.Average(), 0.03, $"ε at α = {alpha}: {string.Join(", ", errors)}");
    }
}
