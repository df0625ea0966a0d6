using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>A routing drawn pattern by pattern (<see cref="RoutingStorage.Hashed"/>): the stored table's rows, a ring of
/// <see cref="PatternRouting.Kept"/> tables reused in place, and no allocation once the ring is warm.</summary>
[TestClass]
public sealed class PatternRoutingTests
{
    /// <summary>
    /// Every pattern's row equals the stored table's row, in a shuffled order that revisits patterns long after their slot was
    /// overwritten (P = 300 &gt; 64 slots), for edge and word granularity, packed (M = 4) and unpacked (M = 20) planes; the
    /// tables of K = 5 consecutive patterns held at once stay correct.
    /// </summary>
    [TestMethod]
    [DataRow(Granularity.Edge, 4)]
    [DataRow(Granularity.Word, 4)]
    [DataRow(Granularity.Edge, 20)]
    public void DrawnRowsEqualTheStoredTable(Granularity granularity, int m)
    {
        int n = 131, p = 300;
        var stored = new MCoverLift(MixingKernel.Uniform(m), Schedule.Annealed, granularity, Storage: RoutingStorage.Stored);
        var table = stored.Routing(n, p, 9, 3);
        var hashed = (stored with { Storage = RoutingStorage.Hashed }).Routing(n, p, 9, 3);
        Assert.IsTrue(hashed.IsHashed);
        var rng = new Random(4);
        var order = Enumerable.Range(0, 3 * p).Select(j => j < p ? j : rng.Next(p)).ToArray();
        foreach (int mu in order) AssertRow(table, hashed.For(mu), mu, m, n);
        for (int mu0 = 0; mu0 + 5 <= p; mu0 += 37)
        {
            var held = Enumerable.Range(mu0, 5).Select(hashed.For).ToArray();
            Assert.AreEqual(5, held.Select(h => h.Table).Distinct().Count(), "five consecutive patterns, five tables");
            for (int k = 0; k < 5; k++) AssertRow(table, held[k], mu0 + k, m, n);
        }
    }

    /// <summary>A caller that holds more than <see cref="PatternRouting.Kept"/> tables at once (a committee with K &gt; 64 units
    /// holds its K unit rows) asks for them with <see cref="PatternRouting.Hold"/>: 100 consecutive patterns, 100 tables, each
    /// its stored row; without it the 65th would overwrite the first.</summary>
    [TestMethod]
    public void HoldKeepsMoreThan64TablesApart()
    {
        int n = 70, p = 400, m = 3;
        var stored = new MCoverLift(MixingKernel.Uniform(m), Storage: RoutingStorage.Stored);
        var table = stored.Routing(n, p, 4, 0);
        var hashed = (stored with { Storage = RoutingStorage.Hashed }).Routing(n, p, 4, 0);
        var unheld = Enumerable.Range(0, 100).Select(hashed.For).ToArray();
        Assert.AreSame(unheld[0].Table, unheld[64].Table, "the default ring keeps 64");
        hashed.Hold(100);
        foreach (int first in new[] { 0, 250 })
        {
            var held = Enumerable.Range(first, 100).Select(hashed.For).ToArray();
            Assert.AreEqual(100, held.Select(h => h.Table).Distinct().Count(), "100 patterns, 100 tables");
            for (int k = 0; k < 100; k++) AssertRow(table, held[k], first + k, m, n);
        }
    }

    private static void AssertRow(PatternRouting stored, (RoutingTable Table, int Row) drawn, int mu, int m, int n)
    {
        var (table, row) = stored.For(mu);
        for (int b = 0; b < m; b++)
            for (int i = 0; i < n; i++)
                Assert.AreEqual(table.Source(row, b, i), drawn.Table.Source(drawn.Row, b, i), $"μ {mu}, b {b}, i {i}");
    }

    /// <summary>Once every slot of the ring holds a table, drawing further patterns allocates nothing (the tables are
    /// overwritten in place and one row is filled without a parallel loop): packed planes with the alias sampler, unpacked
    /// planes (M = 20) with the uniform sampler. (The Gumbel sampler, the default for a non-uniform kernel with M &gt; 8,
    /// allocates its cost matrix per sample.)</summary>
    [TestMethod]
    [DataRow(Granularity.Edge, 4, "ring:sigma=1")]
    [DataRow(Granularity.Word, 8, "ring:sigma=1")]
    [DataRow(Granularity.Edge, 20, "uniform")]
    public void WarmRingDrawsWithoutAllocating(Granularity granularity, int m, string kernel)
    {
        var lift = new MCoverLift(MixingKernel.Parse(kernel, m), Schedule.Quenched, granularity, Storage: RoutingStorage.Hashed);
        var routing = lift.Routing(257, 1000, 2, 0);
        for (int mu = 0; mu < 2 * PatternRouting.Kept; mu++) routing.For(mu);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int mu = 2 * PatternRouting.Kept; mu < 1000; mu++) routing.For(mu);
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated drawing 872 patterns");
    }
}
