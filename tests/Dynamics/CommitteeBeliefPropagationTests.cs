using MathNet.Numerics.Distributions;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class CommitteeBeliefPropagationTests
{
    /// <summary>The output factor's convolution equals the sum over all 2^(K−1) outputs of the other units.</summary>
    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    [DataRow(5)]
    [DataRow(7)]
    public void MajorityOutputMessagesEqualTheEnumeration(int hidden)
    {
        var rng = new RngStream((ulong)hidden);
        var plus = new double[hidden];
        var minus = new double[hidden];
        var dist = new double[hidden + 1];
        var lp = new double[hidden];
        var lm = new double[hidden];
        for (int trial = 0; trial < 20; trial++)
            foreach (int sigma in new[] { 1, -1 })
            {
                for (int k = 0; k < hidden; k++) { plus[k] = rng.NextDouble(); minus[k] = 1 - plus[k]; }
                CommitteeFactor.OutputMessages(hidden, sigma, plus, minus, dist, lp, lm);
                for (int k = 0; k < hidden; k++)
                {
                    double pp = 0, pm = 0;
                    for (int mask = 0; mask < 1 << hidden; mask++)
                    {
                        if (((mask >> k) & 1) != 0) continue; // τ_k is set below; enumerate the others
                        double weight = 1;
                        int votes = 0;
                        for (int l = 0; l < hidden; l++)
                        {
                            if (l == k) continue;
                            bool up = ((mask >> l) & 1) != 0;
                            weight *= up ? plus[l] : minus[l];
                            votes += up ? 1 : -1;
                        }
                        if (sigma * (votes + 1) > 0) pp += weight;
                        if (sigma * (votes - 1) > 0) pm += weight;
                    }
                    Assert.AreEqual(pp, Math.Exp(lp[k]), 1e-13, $"K = {hidden}, σ = {sigma}, P(+) of unit {k}");
                    Assert.AreEqual(pm, Math.Exp(lm[k]), 1e-13, $"K = {hidden}, σ = {sigma}, P(−) of unit {k}");
                }
            }
    }

    /// <summary>
    /// Every edge message of a factor equals the naive formula with MathNet's normal CDF: cavity means, Gaussian unit fields,
    /// the enumerated majority factor and u = ½ ln[A(ω̄ + ξ)/A(ω̄ − ξ)] (both wirings, with damping).
    /// </summary>
    [TestMethod]
    [DataRow(1, 65, 0.0, true)]
    [DataRow(3, 21, 0.3, true)]
    [DataRow(3, 21, 0.0, false)]
    [DataRow(5, 13, 0.5, false)]
    public void FactorMessagesEqualTheNaiveFormula(int hidden, int n, double damping, bool tree)
    {
        var rng = new RngStream((ulong)(hidden * 100 + n));
        int len = (n + 63) / 64 * 64, stride = tree ? len : 0;
        var xi = new double[hidden * len];
        var routed = new double[hidden * n];
        var old = new float[hidden * n];
        for (int k = 0; k < (tree ? hidden : 1); k++)
            for (int i = 0; i < n; i++) xi[k * len + i] = rng.NextULong() >> 63 == 0 ? 1 : -1;
        for (int j = 0; j < routed.Length; j++) { routed[j] = 2 * (rng.NextDouble() - 0.5); old[j] = (float)(0.4 * (rng.NextDouble() - 0.5)); }
        foreach (int sigma in new[] { 1, -1 })
        {
            var next = new double[hidden * n];
            CommitteeFactor.Messages(hidden, n, routed, old, xi, stride, sigma, damping, 20, new double[CommitteeFactor.ScratchLength(hidden, n)], next);
            var m = routed.Select((h, j) => Math.Tanh(h - old[j])).ToArray();
            var p = new double[hidden];
            for (int k = 0; k < hidden; k++)
            {
                double w = 0, v = 0;
                for (int i = 0; i < n; i++) { w += xi[k * stride + i] * m[k * n + i]; v += 1 - m[k * n + i] * m[k * n + i]; }
                p[k] = Normal.CDF(0, 1, w / Math.Sqrt(v));
            }
            for (int k = 0; k < hidden; k++)
            {
                var (pp, pm) = Majority(p, k, sigma);
                for (int i = 0; i < n; i++)
                {
                    double w = 0, v = 0;
                    for (int j = 0; j < n; j++)
                        if (j != i) { w += xi[k * stride + j] * m[k * n + j]; v += 1 - m[k * n + j] * m[k * n + j]; }
                    double x = xi[k * stride + i];
                    double A(double z) => pp * Normal.CDF(0, 1, z / Math.Sqrt(v)) + pm * Normal.CDF(0, 1, -z / Math.Sqrt(v));
                    double u = 0.5 * Math.Log(A(w + x) / A(w - x));
                    double expected = (1 - damping) * u + damping * old[k * n + i];
                    Assert.AreEqual(expected, next[k * n + i], 1e-6 * Math.Max(1, Math.Abs(expected)), $"K = {hidden}, σ = {sigma}, edge ({k}, {i})");
                }
            }
        }
    }

    /// <summary>
    /// The Vector512 factor path equals the scalar oracle bit for bit (same element functions, same lane-sum order, same
    /// tail), for unit sizes around the 8-lane and 64-bit boundaries, soft and polarised fields, both labels and wirings.
    /// Inconclusive where the host has no Vector512 (both calls would run the scalar code).
    /// </summary>
    [TestMethod]
    [DataRow(1, 1)]
    [DataRow(1, 8)]
    [DataRow(1, 63)]
    [DataRow(3, 64)]
    [DataRow(3, 65)]
    [DataRow(5, 101)]
    public void VectorFactorMessagesEqualTheScalarOracle(int hidden, int n)
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            Assert.Inconclusive("Vector512 is not hardware accelerated on this host: MessagesFast runs the scalar oracle itself, nothing to compare.");
        var rng = new RngStream((ulong)(7 * hidden + n));
        int len = (n + 63) / 64 * 64;
        foreach (bool tree in new[] { true, false })
            foreach (double scale in new[] { 1.0, 30.0, 1000.0 })
                foreach (int sigma in new[] { 1, -1 })
                {
                    int stride = tree ? len : 0;
                    var xi = new double[hidden * len];
                    for (int k = 0; k < (tree ? hidden : 1); k++)
                        for (int i = 0; i < n; i++) xi[k * len + i] = rng.NextULong() >> 63 == 0 ? 1 : -1;
                    var routed = Enumerable.Range(0, hidden * n).Select(_ => scale * (rng.NextDouble() - 0.5)).ToArray();
                    var old = Enumerable.Range(0, hidden * n).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
                    var scalar = new double[hidden * n];
                    var vector = new double[hidden * n];
                    CommitteeFactor.Messages(hidden, n, routed, old, xi, stride, sigma, 0.2, 20, new double[CommitteeFactor.ScratchLength(hidden, n)], scalar);
                    CommitteeFactor.MessagesFast(hidden, n, routed, old, xi, stride, sigma, 0.2, 20, new double[CommitteeFactor.ScratchLength(hidden, n)], vector);
                    for (int j = 0; j < scalar.Length; j++)
                        Assert.AreEqual(BitConverter.DoubleToInt64Bits(scalar[j]), BitConverter.DoubleToInt64Bits(vector[j]),
                            $"K = {hidden}, n = {n}, tree {tree}, scale {scale}, σ = {sigma}, edge {j}: {scalar[j]:R} vs {vector[j]:R}");
                }
    }

    /// <summary>
    /// The factor's element functions: each lane of the Vector512 twin equals the scalar twin bit for bit, and the scalar
    /// twins agree with the runtime's exp, log and tanh (and ln Φ(−|x|) with the fast family) to the stated accuracy.
    /// </summary>
    [TestMethod]
    public void FactorElementFunctionsMatchTheirTwinsAndTheRuntime()
    {
        var rng = new RngStream(41);
        var xs = new List<double> { 0, -0.0, 1e-300, 5e-324, double.Epsilon * 3, 1e-10, 0.5, 1, 2, 700, 709.7, 710, -700, -708.5, -744, -745.2, -800, double.PositiveInfinity, double.NegativeInfinity };
        for (int j = 0; j < 4000; j++) xs.Add((rng.NextDouble() - 0.5) * Math.Pow(10, 6 * rng.NextDouble() - 3));
        for (int j = 0; j < 1000; j++) xs.Add(-1490 * rng.NextDouble());
        while (xs.Count % 8 != 0) xs.Add(0.25);
        var v = xs.ToArray();
        for (int j = 0; j < v.Length; j += 8)
        {
            var x = System.Runtime.Intrinsics.Vector512.Create(v.AsSpan(j, 8));
            var ax = System.Runtime.Intrinsics.Vector512.Abs(x) + System.Runtime.Intrinsics.Vector512.Create(1e-310);
            var (e, l, t, c) = (CommitteeFactor.Exp(x), CommitteeFactor.Log(ax), CommitteeFactor.Tanh(x), CommitteeFactor.LogCdfLower(x));
            for (int i = 0; i < 8; i++)
            {
                double xi = v[j + i], a = Math.Abs(xi) + 1e-310;
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(CommitteeFactor.Exp(xi)), BitConverter.DoubleToInt64Bits(e[i]), $"exp({xi:R})");
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(CommitteeFactor.Log(a)), BitConverter.DoubleToInt64Bits(l[i]), $"ln({a:R})");
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(CommitteeFactor.Tanh(xi)), BitConverter.DoubleToInt64Bits(t[i]), $"tanh({xi:R})");
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(CommitteeFactor.LogCdfLower(xi)), BitConverter.DoubleToInt64Bits(c[i]), $"ln Φ(−|{xi:R}|)");
                double exp = Math.Exp(xi), log = Math.Log(a);
                if (exp >= 1e-300 && !double.IsInfinity(exp)) Assert.AreEqual(exp, CommitteeFactor.Exp(xi), 4e-16 * exp, $"exp({xi:R})");
                else Assert.AreEqual(exp, CommitteeFactor.Exp(xi), 1e-300, $"exp({xi:R})");
                Assert.AreEqual(log, CommitteeFactor.Log(a), 3e-16 * Math.Max(1, Math.Abs(log)), $"ln({a:R})");
                if (!double.IsInfinity(xi)) Assert.AreEqual(Math.Tanh(xi), CommitteeFactor.Tanh(xi), 3e-16, $"tanh({xi:R})");
                if (!double.IsInfinity(xi))
                    Assert.AreEqual(NormalFunctions.FastLogCdf(-Math.Abs(xi)), CommitteeFactor.LogCdfLower(xi), 1e-13 * Math.Max(1, Math.Abs(c[i])), $"ln Φ(−|{xi:R}|)");
            }
        }
    }

    /// <summary>
    /// A whole committee fBP run (focusing, damping, both wirings, the M-cover and the identity; unit sizes with and without
    /// an n mod 8 tail) gives the same iterations, marginals, weights and errors bit for bit with the Vector512 path forced
    /// off and on. Inconclusive where the host has no Vector512.
    /// </summary>
    [TestMethod]
    [DataRow(Architecture.Tree, 63, true)]
    [DataRow(Architecture.Full, 41, false)]
    public void FbpRunsAreBitIdenticalWithAndWithoutVector512(Architecture arch, int n, bool cover)
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            Assert.Inconclusive("Vector512 is not hardware accelerated on this host: both runs would take the scalar path, nothing to compare.");
        var shape = new CommitteeShape(n, 3, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 30, 0, 4);
        var options = new MessagePassingOptions { MaxIterations = 25, Tolerance = 1e-4, Damping = 0.3, Focusing = new FocusingSchedule(FocusingProtocol.Standard, 0.05, 1, 1) };
        MessagePassingResult Run(bool vector)
        {
            bool was = CommitteeFactor.UseVector512;
            CommitteeFactor.UseVector512 = vector;
            try
            {
                return CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels,
                    cover ? new MCoverLift(MixingKernel.Ring(3, sigma: 1)) : new IdentityLift(1), 6, options);
            }
            finally { CommitteeFactor.UseVector512 = was; }
        }
        var (scalar, vector) = (Run(false), Run(true));
        Assert.AreEqual(scalar.Iterations, vector.Iterations);
        Assert.AreEqual(scalar.RoutedErrorCount, vector.RoutedErrorCount);
        for (int a = 0; a < scalar.Means.Length; a++)
        {
            CollectionAssert.AreEqual(scalar.Means[a].Select(BitConverter.DoubleToInt64Bits).ToArray(), vector.Means[a].Select(BitConverter.DoubleToInt64Bits).ToArray(), $"copy {a} marginals");
            CollectionAssert.AreEqual(scalar.Weights[a], vector.Weights[a], $"copy {a} weights");
        }
    }

    private static (double Plus, double Minus) Majority(double[] p, int k, int sigma)
    {
        int kk = p.Length;
        double pp = 0, pm = 0;
        for (int mask = 0; mask < 1 << kk; mask++)
        {
            if (((mask >> k) & 1) != 0) continue;
            double weight = 1;
            int votes = 0;
            for (int l = 0; l < kk; l++)
                if (l != k) { bool up = ((mask >> l) & 1) != 0; weight *= up ? p[l] : 1 - p[l]; votes += up ? 1 : -1; }
            if (sigma * (votes + 1) > 0) pp += weight;
            if (sigma * (votes - 1) > 0) pm += weight;
        }
        return (pp, pm);
    }

    /// <summary>At K = 1 committee BP is the perceptron's BP: plain BP converges to the same marginals as the perceptron engine.</summary>
    [TestMethod]
    public void AtOneHiddenUnitCommitteeBpReachesThePerceptronFixedPoint()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 301, 150, 0, 8);
        var plain = new MessagePassingOptions { MaxIterations = 300, Tolerance = 1e-7 };
        var perceptron = BeliefPropagation.Run(data, new IdentityLift(1), 8, plain);
        var committee = CommitteeBeliefPropagation.Run(new CommitteeShape(data.N, 1, Architecture.Tree), data.Patterns, data.Labels, new IdentityLift(1), 8, plain);
        Assert.IsTrue(perceptron.Converged[0] && committee.Converged[0]);
        double gap = committee.Means[0].Zip(perceptron.Means[0]).Max(p => Math.Abs(p.First - p.Second));
        Assert.IsLessThan(1e-4, gap, $"max |m_committee − m_perceptron| = {gap}");
    }

    /// <summary>Q = identity through the routing (edge or unit granularity) is M independent committee BP runs, bit for bit, for rBP and fBP on both wirings.</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, Granularity.Edge, false)]
    [DataRow(Architecture.Full, Granularity.Unit, false)]
    [DataRow(Architecture.Tree, Granularity.Unit, true)]
    [DataRow(Architecture.Full, Granularity.Edge, true)]
    public void IdentityCoverEqualsIndependentCommitteeRuns(Architecture arch, Granularity granularity, bool focusing)
    {
        var shape = new CommitteeShape(arch == Architecture.Tree ? 63 : 31, 3, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 30, 0, 5);
        var options = focusing
            ? new MessagePassingOptions { MaxIterations = 20, Tolerance = 1e-3, Focusing = new FocusingSchedule(FocusingProtocol.Pseudo, 0.2, 1, 1) }
            : new MessagePassingOptions { MaxIterations = 40, Reinforcement = 0.5, ReinforcementStep = 0.01 };
        var routed = CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new MCoverLift(MixingKernel.Identity(3), Granularity: granularity), 5, options);
        var independent = CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new IdentityLift(3), 5, options);
        Assert.AreEqual(independent.Iterations, routed.Iterations);
        for (int a = 0; a < 3; a++)
        {
            CollectionAssert.AreEqual(independent.Means[a], routed.Means[a], $"copy {a}");
            CollectionAssert.AreEqual(independent.Weights[a], routed.Weights[a], $"copy {a}");
        }
        Assert.AreNotEqual(independent.Means[0][0], independent.Means[1][0], "copies start apart");
    }

    /// <summary>
    /// The lift of a BP fixed point is a fixed point of the cover: at low load plain committee BP on the uniform M-cover,
    /// quenched or annealed (messages move with their edges), converges in every copy to the base graph's marginals.
    /// </summary>
    [TestMethod]
    [DataRow(Schedule.Quenched)]
    [DataRow(Schedule.Annealed)]
    public void CoverCommitteeBpReachesTheBaseFixedPoint(Schedule schedule)
    {
        var shape = new CommitteeShape(135, 3, Architecture.Tree);
        var data = CommitteeDataset.Create(LearningTask.TeacherStudent, shape, 40, 0, 3);
        var plain = new MessagePassingOptions { MaxIterations = 300, Tolerance = 1e-7 };
        var baseRun = CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new IdentityLift(1), 3, plain);
        Assert.IsTrue(baseRun.Converged[0]);
        var cover = CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new MCoverLift(MixingKernel.Uniform(3), schedule), 3, plain);
        for (int a = 0; a < 3; a++)
        {
            Assert.IsTrue(cover.Converged[a], $"copy {a} converged");
            double gap = cover.Means[a].Zip(baseRun.Means[0]).Max(p => Math.Abs(p.First - p.Second));
            Assert.IsLessThan(1e-4, gap, $"{schedule}: copy {a}, max |m_cover − m_base| = {gap}");
        }
        Assert.IsGreaterThan(0.05, baseRun.Means[0].Average(x => x * x), "the fixed point is informative (q > 0)");
    }

    /// <summary>The same seed gives the same fBP run on the M-cover, bit for bit (routing, orders and initial fields are seeded).</summary>
    [TestMethod]
    public void SeededFbpOnTheCoverIsReproducible()
    {
        var shape = new CommitteeShape(45, 3, Architecture.Tree);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 25, 0, 2);
        var options = new MessagePassingOptions { MaxIterations = 15, Tolerance = 1e-3, Damping = 0.3, Focusing = new FocusingSchedule(FocusingProtocol.Scoping, 0.5, 3, 2) };
        MessagePassingResult Run() => CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new MCoverLift(MixingKernel.Ring(4, sigma: 1), Schedule.Annealed), 2, options);
        var (a, b) = (Run(), Run());
        Assert.AreEqual(a.Iterations, b.Iterations);
        for (int c = 0; c < 4; c++) CollectionAssert.AreEqual(a.Means[c], b.Means[c], $"copy {c}");
        Assert.AreEqual(a.RoutedErrorCount, b.RoutedErrorCount);
    }

    /// <summary>
    /// fBP solves fully connected K = 5 storage instances at α = P/N = 3 (N = 51, 255 weights) where least-action CP+R
    /// (c = 0.03, 5000 epochs) solves none (docs/results/committee-mp.md: 7/8 against 0/8).
    /// </summary>
    [TestMethod]
    [TestCategory("Slow")]
    public void FbpSolvesFullCommitteeStorageWhereLeastActionFails()
    {
        var shape = new CommitteeShape(51, 5, Architecture.Full);
        int fbp = 0, cpr = 0;
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var data = CommitteeDataset.Create(LearningTask.Storage, shape, 153, 0, seed);
            var run = CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new IdentityLift(1), seed,
                new MessagePassingOptions { Damping = 0.5, Tolerance = 1e-3, MaxIterations = 50, Focusing = new FocusingSchedule(FocusingProtocol.Standard, 0.02, 1, 1) });
            if (run.RoutedErrorCount == 0) fbp++;
            var least = new MCoverPhysics.Dynamics.Training.CommitteeTrainer(data, new IdentityLift(1), new MCoverPhysics.Dynamics.Rules.CpReinforced(51, 0, 0.03),
                MCoverPhysics.Dynamics.States.HiddenStates.DefaultBound(51), seed, new MCoverPhysics.Dynamics.Training.TrainingOptions { MaxEpochs = 5000 }).Run();
            if (least.TrainErrorCounts[0] == 0) cpr++;
        }
        Assert.IsGreaterThanOrEqualTo(2, fbp, $"fBP solved {fbp} of 3");
        Assert.AreEqual(0, cpr, $"CP+R solved {cpr} of 3");
    }
}

