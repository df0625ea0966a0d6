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

    /// <summary>A decaying step is the constant rule at the step of the epoch: η_t = η·d^(t−1) (ste), γ_t = γ·d^(t−1) (bop), the
    /// same update weight by weight; epoch 1 is the undecayed rule and d = 1 is no schedule at all.</summary>
    [TestMethod]
    public void ADecayingStepIsTheConstantRuleAtTheEpochsStep()
    {
        (IMlpRule Decayed, Func<double, IMlpRule> Constant)[] pairs =
            [(new SteUpdate(0.8f, 0.5), s => new SteUpdate((float)(0.8 * s))), (new BopUpdate(0.4f, 0.01f, 0.5), s => new BopUpdate((float)(0.4 * s), 0.01f))];
        foreach (var (decayed, constant) in pairs)
            foreach (int epoch in new[] { 1, 2, 4 })
            {
                var rng = RngStream.For(5, StreamTag.Rule, (ulong)epoch);
                var at = decayed.AtEpoch(epoch);
                var reference = constant(Math.Pow(0.5, epoch - 1));
                for (int k = 0; k < 200; k++)
                {
                    int w = (rng.NextULong() & 1) != 0 ? 1 : -1;
                    float state = (float)(rng.NextDouble() * 0.2 - 0.1), expected = state, gradient = (float)(rng.NextDouble() - 0.5);
                    Assert.AreEqual(reference.Update(w, ref expected, gradient), at.Update(w, ref state, gradient), $"{decayed}, epoch {epoch}");
                    Assert.AreEqual(expected, state, $"{decayed}, epoch {epoch}");
                }
            }
        var plain = new SteUpdate(0.8f);
        Assert.AreSame(plain, plain.AtEpoch(7));
    }
}
