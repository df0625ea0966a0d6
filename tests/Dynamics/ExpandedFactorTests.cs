using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>Committee BP's large-N expansion of the edge message (<see cref="BpAccuracy.Expand"/>): lanes, accuracy, threads.</summary>
[TestClass]
public sealed class ExpandedFactorTests
{
    private static void RequireLanes(int lanes)
    {
        if (lanes == 512 && !Vector512.IsHardwareAccelerated)
            Assert.Inconclusive("Vector512 is not hardware accelerated on this host: the 512-bit path would run the scalar oracle itself.");
        if (lanes == 256 && !Vector256.IsHardwareAccelerated)
            Assert.Inconclusive("Vector256 is not hardware accelerated on this host: the 256-bit path would run the scalar oracle itself.");
    }

    /// <summary>One random factor: ±1 inputs (unit k at k·stride), routed fields of the given scale, old messages.</summary>
    private static (float[] XiF, double[] Xi, int Stride, double[] Routed, float[] Old) Factor(RngStream rng, int hidden, int n, bool tree, double scale)
    {
        int len = (n + 63) / 64 * 64, stride = tree ? len : 0;
        var xiF = new float[hidden * len];
        var xi = new double[hidden * len];
        for (int k = 0; k < (tree ? hidden : 1); k++)
            for (int i = 0; i < n; i++) xi[k * len + i] = xiF[k * len + i] = rng.NextULong() >> 63 == 0 ? 1 : -1;
        var routed = Enumerable.Range(0, hidden * n).Select(_ => scale * (rng.NextDouble() - 0.5)).ToArray();
        var old = Enumerable.Range(0, hidden * n).Select(_ => (float)(0.2 * (rng.NextDouble() - 0.5))).ToArray();
        return (xiF, xi, stride, routed, old);
    }

    private static float[] Expanded(int hidden, int n, (float[] XiF, double[] Xi, int Stride, double[] Routed, float[] Old) f, int sigma, double damping, bool fast)
    {
        var next = new float[hidden * n];
        var (cavity, units) = (new float[hidden * n], new double[ExpandedFactor.UnitScratchLength(hidden)]);
        if (fast) ExpandedFactor.MessagesFast(hidden, n, f.Routed, f.Old, f.XiF, f.Stride, sigma, damping, 20, cavity, units, next);
        else ExpandedFactor.Messages(hidden, n, f.Routed, f.Old, f.XiF, f.Stride, sigma, damping, 20, cavity, units, next);
        return next;
    }

    /// <summary>The bench's <c>lanes</c> field names the width the kernel really takes: the expanded message follows its lane
    /// switch (256 where only that is accelerated, scalar when switched off); the exact committee message has no 256-bit path.</summary>
    [TestMethod]
    [DataRow(512, "Vector512")]
    [DataRow(256, "Vector256")]
    [DataRow(0, "scalar")]
    public void BenchLanesNameTheKernelsWidth(int lanes, string expected)
    {
        RequireLanes(lanes);
        int was = ExpandedFactor.Lanes;
        ExpandedFactor.Lanes = lanes;
        try
        {
            Assert.AreEqual(expected, KernelLanes.Describe(BpAccuracy.Expand, committeeEngine: true));
            Assert.AreNotEqual("Vector256", KernelLanes.Describe(BpAccuracy.Exact, committeeEngine: true));
        }
        finally { ExpandedFactor.Lanes = was; }
    }

    /// <summary>
    /// The Vector512 and Vector256 paths equal the scalar oracle bit for bit, for unit sizes around the 16-lane and 64-bit
    /// boundaries, soft, polarised and saturated fields, both labels and both wirings (inconclusive without the hardware).
    /// </summary>
    [TestMethod]
    [DataRow(512, 1, 1)]
    [DataRow(512, 1, 16)]
    [DataRow(512, 3, 17)]
    [DataRow(512, 3, 63)]
    [DataRow(512, 3, 65)]
    [DataRow(512, 5, 101)]
    [DataRow(256, 1, 15)]
    [DataRow(256, 1, 16)]
    [DataRow(256, 3, 64)]
    [DataRow(256, 5, 101)]
    public void ExpandedLanesEqualTheScalarOracle(int lanes, int hidden, int n)
    {
        RequireLanes(lanes);
        int was = ExpandedFactor.Lanes;
        ExpandedFactor.Lanes = lanes;
        try
        {
            var rng = new RngStream((ulong)(lanes + 7 * hidden + n));
            foreach (bool tree in new[] { true, false })
                foreach (double scale in new[] { 1.0, 30.0, 1000.0 })
                    foreach (int sigma in new[] { 1, -1 })
                    {
                        var f = Factor(rng, hidden, n, tree, scale);
                        var (scalar, vector) = (Expanded(hidden, n, f, sigma, 0.2, false), Expanded(hidden, n, f, sigma, 0.2, true));
                        for (int j = 0; j < scalar.Length; j++)
                            Assert.AreEqual(BitConverter.SingleToInt32Bits(scalar[j]), BitConverter.SingleToInt32Bits(vector[j]),
                                $"{lanes} bits, K = {hidden}, n = {n}, tree {tree}, scale {scale}, σ = {sigma}, edge {j}: {scalar[j]:R} vs {vector[j]:R}");
                    }
        }
        finally { ExpandedFactor.Lanes = was; }
    }

    /// <summary>The float exp and tanh: lanes equal the scalar twin bit for bit; the scalar twin is within 2·10⁻⁷ of the runtime's tanh (absolute) and 3·10⁻⁷ of its exp (relative).</summary>
    [TestMethod]
    public void FloatElementFunctionsMatchTheirTwinsAndTheRuntime()
    {
        var rng = new RngStream(43);
        var xs = new List<float> { 0, -0f, 1e-30f, 1e-7f, 0.5f, 1, 9, 40, 79.9f, 80, 81, -80, -87, -200, float.MaxValue, -float.MaxValue };
        for (int j = 0; j < 4000; j++) xs.Add((float)((rng.NextDouble() - 0.5) * Math.Pow(10, 5 * rng.NextDouble() - 3)));
        while (xs.Count % 16 != 0) xs.Add(0.25f);
        var v = xs.ToArray();
        for (int j = 0; j < v.Length; j += 16)
        {
            var x = Vector512.Create(v.AsSpan(j, 16));
            var (e, t) = (ExpandedFactor.Exp(x), ExpandedFactor.Tanh(x));
            var (e8, t8) = (ExpandedFactor.Exp(Vector256.Create(v.AsSpan(j, 8))), ExpandedFactor.Tanh(Vector256.Create(v.AsSpan(j, 8))));
            for (int i = 0; i < 16; i++)
            {
                float xi = v[j + i];
                Assert.AreEqual(BitConverter.SingleToInt32Bits(ExpandedFactor.Exp(xi)), BitConverter.SingleToInt32Bits(e[i]), $"exp({xi:R})");
                Assert.AreEqual(BitConverter.SingleToInt32Bits(ExpandedFactor.Tanh(xi)), BitConverter.SingleToInt32Bits(t[i]), $"tanh({xi:R})");
                if (i < 8)
                {
                    Assert.AreEqual(BitConverter.SingleToInt32Bits(ExpandedFactor.Exp(xi)), BitConverter.SingleToInt32Bits(e8[i]), $"exp₂₅₆({xi:R})");
                    Assert.AreEqual(BitConverter.SingleToInt32Bits(ExpandedFactor.Tanh(xi)), BitConverter.SingleToInt32Bits(t8[i]), $"tanh₂₅₆({xi:R})");
                }
                Assert.AreEqual(Math.Tanh(xi), ExpandedFactor.Tanh(xi), 2e-7, $"tanh({xi:R})");
                if (Math.Abs(xi) <= 80) Assert.AreEqual(Math.Exp(xi), ExpandedFactor.Exp(xi), 3e-7 * Math.Exp(xi), $"exp({xi:R})");
            }
        }
    }

    /// <summary>
    /// The expansion agrees with the exact edge messages (<see cref="CommitteeFactor.Messages"/>, MathNet-checked) to a
    /// relative O(1/n): on soft factors the largest difference, relative to the largest message, is below 2/√n at every n
    /// and falls by at least 4× from n = 101 to 1601 (the expansion drops terms O(n^{−3/2}) against messages O(n^{−1/2})).
    /// </summary>
    [TestMethod]
    [DataRow(1, true)]
    [DataRow(3, true)]
    [DataRow(3, false)]
    [DataRow(5, false)]
    public void ExpansionAgreesWithTheExactMessagesToOrderOneOverN(int hidden, bool tree)
    {
        var rng = new RngStream((ulong)(100 + hidden));
        var gaps = new List<double>();
        foreach (int n in new[] { 101, 401, 1601 })
        {
            double worst = 0;
            for (int trial = 0; trial < 4; trial++)
            {
                var f = Factor(rng, hidden, n, tree, 2.0);
                int sigma = trial % 2 == 0 ? 1 : -1;
                var exact = new double[hidden * n];
                CommitteeFactor.Messages(hidden, n, f.Routed, f.Old, f.Xi, f.Stride, sigma, 0, 20, new double[CommitteeFactor.ScratchLength(hidden, n)], exact);
                var expand = Expanded(hidden, n, f, sigma, 0, false);
                double scale = exact.Max(Math.Abs), gap = exact.Zip(expand).Max(p => Math.Abs(p.First - p.Second));
                Assert.IsGreaterThan(1e-4, scale, "the factor is informative");
                worst = Math.Max(worst, gap / scale);
            }
            Assert.IsLessThan(2 / Math.Sqrt(n), worst, $"K = {hidden}, n = {n}: max |u_expand − u_exact| / max |u| = {worst}");
            gaps.Add(worst);
        }
        Console.WriteLine($"K = {hidden}, tree {tree}: relative gaps {string.Join(", ", gaps)}");
        Assert.IsLessThan(gaps[0] / 4, gaps[^1], $"relative gaps at n = 101, 401, 1601: {string.Join(", ", gaps)}");
    }

    /// <summary>
    /// Polarised units (V_k below <see cref="ExpandedFactor.MinExpandVariance"/>) take the exact message: on strongly
    /// polarised factors the expanded kernel equals <see cref="CommitteeFactor.Messages"/> up to the float cavity means.
    /// </summary>
    [TestMethod]
    [DataRow(1, true)]
    [DataRow(3, false)]
    public void PolarisedUnitsTakeTheExactMessage(int hidden, bool tree)
    {
        var rng = new RngStream((ulong)(200 + hidden));
        int n = 63;
        var f = Factor(rng, hidden, n, tree, 12.0);
        var exact = new double[hidden * n];
        CommitteeFactor.Messages(hidden, n, f.Routed, f.Old, f.Xi, f.Stride, 1, 0.1, 20, new double[CommitteeFactor.ScratchLength(hidden, n)], exact);
        var units = new double[ExpandedFactor.UnitScratchLength(hidden)];
        var expand = new float[hidden * n];
        ExpandedFactor.Messages(hidden, n, f.Routed, f.Old, f.XiF, f.Stride, 1, 0.1, 20, new float[hidden * n], units, expand);
        for (int k = 0; k < hidden; k++) Assert.IsLessThan(ExpandedFactor.MinExpandVariance, units[hidden + k], $"unit {k} is polarised");
        for (int j = 0; j < exact.Length; j++)
            Assert.AreEqual(exact[j], expand[j], 1e-3 * Math.Max(1, Math.Abs(exact[j])), $"edge {j}");
    }

    private static MessagePassingResult Fbp(CommitteeShape shape, CommitteeDataset data, ILift lift, BpAccuracy accuracy, int threads = 1)
    {
        var options = new MessagePassingOptions
        {
            MaxIterations = 20, Tolerance = 1e-4, Damping = 0.3, Accuracy = accuracy,
            Focusing = new FocusingSchedule(FocusingProtocol.Standard, 0.1, 1, 1),
        };
        return MessagePassingResult.From(CommitteeBeliefPropagation.Learn(shape, data.Inputs, data.Labels, lift, 6, options, null, threads));
    }

    private static void AssertSame(MessagePassingResult a, MessagePassingResult b, string what)
    {
        Assert.AreEqual(a.Iterations, b.Iterations, what);
        Assert.AreEqual(a.RoutedErrorCount, b.RoutedErrorCount, what);
        for (int c = 0; c < a.Means.Length; c++)
        {
            CollectionAssert.AreEqual(a.Means[c].Select(BitConverter.DoubleToInt64Bits).ToArray(), b.Means[c].Select(BitConverter.DoubleToInt64Bits).ToArray(), $"{what}: copy {c} marginals");
            CollectionAssert.AreEqual(a.Weights[c], b.Weights[c], $"{what}: copy {c} weights");
        }
    }

    /// <summary>Committee fBP on M = 3 independent copies gives the same run bit for bit on 1 and 2 threads (exact and expanded messages).</summary>
    [TestMethod]
    [DataRow(BpAccuracy.Exact, Architecture.Tree)]
    [DataRow(BpAccuracy.Expand, Architecture.Tree)]
    [DataRow(BpAccuracy.Expand, Architecture.Full)]
    public void CommitteeBpRunsAreIndependentOfTheThreadCount(BpAccuracy accuracy, Architecture arch)
    {
        var shape = new CommitteeShape(arch == Architecture.Tree ? 63 : 41, 3, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 30, 0, 4);
        AssertSame(Fbp(shape, data, new IdentityLift(3), accuracy, 1), Fbp(shape, data, new IdentityLift(3), accuracy, 2), $"{accuracy}, {arch}");
    }

    /// <summary>
    /// A whole expanded fBP run (focusing, damping, both wirings, the M-cover and the identity) is the same bit for bit on
    /// the scalar oracle, on Vector256 and on Vector512 lanes, and with the vector delivery off (inconclusive without the hardware).
    /// </summary>
    [TestMethod]
    [DataRow(256, Architecture.Tree, 63, true)]
    [DataRow(256, Architecture.Full, 41, false)]
    [DataRow(512, Architecture.Tree, 63, false)]
    [DataRow(512, Architecture.Full, 41, true)]
    public void ExpandedRunsAreBitIdenticalOnEveryLaneWidth(int lanes, Architecture arch, int n, bool cover)
    {
        RequireLanes(lanes);
        var shape = new CommitteeShape(n, 3, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 30, 0, 4);
        MessagePassingResult Run(int width, bool delivery)
        {
            var (was, wasDelivery) = (ExpandedFactor.Lanes, MessageDelivery.UseLanes);
            (ExpandedFactor.Lanes, MessageDelivery.UseLanes) = (width, delivery);
            try { return Fbp(shape, data, cover ? new MCoverLift(MixingKernel.Ring(3, sigma: 1)) : new IdentityLift(2), BpAccuracy.Expand); }
            finally { (ExpandedFactor.Lanes, MessageDelivery.UseLanes) = (was, wasDelivery); }
        }
        AssertSame(Run(0, false), Run(lanes, true), $"{lanes} bits");
    }

    /// <summary>Q = identity through the routing equals M independent expanded runs bit for bit (edge and unit granularity).</summary>
    [TestMethod]
    [DataRow(Architecture.Tree, Granularity.Edge)]
    [DataRow(Architecture.Full, Granularity.Unit)]
    public void IdentityCoverEqualsIndependentExpandedRuns(Architecture arch, Granularity granularity)
    {
        var shape = new CommitteeShape(arch == Architecture.Tree ? 63 : 31, 3, arch);
        var data = CommitteeDataset.Create(LearningTask.Storage, shape, 30, 0, 5);
        var routed = Fbp(shape, data, new MCoverLift(MixingKernel.Identity(3), Granularity: granularity), BpAccuracy.Expand);
        var independent = Fbp(shape, data, new IdentityLift(3), BpAccuracy.Expand, 2);
        AssertSame(independent, routed, $"{arch}, {granularity}");
        Assert.AreNotEqual(independent.Means[0][0], independent.Means[1][0], "copies start apart");
    }
}
