using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class RuleContractTests
{
    public static IEnumerable<object[]> Rules() =>
    [
        [new ClippedPerceptron(1001)],
        [new ClippedPerceptron(1001, Kappa: 0.5)],
        [new CpReinforced(1001)],
        [new Sbpi(1001)],
        [new Sbpi(1001, Kappa: 0.2, ThetaM: 40)],
    ];

    /// <summary>Every rule makes the CP step exactly when Δ ≤ κ√N.</summary>
    [TestMethod]
    [DynamicData(nameof(Rules))]
    public void EveryRuleMakesTheCpStepExactlyAtOrBelowTheMargin(IOnlineRule rule)
    {
        double kappa = rule switch { ClippedPerceptron c => c.Kappa, CpReinforced c => c.Kappa, Sbpi s => s.Kappa, _ => 0 };
        double margin = kappa * Math.Sqrt(1001);
        var rng = RngStream.For(1, StreamTag.Rule);
        for (int delta = -1001; delta <= 1001; delta += 2)
        {
            bool cp = (rule.Decide(delta, ref rng) & RuleAction.Perceptron) != 0;
            Assert.AreEqual(delta <= margin, cp, $"Δ = {delta}");
        }
    }

    [TestMethod]
    public void CprReinforcesWithProbabilityPr()
    {
        var rule = new CpReinforced(1001, C: 0.16);
        Assert.AreEqual(0.16 * Math.Sqrt(2 / (Math.PI * 1001)), rule.Pr, 1e-15);
        var rng = RngStream.For(4, StreamTag.Rule);
        const int trials = 400_000;
        int hits = 0;
        for (int t = 0; t < trials; t++) if ((rule.Decide(101, ref rng) & RuleAction.Reinforce) != 0) hits++;
        Assert.AreEqual(rule.Pr, (double)hits / trials, 5 * Math.Sqrt(rule.Pr / trials));
    }

    [TestMethod]
    public void SbpiMetaplasticStepHasProbabilityPsOnlyBetweenZeroAndThetaM()
    {
        var rule = new Sbpi(1001, ThetaM: 5, Ps: 0.3);
        var rng = RngStream.For(6, StreamTag.Rule);
        const int trials = 100_000;
        int hits = 0;
        for (int t = 0; t < trials; t++) if (rule.Decide(3, ref rng) == RuleAction.Metaplastic) hits++;
        Assert.AreEqual(0.3, (double)hits / trials, 5 * Math.Sqrt(0.21 / trials));
        for (int t = 0; t < 1000; t++) Assert.AreEqual(RuleAction.None, rule.Decide(7, ref rng), "Δ > θ_m: no update");
    }
}
