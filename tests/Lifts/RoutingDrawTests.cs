using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>
/// The table draw (packed permutations, bit planes by transposition, lane words straight from the alias table, tables
/// reused across annealed epochs) against a plain restatement: the same streams replayed through
/// <see cref="PermutationSampler.Sample"/> one permutation at a time and written coordinate by coordinate.
/// </summary>
[TestClass]
public sealed class RoutingDrawTests
{
    private const ulong Seed = 17;

    private static PermutationSampler Sampler(string kind, int m) => kind switch
    {
        "alias" => new AliasSampler(MixingKernel.Ring(m, 0.6)),
        "uniform" => new UniformSampler(m),
        "gumbel" => new GumbelSampler(MixingKernel.Ring(m, 0.6)),
        _ => new ExactSampler(MixingKernel.Ring(m, 0.6)),
    };

    /// <summary>π_{iμ} of every edge, replayed: stream (seed, Routing, epoch·2³² + μ), one Sample per row, word or coordinate.</summary>
    private static int[,,] Replay(PermutationSampler sampler, int n, int p, Granularity granularity, int epoch)
    {
        int m = sampler.Copies;
        var sources = new int[p, m, n];
        var perm = new int[m];
        for (int mu = 0; mu < p; mu++)
        {
            var rng = RngStream.For(Seed, StreamTag.Routing, ((ulong)(uint)epoch << 32) | (uint)mu);
            if (granularity == Granularity.Unit) sampler.Sample(ref rng, perm);
            for (int i = 0; i < n; i++)
            {
                if (granularity == Granularity.Edge || (granularity == Granularity.Word && i % 64 == 0)) sampler.Sample(ref rng, perm);
                for (int b = 0; b < m; b++) sources[mu, b, i] = perm[b];
            }
        }
        return sources;
    }

    private static void AssertTable(int[,,] expected, RoutingTable table, string what)
    {
        for (int mu = 0; mu < table.P; mu++)
            for (int b = 0; b < table.Copies; b++)
            {
                for (int i = 0; i < table.N; i++)
                    Assert.AreEqual(expected[mu, b, i], table.Source(mu, b, i), $"{what}: μ = {mu}, b = {b}, i = {i}");
                if (table.WordRouted)
                    for (int j = 0; j < table.Words; j++)
                        Assert.AreEqual(expected[mu, b, 64 * j], table.WordSources(mu, b)[j], $"{what}: word source μ = {mu}, b = {b}, j = {j}");
            }
        if (table.HasLanePermutations)
            for (int mu = 0; mu < table.P; mu++)
                for (int j = 0; j < table.Words; j++)
                    for (int b = 0; b < table.Copies; b++)
                    {
                        var lanes = table.LanePermutations(mu);
                        int a = expected[mu, b, 64 * j];
                        ulong inverseWord = table.LanePermutationWords == 1 ? lanes[j] >> 32 : lanes[2 * j + 1];
                        Assert.AreEqual(b, (int)(inverseWord >> (4 * a)) & 15, $"{what}: π⁻¹ μ = {mu}, j = {j}, a = {a}");
                    }
    }

    /// <summary>Every granularity, layout and sampler kind, M across the packed (≤ 16) and unpacked paths, N with a partial last word:
    /// the drawn table is the replayed one, planes, word sources and lane words alike.</summary>
    [TestMethod]
    [DataRow("alias", 3)]
    [DataRow("alias", 8)]
    [DataRow("exact", 5)]
    [DataRow("uniform", 12)]
    [DataRow("gumbel", 20)]
    public void DrawEqualsReplayedPermutations(string kind, int m)
    {
        var sampler = Sampler(kind, m);
        const int n = 150, p = 3;
        foreach (var granularity in new[] { Granularity.Edge, Granularity.Word, Granularity.Unit })
        {
            var expected = Replay(sampler, n, p, granularity, epoch: 2);
            foreach (int interleave in new[] { 0, 4, 8 })
                AssertTable(expected, RoutingTable.Draw(sampler, n, p, granularity, Seed, 2, interleave: interleave, threads: 1), $"{granularity}, interleave {interleave}");
        }
    }

    /// <summary>An annealed epoch's redraw into the previous epoch's table: the same instance comes back (no new arrays), holding
    /// exactly what a fresh draw holds; a table of another shape is not reused.</summary>
    [TestMethod]
    [DataRow("alias", 8)]
    [DataRow("gumbel", 20)]
    public void RedrawIntoReusedTableEqualsFreshDraw(string kind, int m)
    {
        var sampler = Sampler(kind, m);
        const int n = 130, p = 4;
        foreach (var granularity in new[] { Granularity.Edge, Granularity.Word })
            foreach (int interleave in new[] { 0, 8 })
            {
                var previous = RoutingTable.Draw(sampler, n, p, granularity, Seed, 1, interleave: interleave, threads: 1);
                var redrawn = RoutingTable.Draw(sampler, n, p, granularity, Seed, 2, interleave: interleave, threads: 2, reuse: previous);
                Assert.AreSame(previous, redrawn, $"{granularity}, interleave {interleave}: the table is reused");
                AssertTable(Replay(sampler, n, p, granularity, 2), redrawn, $"{granularity}, interleave {interleave}, reused");
                var other = RoutingTable.Draw(sampler, n + 64, p, granularity, Seed, 3, interleave: interleave, threads: 1, reuse: redrawn);
                Assert.AreNotSame(redrawn, other, "a table of another N is not reused");
            }
    }

    /// <summary>The Gumbel sampler (the default for a non-uniform kernel with M &gt; 8) draws without allocating once its thread's
    /// cost matrix exists (the assignment's work rows are on the stack), and its permutations are permutations.</summary>
    [TestMethod]
    [DataRow(12)]
    [DataRow(20)]
    public void GumbelDrawsAllocateNothing(int m)
    {
        var sampler = Sampler("gumbel", m);
        var rng = new RngStream(5);
        Span<int> perm = stackalloc int[m];
        sampler.Sample(ref rng, perm);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int j = 0; j < 200; j++) sampler.Sample(ref rng, perm);
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated by 200 draws");
        var sorted = perm.ToArray();
        Array.Sort(sorted);
        CollectionAssert.AreEqual(Enumerable.Range(0, m).ToArray(), sorted);
    }

    /// <summary>The transposition of 64 packed codes (vector paths) against the scalar oracle, every bit position.</summary>
    [TestMethod]
    public void GatherBitMatchesScalar()
    {
        var rng = RngStream.For(3, StreamTag.Routing);
        var codes = new ulong[64];
        for (int i = 0; i < 64; i++) codes[i] = rng.NextULong();
        for (int k = 0; k < 64; k++)
        {
            ulong expected = 0;
            for (int i = 0; i < 64; i++) expected |= ((codes[i] >> k) & 1) << i;
            Assert.AreEqual(expected, RoutingTable.GatherBitScalar(codes, k), $"scalar, k = {k}");
            Assert.AreEqual(expected, RoutingTable.GatherBit(codes, k), $"vector, k = {k}");
        }
    }

    /// <summary>The alias table's packed and lane-word draws are its unpacked draw: same random words, same π, and π⁻¹ inverts it.</summary>
    [TestMethod]
    [DataRow(4)]
    [DataRow(8)]
    public void AliasPackedDrawsEqualUnpacked(int m)
    {
        var sampler = new AliasSampler(MixingKernel.Ring(m, 0.6));
        RngStream a = RngStream.For(5, StreamTag.Routing), b = a, c = a;
        var perm = new int[m];
        for (int draw = 0; draw < 200; draw++)
        {
            sampler.Sample(ref a, perm);
            ulong packed = sampler.SamplePacked(ref b), lanes = sampler.SampleLanes(ref c);
            for (int x = 0; x < 8; x++)
            {
                int pi = x < m ? perm[x] : x;
                if (x < m) Assert.AreEqual(pi, (int)(packed >> (4 * x)) & 15, $"packed π({x})");
                Assert.AreEqual(pi, (int)(lanes >> (4 * x)) & 15, $"lane π({x})");
                Assert.AreEqual(x, (int)(lanes >> (32 + 4 * pi)) & 15, $"lane π⁻¹({pi})");
            }
            Assert.AreEqual(0UL, packed >> (4 * m), "no bits beyond π(M − 1)");
        }
    }
}
