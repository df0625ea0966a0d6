using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;
using MCoverPhysics.Tests.Models;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class HiddenStatesTests
{
    public static IEnumerable<object[]> Sizes()
    {
        foreach (int n in new[] { 1, 63, 64, 65, 1001 })
            foreach (int h in new[] { 1, 3, 7, 15, 21, 41, 63, 101, 127, 201, 301, 633, 2047 })
                foreach (var lanes in new[] { LaneWidth.Scalar, LaneWidth.Vector256, LaneWidth.Vector512 })
                    yield return [n, h, lanes];
    }

    /// <summary>
    /// Random sequences of CP, metaplastic and reinforcement steps on the bit-sliced states agree exactly with
    /// the naive integer rule h_i ← clip(h_i + 2u_i, −H, H), w_i = sign(h_i), at every lane width.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Sizes))]
    public void BitSlicedUpdatesMatchNaiveClippedIntegers(int n, int bound, LaneWidth lanes)
    {
        LaneSupport.Require(lanes);
        const int copies = 2;
        var states = new HiddenStates(copies, n, bound, lanes);
        var naive = new int[copies][];
        var rng = RngStream.For((ulong)(n * 1000 + bound), StreamTag.Rule);
        for (int a = 0; a < copies; a++)
        {
            states.InitRandom(a, RngStream.Key(1, StreamTag.InitialState, (ulong)a));
            naive[a] = Enumerable.Range(0, n).Select(i => states.Get(a, i)).ToArray();
            Assert.IsTrue(naive[a].All(h => h is 1 or -1), "initial states are ±1");
        }
        var xi = new ulong[PackedSpins.WordCount(n)];
        for (int step = 0; step < 400; step++)
        {
            for (int j = 0; j < xi.Length; j++) xi[j] = rng.NextULong(); // garbage in the padding on purpose
            int a = rng.NextInt(copies), sigma = rng.NextInt(2) == 0 ? 1 : -1, kind = rng.NextInt(3);
            for (int i = 0; i < n; i++)
            {
                int x = ((xi[i >> 6] >> (i & 63)) & 1) != 0 ? 1 : -1, h = naive[a][i], w = h > 0 ? 1 : -1;
                int u = kind switch { 0 => sigma * x, 1 => w * x * sigma == 1 ? sigma * x : 0, _ => w };
                naive[a][i] = Math.Clamp(h + 2 * u, -bound, bound);
            }
            switch (kind)
            {
                case 0: states.Apply(a, xi, new PerceptronMask(sigma)); break;
                case 1: states.Apply(a, xi, new MetaplasticMask(sigma)); break;
                default: states.Apply(a, xi, new ReinforceMask()); break;
            }
        }
        for (int a = 0; a < copies; a++)
        {
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(naive[a][i], states.Get(a, i), $"h[{a},{i}]");
                Assert.AreEqual(naive[a][i] > 0 ? 1 : -1, PackedSpins.Get(states.Weights(a), i), $"w[{a},{i}] = sign(h)");
            }
            Assert.IsTrue(PackedSpins.PaddingIsClear(states.Weights(a), n), "weight padding stays zero");
        }
    }

    [TestMethod]
    public void MetaplasticStepNeverFlipsAWeight()
    {
        int n = 1001;
        var states = new HiddenStates(1, n, 63);
        states.InitRandom(0, 77);
        var rng = RngStream.For(2, StreamTag.Rule);
        var xi = new ulong[PackedSpins.WordCount(n)];
        var before = states.Weights(0).ToArray();
        for (int step = 0; step < 200; step++)
        {
            for (int j = 0; j < xi.Length; j++) xi[j] = rng.NextULong();
            states.Apply(0, xi, new MetaplasticMask(step % 2 == 0 ? 1 : -1));
            states.Apply(0, xi, new ReinforceMask());
        }
        CollectionAssert.AreEqual(before, states.Weights(0).ToArray());
    }

    [TestMethod]
    [DataRow(1001, 63)] [DataRow(4001, 127)] [DataRow(100001, 633)] [DataRow(1, 3)] [DataRow(9, 7)] // 2√9 = 6 is a tie between 5 and 7: ties round up
    public void DefaultBoundIsTheOddIntegerNearestTwoRootN(int n, int expected)
    {
        Assert.AreEqual(expected, HiddenStates.DefaultBound(n));
        Assert.AreEqual(1, expected % 2);
    }

    [TestMethod]
    public void PlanesAreTheNarrowestThatHoldTheRange()
    {
        Assert.AreEqual(4, new HiddenStates(1, 5, 15).Planes);
        Assert.AreEqual(5, new HiddenStates(1, 5, 21).Planes);
        Assert.AreEqual(1, new HiddenStates(1, 5, 1).Planes);
        Assert.AreEqual(10, new HiddenStates(1, 5, 633).Planes);
    }
}
