using System.Numerics;
using System.Runtime.Intrinsics;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Models;

/// <summary>
/// The per-width operations of <see cref="ILanes{T}"/> (counting, compressors, lane permutations) at every width against a
/// lane-by-lane restatement: the one-instruction AVX-512 forms and the emulated narrower ones mean the same thing.
/// </summary>
[TestClass]
public sealed class LanesTests
{
    private static void Check<TL, T>(int seed) where TL : ILanes<T> where T : unmanaged
    {
        int w = TL.Width;
        var rng = new RngStream((ulong)seed);
        ulong[] a = new ulong[w], b = new ulong[w], c = new ulong[w], out1 = new ulong[w], out2 = new ulong[w];
        for (int round = 0; round < 200; round++)
        {
            for (int t = 0; t < w; t++) (a[t], b[t], c[t]) = (rng.NextULong(), rng.NextULong(), rng.NextULong());
            T va = TL.Load(ref a[0]), vb = TL.Load(ref b[0]), vc = TL.Load(ref c[0]);
            Store<TL, T>(TL.Xor3(va, vb, vc), out1);
            Store<TL, T>(TL.Majority(va, vb, vc), out2);
            for (int t = 0; t < w; t++)
            {
                Assert.AreEqual(a[t] ^ b[t] ^ c[t], out1[t], "Xor3");
                Assert.AreEqual((a[t] & b[t]) | (a[t] & c[t]) | (b[t] & c[t]), out2[t], "Majority");
            }
            // 31 byte counts, widened: the per-lane popcount sum.
            T bytes = default;
            var expected = new ulong[w];
            for (int k = 0; k < 31; k++)
            {
                for (int t = 0; t < w; t++)
                {
                    a[t] = rng.NextULong();
                    expected[t] += (ulong)BitOperations.PopCount(a[t]);
                }
                bytes = TL.AddPopCounts(bytes, TL.Load(ref a[0]));
            }
            Store<TL, T>(TL.Add(TL.Widen(bytes), TL.Broadcast(1)), out1);
            for (int t = 0; t < w; t++) Assert.AreEqual(expected[t] + 1, out1[t], "AddPopCounts, Widen, Add");
            // Nibble indices and the two permutations.
            ulong packed = rng.NextULong();
            va = TL.Load(ref a[0]);
            foreach (bool high in new[] { false, true })
            {
                T indices = TL.Nibbles(packed, high);
                Store<TL, T>(indices, out1);
                for (int t = 0; t < w; t++) Assert.AreEqual((packed >> (4 * t + (high ? 32 : 0))) & 15, out1[t] & 15, "Nibbles");
                Store<TL, T>(TL.Permute(va, indices), out2);
                for (int t = 0; t < w; t++) Assert.AreEqual(a[(int)(out1[t] % (ulong)w)], out2[t], "Permute");
                Store<TL, T>(TL.Permute(va, indices, vb), out2);
                for (int t = 0; t < w; t++)
                {
                    int i = (int)(out1[t] % (ulong)(2 * w));
                    Assert.AreEqual(i < w ? a[i] : b[i - w], out2[t], "Permute of two registers");
                }
            }
        }
    }

    private static void Store<TL, T>(T value, ulong[] to) where TL : ILanes<T> where T : unmanaged => TL.Store(ref to[0], value);

    [TestMethod]
    [DataRow(LaneWidth.Scalar)] [DataRow(LaneWidth.Vector256)] [DataRow(LaneWidth.Vector512)]
    public void EveryWidthMeansTheSameLaneOperations(LaneWidth lanes)
    {
        LaneSupport.Require(lanes);
        switch (lanes)
        {
            case LaneWidth.Scalar: Check<Lanes64, ulong>(1); break;
            case LaneWidth.Vector256: Check<Lanes256, Vector256<ulong>>(2); break;
            default: Check<Lanes512, Vector512<ulong>>(3); break;
        }
    }
}
