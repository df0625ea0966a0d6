using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;
using MCoverPhysics.Tests.Models;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>
/// The routed trainer's two kernel families (copy-major multiplexers and copy-interleaved registers) against a plain
/// coordinate-by-coordinate restatement of the lifted rule of docs/mcover.md.
/// </summary>
[TestClass]
public sealed class RoutedKernelsTests
{
    private static IOnlineRule Rule(string name, int n) => name switch
    {
        "cp" => new ClippedPerceptron(n),
        "cpr" => new CpReinforced(n, C: 0.5),
        _ => new Sbpi(n, ThetaM: 3, Ps: 0.5),
    };

    /// <summary>
    /// One epoch of the lifted rule, coordinate by coordinate: w̃_i = w_i^{π_{iμ}(b)} for every factor copy b first, the rule
    /// decides on Δ_b = σ w̃·ξ, the update of coordinate i goes to copy π_{iμ}(b), then reinforcement of weight copy b.
    /// </summary>
    private static void NaiveEpoch(HiddenStates h, RngStream[] rules, ref RngStream orders, int[] order, Dataset data, RoutingTable table, IOnlineRule rule)
    {
        int n = data.N, m = h.Copies, bound = h.Bound;
        orders.Shuffle(order); // each epoch shuffles the previous epoch's order
        var actions = new RuleAction[m];
        var routed = new int[m, n];
        foreach (int mu in order)
        {
            var xi = data.Patterns.Row(mu);
            int sigma = data.Labels[mu];
            for (int b = 0; b < m; b++)
            {
                int delta = 0;
                for (int i = 0; i < n; i++)
                {
                    routed[b, i] = Math.Sign(h.Get(table.Source(mu, b, i), i));
                    delta += sigma * routed[b, i] * PackedSpins.Get(xi, i);
                }
                actions[b] = rule.Decide(delta, ref rules[b]);
            }
            for (int b = 0; b < m; b++)
                for (int i = 0; i < n; i++)
                {
                    int a = table.Source(mu, b, i), target = sigma * PackedSpins.Get(xi, i);
                    bool perceptron = (actions[b] & RuleAction.Perceptron) != 0;
                    bool metaplastic = !perceptron && (actions[b] & RuleAction.Metaplastic) != 0 && routed[b, i] == target;
                    if (perceptron || metaplastic) h.Set(a, i, Math.Clamp(h.Get(a, i) + 2 * target, -bound, bound));
                }
            for (int b = 0; b < m; b++)
                if ((actions[b] & RuleAction.Reinforce) != 0)
                    for (int i = 0; i < n; i++) h.Set(b, i, Math.Clamp(h.Get(b, i) + 2 * Math.Sign(h.Get(b, i)), -bound, bound));
        }
    }

    [TestMethod]
    // Bounds H = 1, 3, 7, 15, 21, 41, 63, 201, 633 give 1…10 state planes, each unrolled at compile time (21, 41 and 201:
    // S_max not all ones); 2047 (11 planes) runs the general loop.
    [DataRow("cp", 2, Granularity.Edge, 7)] [DataRow("cp", 3, Granularity.Word, 1)] [DataRow("cp", 8, Granularity.Edge, 15)]
    [DataRow("cp", 9, Granularity.Edge, 3)] [DataRow("cp", 17, Granularity.Word, 21)]
    [DataRow("cpr", 5, Granularity.Edge, 41)] [DataRow("cpr", 8, Granularity.Word, 15)] [DataRow("cpr", 16, Granularity.Edge, 2047)]
    [DataRow("sbpi", 4, Granularity.Edge, 7)] [DataRow("sbpi", 8, Granularity.Edge, 21)] [DataRow("sbpi", 12, Granularity.Word, 3)] [DataRow("sbpi", 17, Granularity.Edge, 7)]
    [DataRow("cp", 5, Granularity.Word, 633)] [DataRow("sbpi", 6, Granularity.Word, 63)] [DataRow("cpr", 7, Granularity.Word, 1)]
    [DataRow("cp", 8, Granularity.Word, 7)] [DataRow("sbpi", 8, Granularity.Word, 15)] [DataRow("cp", 8, Granularity.Edge, 201)] [DataRow("cpr", 4, Granularity.Word, 2047)]
    [DataRow("cp", 16, Granularity.Word, 15)] [DataRow("cpr", 9, Granularity.Word, 7)] // M = 9…16, word: two registers of lane permutations
    // 18 words: the fused fields' carry-save groups of 4 words, and one word counted directly before the last
    [DataRow("cp", 8, Granularity.Word, 15, 1101)] [DataRow("cp", 7, Granularity.Edge, 15, 1101)]
    public void EveryKernelFollowsTheCoordinateByCoordinateRule(string ruleName, int m, Granularity granularity, int bound, int n = 197)
    {
        int p = 120, epochs = 3; // n = 197: 4 words, the last one partly padding
        var data = Dataset.Create(LearningTask.Storage, n, p, 0, 3);
        var rule = Rule(ruleName, n);
        var lift = new MCoverLift(MixingKernel.Uniform(m), Granularity: granularity);
        var table = RoutingTable.Draw(PermutationSampler.For(lift.Q), n, p, granularity, 7, 0);
        var options = new TrainingOptions { MaxEpochs = epochs, Stop = StopRule.Budget };
        var (expected, rules, orders) = StudentStreams.Start(m, n, bound, 7, options);
        var order = Enumerable.Range(0, p).ToArray();
        for (int t = 0; t < epochs; t++) NaiveEpoch(expected, rules, ref orders, order, data, table, rule);
        var missing = new List<LaneWidth>();

        foreach (var (layout, lanes) in new[]
        {
            (RoutedLayout.CopyMajor, LaneWidth.Auto), (RoutedLayout.CopyMajor, LaneWidth.Scalar),
            (RoutedLayout.Interleaved, LaneWidth.Vector512), (RoutedLayout.Interleaved, LaneWidth.Vector256), (RoutedLayout.Interleaved, LaneWidth.Scalar),
        })
        {
            if (!LaneSupport.Runs(lanes))
            {
                missing.Add(lanes);
                continue;
            }
            var run = new RoutedTrainer(data, lift, rule, bound, 7, options with { RoutedLayout = layout, Lanes = lanes }).Run();
            Assert.AreEqual(epochs, run.EpochsRun);
            for (int a = 0; a < m; a++)
            {
                for (int i = 0; i < n; i++)
                    Assert.AreEqual(expected.Get(a, i), run.States.Get(a, i), $"{layout}/{lanes}: h[{a},{i}]");
                for (int q = 0; q < run.States.Planes; q++) // the last word's padding lanes are never updated
                    Assert.AreEqual(0UL, run.States.Plane(a, q)[^1] & ~PackedSpins.LastWordMask(n), $"{layout}/{lanes}: padding of copy {a}, plane {q}");
            }
            for (int a = 0; a < m; a++)
            {
                int errors = 0;
                for (int mu = 0; mu < p; mu++) errors += data.Labels[mu] * PackedSpins.Dot(expected.Weights(a), data.Patterns.Row(mu), n) <= 0 ? 1 : 0;
                Assert.AreEqual(errors, run.TrainErrorCounts[a], $"{layout}/{lanes}: errors of copy {a}");
            }
        }
        if (missing.Count > 0) Assert.Inconclusive($"the other layouts agree; {string.Join(", ", missing)} lanes are not hardware-accelerated on this host");
    }

    /// <summary>
    /// The next pattern's fields counted inside the update pass (word granularity, M = 8, 512-bit lanes) are exact where
    /// every synapse disagrees: w^a = −ξ for every copy and N = 2561 (41 words, past one 31-word block of byte counters, which
    /// would overflow if widened later). Reinforcement keeps every sign (h = ±1 → ±3), so the fields are −N, as from the
    /// separate routing and error passes.
    /// </summary>
    [TestMethod]
    public void FusedNextFieldsAreExactWhenEverySynapseDisagrees()
    {
        if (!Avx512BW.IsSupported) Assert.Inconclusive("the fused path needs 512-bit lanes (AVX-512BW)");
        int n = 2561, m = 8;
        var data = Dataset.Create(LearningTask.Storage, n, 2, 0, 3);
        var xi = data.Patterns.Row(0);
        var states = new HiddenStates(m, n, 7, LaneWidth.Vector512);
        for (int a = 0; a < m; a++)
            for (int i = 0; i < n; i++) states.Set(a, i, -PackedSpins.Get(xi, i));
        var table = RoutingTable.Draw(PermutationSampler.For(MixingKernel.Uniform(m)), n, 2, Granularity.Word, 7, 0, interleave: 8);
        Assert.IsTrue(table.HasLanePermutations);
        var kernels = IRoutedKernels.For(states, RoutedLayout.Interleaved);
        kernels.Load();
        var actions = new RuleAction[m];
        actions[3] = RuleAction.Reinforce;
        var dots = new int[m];
        kernels.UpdateThenRoute(table, 1, data.Patterns.Row(1), data.Labels[1], actions, table, 0, xi, dots);
        CollectionAssert.AreEqual(Enumerable.Repeat(-n, m).ToArray(), dots);
        var separate = new int[m];
        kernels.RoutedDots(table, 0, xi, separate); // the separate passes count in the same 31-word blocks
        CollectionAssert.AreEqual(dots, separate);
        kernels.BaseDots(xi, separate);
        CollectionAssert.AreEqual(dots, separate);
        kernels.Sync();
        for (int i = 0; i < n; i++) Assert.AreEqual(-3 * PackedSpins.Get(xi, i), states.Get(3, i), $"h[3,{i}]");
    }

    /// <summary>
    /// The same with perceptron messages from every factor copy (the branch-free word path): |h| = 3 against ξ⁰ and one CP
    /// step by σ¹ξ¹ keep every sign, so the next pattern's fields are −N. N = 8257 (130 words) passes the 31 groups of 4
    /// words after which that path's byte counters of weight-4 carries must be widened. Every copy receives exactly one
    /// message per word (h = −3ξ⁰ + 2σ¹ξ¹), and the padding lanes of the last word stay clear.
    /// </summary>
    [TestMethod]
    public void FusedPerceptronUpdateIsExactWhenEverySynapseDisagrees()
    {
        if (!Avx512BW.IsSupported) Assert.Inconclusive("the fused path needs 512-bit lanes (AVX-512BW)");
        int n = 8257, m = 8;
        var data = Dataset.Create(LearningTask.Storage, n, 2, 0, 5);
        var table = RoutingTable.Draw(PermutationSampler.For(MixingKernel.Uniform(m)), n, 2, Granularity.Word, 9, 0, interleave: 8);
        foreach (int sigma in new[] { 1, -1 }) // padding lanes start at the bottom level: only σ = −1 would move them up
        {
            ReadOnlySpan<ulong> xi0 = data.Patterns.Row(0), xi1 = data.Patterns.Row(1);
            var states = new HiddenStates(m, n, 7, LaneWidth.Vector512);
            for (int a = 0; a < m; a++)
                for (int i = 0; i < n; i++) states.Set(a, i, -3 * PackedSpins.Get(xi0, i));
            var kernels = IRoutedKernels.For(states, RoutedLayout.Interleaved);
            kernels.Load();
            var actions = Enumerable.Repeat(RuleAction.Perceptron, m).ToArray();
            var dots = new int[m];
            kernels.UpdateThenRoute(table, 1, xi1, sigma, actions, table, 0, xi0, dots);
            CollectionAssert.AreEqual(Enumerable.Repeat(-n, m).ToArray(), dots, $"σ = {sigma}");
            kernels.Sync();
            for (int a = 0; a < m; a++)
            {
                for (int i = 0; i < n; i++)
                    Assert.AreEqual(-3 * PackedSpins.Get(xi0, i) + 2 * sigma * PackedSpins.Get(xi1, i), states.Get(a, i), $"σ = {sigma}: h[{a},{i}]");
                for (int p = 0; p < states.Planes; p++)
                    Assert.AreEqual(0UL, states.Plane(a, p)[^1] & ~PackedSpins.LastWordMask(n), $"σ = {sigma}: padding of copy {a}, plane {p}");
            }
        }
    }

    /// <summary>Both kernel families report the same routed (lifted) errors and stop at the same epoch.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge, Schedule.Quenched)] [DataRow(Granularity.Word, Schedule.Annealed)]
    public void LayoutsAgreeOnRoutedErrorsAndStopping(Granularity granularity, Schedule schedule)
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 255, 100, 0, 5);
        var lift = new MCoverLift(MixingKernel.Parse("ring:sigma=1", 8), schedule, granularity);
        var options = new TrainingOptions { MaxEpochs = 200, Stop = StopRule.Any };
        var major = new RoutedTrainer(data, lift, new ClippedPerceptron(255), 31, 3, options with { RoutedLayout = RoutedLayout.CopyMajor }).Run();
        var interleaved = new RoutedTrainer(data, lift, new ClippedPerceptron(255), 31, 3, options with { RoutedLayout = RoutedLayout.Interleaved }).Run();
        Assert.AreEqual(major.EpochsRun, interleaved.EpochsRun);
        Assert.AreEqual(major.RoutedErrorCount, interleaved.RoutedErrorCount);
        CollectionAssert.AreEqual(major.TrainErrorCounts, interleaved.TrainErrorCounts);
        CollectionAssert.AreEqual(major.FirstSolvedEpoch, interleaved.FirstSolvedEpoch);
    }

    /// <summary>The copy-interleaved table layout holds the same permutations as the copy-major one, stored or drawn on the fly.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge, 5)] [DataRow(Granularity.Word, 8)] [DataRow(Granularity.Edge, 11)] [DataRow(Granularity.Word, 13)] [DataRow(Granularity.Word, 16)]
    public void InterleavedTablesHoldTheSamePermutations(Granularity granularity, int m)
    {
        int n = 150, p = 6;
        var sampler = PermutationSampler.For(MixingKernel.Parse("ring:sigma=1", m));
        var major = RoutingTable.Draw(sampler, n, p, granularity, 4, 2);
        foreach (int width in new[] { 1, 4, 8 })
        {
            var drawn = RoutingTable.Draw(sampler, n, p, granularity, 4, 2, interleave: width);
            var converted = major.ToInterleaved(width);
            Assert.AreEqual(width, drawn.Interleave);
            Assert.AreEqual(0, drawn.PaddedCopies % width);
            for (int mu = 0; mu < p; mu++)
            {
                var hashed = new PatternRouting(sampler, n, granularity, 4, 2, width).For(mu).Table;
                for (int b = 0; b < m; b++)
                    for (int i = 0; i < n; i++)
                    {
                        int source = major.Source(mu, b, i);
                        Assert.AreEqual(source, drawn.Source(mu, b, i));
                        Assert.AreEqual(source, converted.Source(mu, b, i));
                        Assert.AreEqual(source, hashed.Source(0, b, i));
                    }
            }
            Assert.ThrowsExactly<InvalidOperationException>(() => drawn.Planes(0, 0).Length.ToString());
            bool lanePermuted = granularity == Granularity.Word && width == 8 && m <= 16;
            Assert.AreEqual(lanePermuted, drawn.HasLanePermutations);
            Assert.AreEqual(lanePermuted, converted.HasLanePermutations);
            if (!lanePermuted) continue;
            int lanesPerWord = m <= 8 ? 8 : 16, packed = lanesPerWord / 8;
            Assert.AreEqual(packed, drawn.LanePermutationWords);
            // The kernels read only the lane permutations: no bit planes are kept, and the size estimate says so.
            Assert.AreEqual(0, drawn.InterleavedPlanes(0).Length);
            Assert.AreEqual(0, converted.InterleavedPlanes(0).Length);
            Assert.AreEqual((long)p * PackedSpins.WordCount(n) * packed * sizeof(ulong), RoutingTable.BytesFor(n, p, m, width, granularity));
            for (int mu = 0; mu < p; mu++)
            {
                var lanes = drawn.LanePermutations(mu);
                CollectionAssert.AreEqual(lanes.ToArray(), converted.LanePermutations(mu).ToArray());
                for (int j = 0; j < PackedSpins.WordCount(n); j++)
                    for (int b = 0; b < lanesPerWord; b++)
                    {
                        int source = b < m ? major.Source(mu, b, 64 * j) : b; // padding lanes map to themselves
                        // M ≤ 8: π in bits 0…31 and π⁻¹ in bits 32…63 of one word; M ≤ 16: π in one word, π⁻¹ in the next.
                        int forward = packed == 1 ? (int)(lanes[j] >> (4 * b)) & 15 : (int)(lanes[2 * j] >> (4 * b)) & 15;
                        int inverse = packed == 1 ? (int)(lanes[j] >> (32 + 4 * source)) & 15 : (int)(lanes[2 * j + 1] >> (4 * source)) & 15;
                        Assert.AreEqual(source, forward, $"π of word {j}, lane {b}");
                        Assert.AreEqual(b, inverse, $"π⁻¹ of word {j}");
                    }
            }
        }
    }
}
