using System.Runtime.Intrinsics;
using MathNet.Numerics.Distributions;
using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class MessagePassingTests
{
    /// <summary>ln Φ against MathNet's normal CDF where it is representable, and against the Mills asymptote far in the tail.</summary>
    [TestMethod]
    public void LogPhiMatchesTheNormalDistributionEverywhere()
    {
        for (double x = -30; x <= 8; x += 0.137)
        {
            double exact = Math.Log(Normal.CDF(0, 1, x));
            Assert.AreEqual(exact, NormalFunctions.FastLogCdf(x), 2e-7 * Math.Max(1, Math.Abs(exact)), $"x = {x}");
        }
        // Far tail: ln Φ(x) = −x²/2 − ln(−x√(2π)) + ln(1 − 1/x² + 3/x⁴ − …).
        foreach (double x in new[] { -50.0, -200.0, -1e4 })
        {
            double asymptote = -x * x / 2 - Math.Log(-x * Math.Sqrt(2 * Math.PI)) + Math.Log(1 - 1 / (x * x) + 3 / Math.Pow(x, 4));
            Assert.AreEqual(asymptote, NormalFunctions.FastLogCdf(x), 2e-7 * Math.Abs(asymptote), $"x = {x}");
            Assert.AreEqual(-x, NormalFunctions.FastPdfOverCdf(x), 1e-3 * -x, "φ/Φ → −x in the lower tail (no 0/0)");
        }
        for (double x = -6; x <= 6; x += 0.25)
            Assert.AreEqual(Normal.PDF(0, 1, x) / Normal.CDF(0, 1, x), NormalFunctions.FastPdfOverCdf(x), 3e-7 * NormalFunctions.FastPdfOverCdf(x), $"x = {x}");
    }

    /// <summary>The eight-lane ln Φ and tanh agree with the scalar ones.</summary>
    [TestMethod]
    public void VectorTailFunctionsMatchScalarOnes()
    {
        var rng = new RngStream(3);
        for (int k = 0; k < 200; k++)
        {
            var x = new double[8];
            for (int j = 0; j < 8; j++) x[j] = (rng.NextDouble() - 0.5) * (k < 100 ? 12 : 80);
            var logPhi = NormalFunctions.FastLogCdf(Vector512.Create(x));
            var tanh = VectorMath.Tanh(Vector512.Create(x));
            for (int j = 0; j < 8; j++)
            {
                Assert.AreEqual(NormalFunctions.FastLogCdf(x[j]), logPhi[j], 1e-12 * Math.Max(1, Math.Abs(logPhi[j])), $"ln Φ({x[j]})");
                Assert.AreEqual(Math.Tanh(x[j]), tanh[j], 1e-14, $"tanh({x[j]})");
            }
        }
    }

    /// <summary>Packed-row products equal the naive sums over unpacked ±1 spins (padding ignored).</summary>
    [TestMethod]
    public void PackedRowProductsMatchNaiveSums()
    {
        foreach (int n in new[] { 1, 63, 64, 65, 301 })
        {
            var row = Dataset.RandomVector(n, (ulong)n);
            var spins = PackedSpins.Unpack(row, n);
            var x = new double[PackedRows.PaddedLength(n)];
            var rng = new RngStream((ulong)n + 7);
            for (int i = 0; i < n; i++) x[i] = rng.NextDouble() - 0.5;
            double naive = 0;
            for (int i = 0; i < n; i++) naive += spins[i] * x[i];
            Assert.AreEqual(naive, PackedRows.Dot(row, x), 1e-12);
            var y = (double[])x.Clone();
            PackedRows.AddScaled(row, 0.25, y);
            for (int i = 0; i < n; i++) Assert.AreEqual(x[i] + 0.25 * spins[i], y[i], 1e-15);
        }
    }

    /// <summary>
    /// At the Bayes-optimal fixed point the posterior is "Nishimori": the overlap of the means with the teacher equals
    /// their self-overlap, m = q. Below the transition AMP converges to a q strictly between 0 and 1; above the spinodal
    /// (α = 2) it finds the teacher.
    /// </summary>
    [TestMethod]
    public void AmpFixedPointObeysNishimoriAndFindsTheTeacherAboveTheSpinodal()
    {
        var options = new MessagePassingOptions();
        var data = Dataset.Create(LearningTask.TeacherStudent, 1501, 1501, 0, 11);
        var run = Amp.Run(data, 1, 11, options);
        Assert.IsTrue(run.Converged[0]);
        var a = run.Means[0];
        double q = a.Sum(x => x * x) / data.N, m = a.Select((x, i) => x * PackedSpins.Get(data.Teacher!, i)).Sum() / data.N;
        Assert.IsTrue(q is > 0.4 and < 0.75, $"q = {q} at α = 1");
        Assert.AreEqual(q, m, 0.05, "m = q (Nishimori) within finite-size error");

        var easy = Dataset.Create(LearningTask.TeacherStudent, 1501, 3002, 0, 12);
        var found = Amp.Run(easy, 1, 12, options);
        Assert.IsTrue(found.Converged[0], $"iterations {found.Iterations}, R = {PackedSpins.Overlap(found.Weights[0], easy.Teacher!, easy.N)}");
        Assert.AreEqual(1.0, PackedSpins.Overlap(found.Weights[0], easy.Teacher!, easy.N), "R = 1 at α = 2 > α_spinodal");
    }

    /// <summary>
    /// AMP at N = 2001 against its state evolution from an uninformed start (Analysis.Theory): the posterior overlap
    /// m·w*/N, mean of 4 seeds, equals q_SE(α) within 0.03 at α = 0.5 and 1 (finite-size fluctuations of q at N ≈ 2000
    /// are ~1/√N ≈ 0.02 per seed), and both are exactly 1 at α = 2, above the spinodal 1.493.
    /// </summary>
    [TestMethod]
    [DataRow(0.5)]
    [DataRow(1.0)]
    [DataRow(2.0)]
    public void AmpMatchesStateEvolution(double alpha)
    {
        const int n = 2001, seeds = 4;
        double theory = TeacherStudentTheory.StateEvolution(alpha).Overlap, mean = 0;
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            var data = Dataset.Create(LearningTask.TeacherStudent, n, Dataset.PatternCount(alpha, n), 0, seed);
            var run = Amp.Run(data, 1, seed, new MessagePassingOptions());
            Assert.IsTrue(run.Converged[0], $"seed {seed} converged");
            mean += run.Means[0].Select((x, i) => x * PackedSpins.Get(data.Teacher!, i)).Sum() / n / seeds;
        }
        if (alpha > 1.5) Assert.AreEqual(1.0, theory);
        Assert.AreEqual(theory, mean, alpha > 1.5 ? 1e-6 : 0.03, $"α = {alpha}: q_SE = {theory}, AMP m·w*/N = {mean}");
    }

    /// <summary>
    /// AMP never reports a fixed point it has not reached: storage far beyond capacity polarises onto signs that violate
    /// patterns (not converged), and heavy damping does not pass off a barely moved start as converged.
    /// </summary>
    [TestMethod]
    public void AmpConvergenceIsNotFaked()
    {
        var storage = Dataset.Create(LearningTask.Storage, 301, 903, 0, 4);
        var beyond = Amp.Run(storage, 1, 4, new MessagePassingOptions { MaxIterations = 300 });
        Assert.IsGreaterThan(0, storage.TrainingErrors(beyond.Weights[0]), "α = 3 ≫ α_c: patterns stay violated");
        Assert.IsFalse(beyond.Converged[0]);

        var teacher = Dataset.Create(LearningTask.TeacherStudent, 301, 301, 0, 4);
        var damped = Amp.Run(teacher, 1, 4, new MessagePassingOptions { Damping = 0.99, Tolerance = 1e-3, MaxIterations = 20 });
        Assert.IsFalse(damped.Converged[0], "20 steps of 1% each are not a fixed point");
        var plain = Amp.Run(teacher, 1, 4, new MessagePassingOptions { Damping = 0.5, Tolerance = 1e-6 });
        Assert.IsTrue(plain.Converged[0]);
        Assert.IsGreaterThan(0.3, plain.Means[0].Select((x, i) => x * PackedSpins.Get(teacher.Teacher!, i)).Sum() / teacher.N, "damped AMP reaches the same informative fixed point");
    }

    /// <summary>Q = identity through the routing tables is the identity lift: M independent BP runs, bit for bit.</summary>
    [TestMethod]
    public void BeliefPropagationOnIdentityCoverEqualsIndependentRuns()
    {
        var data = Dataset.Create(LearningTask.Storage, 201, 100, 0, 5);
        var options = new MessagePassingOptions { MaxIterations = 60, Reinforcement = 0.5, ReinforcementStep = 0.01 };
        var routed = BeliefPropagation.Run(data, new MCoverLift(MixingKernel.Identity(3)), 5, options);
        var independent = BeliefPropagation.Run(data, new IdentityLift(3), 5, options);
        Assert.AreEqual(independent.Iterations, routed.Iterations);
        for (int a = 0; a < 3; a++) CollectionAssert.AreEqual(independent.Means[a], routed.Means[a], $"copy {a}");
        Assert.AreNotEqual(independent.Means[0][0], independent.Means[1][0], "copies start apart");
    }

    /// <summary>The identity lift's copies sweep on separate threads: 1, 2 and 3 threads give the same iterations, marginals
    /// and signs bit for bit (reinforced and plain BP, M = 3 copies).</summary>
    [TestMethod]
    [DataRow(0.5, 0.01)]
    [DataRow(0.0, 0.0)]
    public void BeliefPropagationCopiesAreIndependentOfTheThreadCount(double reinforcement, double step)
    {
        var data = Dataset.Create(LearningTask.Storage, 203, 110, 0, 6);
        var options = new MessagePassingOptions { MaxIterations = 40, Reinforcement = reinforcement, ReinforcementStep = step, Damping = 0.2 };
        var one = MessagePassingResult.From(BeliefPropagation.Learn(data, new IdentityLift(3), 7, options, null, threads: 1));
        foreach (int threads in new[] { 2, 3 })
        {
            var many = MessagePassingResult.From(BeliefPropagation.Learn(data, new IdentityLift(3), 7, options, null, threads));
            Assert.AreEqual(one.Iterations, many.Iterations, $"{threads} threads");
            for (int a = 0; a < 3; a++)
            {
                CollectionAssert.AreEqual(one.Means[a].Select(BitConverter.DoubleToInt64Bits).ToArray(), many.Means[a].Select(BitConverter.DoubleToInt64Bits).ToArray(), $"{threads} threads, copy {a}");
                CollectionAssert.AreEqual(one.Weights[a], many.Weights[a], $"{threads} threads, copy {a} signs");
            }
        }
    }

    /// <summary>
    /// Plain BP (no reinforcement) has one fixed point at low load: on the uniform M-cover every copy converges to the
    /// marginals of BP on the base graph (the lift of a BP fixed point is a fixed point of the cover), and BP's marginals
    /// agree with AMP's (its large-N limit).
    /// </summary>
    [TestMethod]
    public void CoverBeliefPropagationReachesTheBaseFixedPointAndAgreesWithAmp()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 401, 200, 0, 8);
        var plain = new MessagePassingOptions { MaxIterations = 300, Tolerance = 1e-7, Reinforcement = 0, ReinforcementStep = 0 };
        var bp = BeliefPropagation.Run(data, new IdentityLift(1), 8, plain);
        Assert.IsTrue(bp.Converged[0]);
        foreach (int m in new[] { 2, 4 })
        {
            var cover = BeliefPropagation.Run(data, new MCoverLift(MixingKernel.Uniform(m)), 8, plain);
            for (int a = 0; a < m; a++)
            {
                Assert.IsTrue(cover.Converged[a], $"M = {m}, copy {a} converged");
                double gap = cover.Means[a].Zip(bp.Means[0]).Max(p => Math.Abs(p.First - p.Second));
                Assert.IsLessThan(1e-4, gap, $"gap {gap} M = {m}, copy {a}: max |m_cover − m_base|");
            }
        }
        var amp = Amp.Run(data, 1, 8, new MessagePassingOptions { Tolerance = 1e-7 });
        double r(double[] means) => means.Select((x, i) => x * PackedSpins.Get(data.Teacher!, i)).Sum() / data.N;
        Assert.AreEqual(r(amp.Means[0]), r(bp.Means[0]), 0.02, "BP and AMP posterior overlaps");
    }

    /// <summary>Reinforced BP turns marginals into solutions of storage instances at α = 0.6, where CP fails.</summary>
    [TestMethod]
    public void ReinforcedBeliefPropagationSolvesStorage()
    {
        int solved = 0;
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var data = Dataset.Create(LearningTask.Storage, 401, 240, 0, seed);
            var run = BeliefPropagation.Run(data, new IdentityLift(1), seed, new MessagePassingOptions { Reinforcement = 0.5, ReinforcementStep = 0.001 });
            if (run.RoutedErrorCount == 0) solved++;
        }
        Assert.IsGreaterThanOrEqualTo(3, solved, "instances of 4 solved at N = 401, α = 0.6");
    }
}
