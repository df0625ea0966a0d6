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
        using (var progress = new LineProgress(log, costs))
        {
            var results = SweepRunner.Run(tasks, 1, progress);
            Assert.HasCount(2, results);
        }
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        StringAssert.StartsWith(lines[0], "[1/2] rule=cpr alpha=0.5 n=51 M=2 seed=1: eps_g=");
        StringAssert.Contains(lines[0], "tasks/s ETA ");
        StringAssert.EndsWith(lines[1], "ETA 00:00:00");
        // After the cheap task (1.05% of the cost) the ETA is elapsed × 94.8, not the count-based elapsed × 1.
        var clock = new CostClock(costs);
        Thread.Sleep(100);
        var eta = clock.Finished(tasks[0]);
        Assert.IsTrue(eta.TotalSeconds > 0.1 * costs[1] / costs[0] * 0.9 && eta.TotalSeconds < 0.1 * costs[1] / costs[0] * 3, $"ETA {eta}");
        Assert.AreEqual(TimeSpan.Zero, clock.Finished(tasks[1]));
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
