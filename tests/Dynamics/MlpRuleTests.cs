using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class MlpRuleTests
{
    private static IEnumerable<object[]> Rules() =>
    [
        [new SteUpdate(0.7f)], [new SteUpdate(3f)], [new BopUpdate(0.3f, 0.05f)], [new BopUpdate(1f, 0f)],
    ];

    /// <summary>The row update (one call per unit) equals the per-weight rule on every weight, padding bits stay clear.</summary>
    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void RowUpdateEqualsThePerWeightRule(IMlpRule rule)
    {
        foreach (int n in new[] { 1, 63, 64, 65, 130, 256, 501 })
        {
            var rng = RngStream.For(9, StreamTag.Rule, (ulong)n);
            var bits = Enumerable.Range(0, PackedSpins.WordCount(n)).Select(_ => rng.NextULong()).ToArray();
            bits[^1] &= PackedSpins.LastWordMask(n);
            var state = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var grad = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var expectedState = (float[])state.Clone();
            var expected = new int[n];
            for (int i = 0; i < n; i++) expected[i] = rule.Update(PackedSpins.Get(bits, i), ref expectedState[i], grad[i]);
            rule.UpdateRow(bits, state, grad);
            CollectionAssert.AreEqual(expectedState, state, $"n = {n}");
            for (int i = 0; i < n; i++) Assert.AreEqual(expected[i], PackedSpins.Get(bits, i), $"n = {n}, weight {i}");
            Assert.IsTrue(PackedSpins.PaddingIsClear(bits, n));
        }
    }

    /// <summary>BOP flips exactly the weights whose moving average passes τ with the weight's own sign (Helwegen et al. 2019).</summary>
    [TestMethod]
    [DataRow(1, 0.5f, 1)] [DataRow(1, -0.5f, 1)] [DataRow(-1, -0.5f, -1)] [DataRow(-1, 0.5f, -1)] [DataRow(1, 0.05f, 1)]
    public void BopFlipsWhenTheAverageExceedsTauWithTheWeightsSign(int w, float gradient, int sign)
    {
        var rule = new BopUpdate(1f, 0.1f);
        float m = 0;
        int after = rule.Update(w, ref m, gradient);
        bool flips = Math.Abs(gradient) > 0.1f && Math.Sign(gradient) == sign;
        Assert.AreEqual(flips ? -w : w, after);
    }
}
