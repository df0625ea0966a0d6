using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Models;

[TestClass]
public sealed class PackedSpinsTests
{
    private static sbyte[] RandomSpins(int n, ref RngStream rng)
    {
        var s = new sbyte[n];
        for (int i = 0; i < n; i++) s[i] = (rng.NextULong() & 1) != 0 ? (sbyte)1 : (sbyte)-1;
        return s;
    }

    private static int NaiveDot(sbyte[] a, sbyte[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>Garbage in the padding must never count: kernels mask the last word.</summary>
    private static ulong[] PackWithGarbage(sbyte[] s, ref RngStream rng)
    {
        var v = PackedSpins.Pack(s);
        if ((s.Length & 63) != 0) v[^1] |= rng.NextULong() & ~PackedSpins.LastWordMask(s.Length);
        return v;
    }

    [TestMethod]
    [DataRow(1)] [DataRow(63)] [DataRow(64)] [DataRow(65)] [DataRow(255)] [DataRow(256)] [DataRow(513)] [DataRow(1001)] [DataRow(4001)] [DataRow(20001)]
    public void DotMatchesNaiveIntegerSumWithGarbageInPadding(int n)
    {
        var rng = RngStream.For(7, StreamTag.Patterns, (ulong)n);
        for (int trial = 0; trial < 20; trial++)
        {
            var a = RandomSpins(n, ref rng);
            var b = RandomSpins(n, ref rng);
            var pa = PackWithGarbage(a, ref rng);
            var pb = PackWithGarbage(b, ref rng);
            int expected = NaiveDot(a, b);
            Assert.AreEqual(expected, PackedSpins.Dot(pa, pb, n), $"vector dot, N = {n}");
            Assert.AreEqual(expected, PackedSpins.DotScalar(pa, pb, n), $"scalar dot, N = {n}");
        }
    }

    [TestMethod]
    [DataRow(1)] [DataRow(63)] [DataRow(64)] [DataRow(65)] [DataRow(1001)]
    public void DotOfAVectorWithItselfIsN(int n)
    {
        var rng = RngStream.For(3, StreamTag.Teacher);
        var v = PackedSpins.Pack(RandomSpins(n, ref rng));
        Assert.AreEqual(n, PackedSpins.Dot(v, v, n));
        var flipped = v.Select(w => ~w).ToArray();
        Assert.AreEqual(-n, PackedSpins.Dot(v, flipped, n), "the complement is the opposite vector; padding garbage is masked");
    }

    [TestMethod]
    [DataRow(1)] [DataRow(63)] [DataRow(64)] [DataRow(65)] [DataRow(1001)]
    public void PackAndUnpackRoundTripAndKeepPaddingClear(int n)
    {
        var rng = RngStream.For(11, StreamTag.Teacher);
        var s = RandomSpins(n, ref rng);
        var v = PackedSpins.Pack(s);
        Assert.AreEqual(PackedSpins.WordCount(n), v.Length);
        Assert.IsTrue(PackedSpins.PaddingIsClear(v, n));
        CollectionAssert.AreEqual(s, PackedSpins.Unpack(v, n));
        for (int i = 0; i < n; i++) Assert.AreEqual(s[i], PackedSpins.Get(v, i));
    }

    [TestMethod]
    [DataRow(1)] [DataRow(63)] [DataRow(64)] [DataRow(65)] [DataRow(1001)]
    public void RandomPatternsHaveClearPaddingAndBalancedSpins(int n)
    {
        var m = PatternMatrix.Random(400, n, RngStream.Key(5, StreamTag.Patterns));
        long plus = 0;
        for (int mu = 0; mu < m.Rows; mu++)
        {
            Assert.IsTrue(PackedSpins.PaddingIsClear(m.Row(mu), n), $"row {mu}");
            for (int i = 0; i < n; i++) plus += PackedSpins.Get(m.Row(mu), i) > 0 ? 1 : 0;
        }
        double total = 400.0 * n, frac = plus / total;
        Assert.AreEqual(0.5, frac, 5 * Math.Sqrt(0.25 / total), "fraction of +1 spins");
    }

    [TestMethod]
    public void TeacherLabelsAreTheSignOfTheNaiveField()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 65, 200, 50, 9);
        var w = PackedSpins.Unpack(data.Teacher!, 65);
        for (int mu = 0; mu < data.P; mu++)
        {
            var xi = PackedSpins.Unpack(data.Patterns.Row(mu), 65);
            Assert.AreEqual(Math.Sign(NaiveDot(w, xi)), data.Labels[mu]);
        }
        Assert.AreEqual(50, data.TestPatterns.Rows);
    }

    [TestMethod]
    public void EvenNIsRejected()
        => Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Dataset.Create(LearningTask.TeacherStudent, 1000, 10, 0, 1));

    [TestMethod]
    public void DataDependOnlyOnTheSeed()
    {
        var a = Dataset.Create(LearningTask.Storage, 101, 50, 0, 42);
        var b = Dataset.Create(LearningTask.Storage, 101, 50, 0, 42);
        var c = Dataset.Create(LearningTask.Storage, 101, 50, 0, 43);
        CollectionAssert.AreEqual(a.Labels, b.Labels);
        Assert.IsTrue(Enumerable.Range(0, 50).All(mu => a.Patterns.Row(mu).SequenceEqual(b.Patterns.Row(mu))));
        Assert.IsFalse(Enumerable.Range(0, 50).All(mu => a.Patterns.Row(mu).SequenceEqual(c.Patterns.Row(mu))));
    }
}
