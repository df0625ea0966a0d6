using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class GibbsLearningTests
{
    /// <summary>
    /// Equilibrium Metropolis at fixed β in teacher–student (N = 401, 8 chains on each of 2 data sets) reproduces the RS
    /// prediction of Gibbs learning at finite temperature (Seung, Sompolinsky, Tishby 1992) for R and the training error
    /// within finite-size error: one sample has sd(R) ≈ 1/√N = 0.05, the mean of 16 about 0.0125 (tolerance 4σ).
    /// docs/results/gibbs-learning.md has the N = 1001 comparison.
    /// </summary>
    [TestMethod]
    [DataRow(0.5, 1.0)] [DataRow(1.0, 0.5)]
    public void EquilibriumChainsMatchTheFiniteTemperatureTheory(double alpha, double beta)
    {
        const int n = 401, copies = 8;
        var theory = GibbsLearningTheory.Solve(alpha, beta);
        double r = 0, train = 0;
        for (ulong seed = 1; seed <= 2; seed++)
        {
            var data = Dataset.Create(LearningTask.TeacherStudent, n, Dataset.PatternCount(alpha, n), 0, seed);
            var result = new MetropolisChain(data, new IdentityLift(copies), seed, new MonteCarloOptions { Beta = beta, Sweeps = 300 }).Run();
            r += result.Weights.Average(w => PackedSpins.Overlap(w, data.Teacher!, n)) / 2;
            train += result.TrainErrorCounts.Average() / data.P / 2;
        }
        Assert.AreEqual(theory.OverlapR, r, 0.05, $"R: RS {theory.OverlapR:F4}, simulation {r:F4}");
        Assert.AreEqual(theory.TrainError, train, 0.03, $"ε_t: RS {theory.TrainError:F4}, simulation {train:F4}");
        Assert.IsTrue(Math.Abs(r) > 0.06, "the students learned something (R = 0 at β = 0)");
    }
}
