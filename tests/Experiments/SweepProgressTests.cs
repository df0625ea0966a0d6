using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The one-line-per-task log (SLURM logs, CI) and its cost-weighted ETA.</summary>
[TestClass]
public sealed class SweepProgressTests
{
    [TestMethod]
    public void TheLogHasOneLinePerTaskWithRateAndAnEtaFromCost()
    {
        var tasks = new SweepSpec().With(new Dictionary<string, string> { ["n"] = "51,501", ["alpha"] = "0.5", ["copies"] = "2", ["epochs"] = "5" }, "1").Expand();
        var costs = tasks.Select(SweepPlan.Cost).ToList();
        Assert.AreEqual(51.0 * 26 * 2 * 5, costs[0], "cost N·P·M·epochs, P = round(αN)");
        Assert.AreEqual(501.0 * 251 * 2 * 5, costs[1]);
        var log = new StringWriter();
        using (var progress = new LineProgress(log, tasks))
        {
            var results = SweepRunner.Run(tasks, 1, progress);
            Assert.HasCount(2, results);
        }
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        StringAssert.StartsWith(lines[0], "[1/2] rule=cpr alpha=0.5 n=51 M=2 seed=1: eps_g=");
        StringAssert.Contains(lines[0], "tasks/s ETA ");
        StringAssert.EndsWith(lines[1], "ETA 00:00:00");
        // After the cheap task (1.05% of the cost), with nothing measured at the other point, its measured seconds are
        // scaled by the cost model: the ETA is elapsed × 94.8, not the count-based elapsed × 1, and it is a guess.
        var clock = new CostClock(tasks);
        var eta = clock.Finished(tasks[0], 0.1, TimeSpan.FromSeconds(0.1));
        Assert.AreEqual(0.1 * costs[1] / costs[0], eta.Left.TotalSeconds, 1e-3, $"ETA {eta}");
        Assert.IsTrue(eta.Guess);
        StringAssert.StartsWith(eta.ToString(), "ETA ~");
        Assert.AreEqual(new Eta(TimeSpan.Zero, false), clock.Finished(tasks[1], 9.5, TimeSpan.FromSeconds(9.6)));
    }

    /// <summary>
    /// Seeds of a grid point cost alike, whatever the model says: a point that runs 20× longer than a cheaper one (the model
    /// says 3.9×: early stops, caches) is priced at its measured seconds, and the ETA is no longer a guess.
    /// </summary>
    [TestMethod]
    public void TheEtaPricesTheTasksLeftAtTheMeasuredCostOfTheirGridPoint()
    {
        var tasks = new SweepSpec().With(new Dictionary<string, string> { ["n"] = "51,101", ["alpha"] = "0.5", ["copies"] = "2", ["epochs"] = "5" }, "4").Expand();
        Assert.HasCount(8, tasks);
        var clock = new CostClock(tasks);
        var first = clock.Finished(tasks[0], 1, TimeSpan.FromSeconds(1));
        Assert.IsTrue(first.Guess, "one task done, and the n = 101 point priced from the model");
        clock.Finished(tasks[1], 1, TimeSpan.FromSeconds(2));
        clock.Finished(tasks[2], 1, TimeSpan.FromSeconds(3));
        var eta = clock.Finished(tasks[4], 20, TimeSpan.FromSeconds(23));
        // Left: one n = 51 seed (1 s) and three n = 101 seeds (3 × 20 s) = 61 task-seconds, at 23 s of wall per 23 task-seconds.
        Assert.AreEqual(61, eta.Left.TotalSeconds, 1e-6);
        Assert.IsFalse(eta.Guess);
        Assert.AreEqual("ETA 00:01:01", eta.ToString());
        // The model alone would have said 23 s × (cost left)/(cost done) = 42 s: the ETA the issue saw, too short.
        double modelEta = 23.0 * (SweepPlan.Cost(tasks[3]) + 3 * SweepPlan.Cost(tasks[5])) / (3 * SweepPlan.Cost(tasks[0]) + SweepPlan.Cost(tasks[4]));
        Assert.IsLessThan(45.0, modelEta);
    }

    [TestMethod]
    public void FewerTasksThanThreadsGiveTheSameResultsAsOneThread()
    {
        var tasks = new SweepSpec().With(new Dictionary<string, string> { ["n"] = "101", ["alpha"] = "0.5,1", ["copies"] = "5", ["epochs"] = "30" }, "1").Expand();
        var one = SweepRunner.Run(tasks, 1, new SilentProgress());
        var five = SweepRunner.Run(tasks, 5, new SilentProgress()); // 2 tasks share 5 threads: 3 + 2 copy threads
        Assert.AreEqual(MCoverPhysics.Experiments.Output.ResultWriter.QMatrixCsv(one), MCoverPhysics.Experiments.Output.ResultWriter.QMatrixCsv(five));
        CollectionAssert.AreEqual(one.Select(r => r.EpochsRun).ToList(), five.Select(r => r.EpochsRun).ToList());
    }
}
