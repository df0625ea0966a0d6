using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;
using MCoverPhysics.Lifts;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// --threads is a hard limit for everything a task does: data, training and the routing tables of annealed redraws, for the
/// committee as for the perceptron; and the results do not depend on it.
/// </summary>
[TestClass]
public sealed class ThreadLimitTests
{
    private static RunConfig Committee(string rule, string extra = "") => RunConfig.FromValues(new Dictionary<string, string>
    {
        ["model"] = "committee", ["hidden"] = "3", ["arch"] = "tree", ["task"] = "teacher", ["rule"] = rule, ["n"] = "99",
        ["alpha"] = "1", ["copies"] = "4", ["test-patterns"] = "200", ["seed"] = "7", ["kernel"] = "uniform", ["schedule"] = "annealed",
    }.Where(kv => !extra.Contains(kv.Key + "=", StringComparison.Ordinal))
        .Concat(extra.Split(',').Select(kv => kv.Split('=')).Select(kv => KeyValuePair.Create(kv[0], kv[1]))).ToDictionary());

    public static IEnumerable<object[]> Configs() =>
    [
        ["cpr, annealed uniform, edge", "cpr", "epochs=8"],
        ["cpr, annealed uniform, word", "cpr", "epochs=8,granularity=word"],
        ["rbp, annealed uniform", "rbp", "iters=20"],
        ["rbp, annealed uniform, on a team (M·K·n ≥ 2048)", "rbp", "iters=10,n=999,alpha=0.1"],
        ["fbp expand, quenched uniform, on a team", "fbp", "iters=5,n=999,alpha=0.1,schedule=quenched,bp-accuracy=expand"],
    ];

    [TestMethod]
    [DynamicData(nameof(Configs))]
    public void CommitteeResultsDoNotDependOnTheThreadLimit(string name, string rule, string extra)
    {
        var config = Committee(rule, extra);
        int was = CommitteeBp.MinTeamEdges;
        if (name.Contains("on a team")) CommitteeBp.MinTeamEdges = 2048; // the team is off by default (slower on 2 cores)
        try
        {
            var one = PointRunner.Run(config, threads: 1);
            var three = PointRunner.Run(config, threads: 3);
            CollectionAssert.AreEqual(one.Observables.Copies.Select(c => c.TestError).ToArray(), three.Observables.Copies.Select(c => c.TestError).ToArray(), name);
            CollectionAssert.AreEqual(one.RRaw, three.RRaw, name);
            Assert.AreEqual(one.RoutedTrainError, three.RoutedTrainError, name);
            Assert.AreEqual(one.EpochsRun, three.EpochsRun, name);
        }
        finally { CommitteeBp.MinTeamEdges = was; }
    }

    [TestMethod]
    [DataRow("cpr", "epochs=3")]
    [DataRow("rbp", "iters=4")]
    [DataRow("fbp", "iters=4")]
    public void CommitteeRoutingIsDrawnOnTheTasksThreads(string rule, string extra)
    {
        var config = Committee(rule, extra);
        var data = config.Data.CreateCommittee(config.Shape, config.Seed, 2);
        foreach (int threads in new[] { 1, 2, 5 })
        {
            var lift = config.Rule.CommitteeDynamics(config, data, threads) switch
            {
                CommitteeTrainer t => t.Lift,
                CommitteeBeliefPropagationDynamics bp => bp.Lift,
                var other => throw new AssertFailedException($"{rule}: unexpected dynamics {other.GetType().Name}"),
            };
            Assert.AreEqual(threads, ((MCoverLift)lift!).Threads, $"{rule} with --threads {threads}");
            if (config.Rule.CommitteeDynamics(config, data, threads) is CommitteeBeliefPropagationDynamics engine)
                Assert.AreEqual(threads, engine.Threads, $"{rule}: the routed sweep's team gets --threads {threads}");
        }
    }
}
