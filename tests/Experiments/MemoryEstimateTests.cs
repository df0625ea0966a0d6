using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The up-front memory estimate: a run that cannot fit is refused (exit 2, one line, the dominant field), nothing written.</summary>
[TestClass]
public sealed class MemoryEstimateTests
{
    private const double GiB = 1L << 30;

    /// <summary>The issue's command: N = 10⁸ + 1, M = 1024 passes every per-field check but needs ~200 GiB of hidden states.</summary>
    [TestMethod]
    public void TheIssuesRunIsRefusedBeforeItsDirectoryExists()
    {
        var config = Make(n: 100_000_001, alpha: 0.00001, copies: 1024, test: 0, rule: new CprRule { Epochs = 1 });
        double bytes = MemoryEstimate.Bytes(config.Validate());
        if (bytes <= MemoryEstimate.SafetyFactor * MemoryEstimate.Available)
            Assert.Inconclusive($"this machine has room for the run ({bytes / GiB:F0} GiB)");
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("run", "--n", "100000001", "--alpha", "0.00001", "--copies", "1024", "--test-patterns", "0", "--epochs", "1", "--out", dir);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual("", output);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        StringAssert.StartsWith(err, "mcover: --copies '1024' needs an estimated ");
        Assert.Contains("most of it hidden states", err);
        Assert.Contains("GiB a run may use (80% of the", err);
        Assert.IsFalse(Directory.Exists(dir), "nothing is created");
        Assert.IsGreaterThan(150 * GiB, bytes, "M·N·B bits of hidden states: 1024 × 10⁸ × 15 / 8 bytes");
    }

    /// <summary>Perceptron AMP keeps its work vectors per copy (means and fields N doubles each, g P doubles): each extra copy
    /// adds at least (2N + P)·8 bytes to the AMP part (the estimate once counted one copy's work vectors for all).</summary>
    [TestMethod]
    public void PerceptronAmpCountsEveryCopysWorkVectors()
    {
        static double AmpPart(int copies) => MemoryEstimate.Parts(Make(rule: new AmpRule(), n: 10001, alpha: 2, copies: copies, test: 0).Validate())
            .Single(x => x.What.StartsWith("AMP vectors")).Bytes;
        double perCopy = (2.0 * 10001 + 20002) * 8;
        Assert.IsGreaterThanOrEqualTo(perCopy, (AmpPart(9) - AmpPart(1)) / 8);
    }

    /// <summary>Lifted committee BP keeps a stored routing's source copies, one ushort per cover edge (P·M·K·n); the identity
    /// lift and a hashed routing (one pattern's sources, counted with the buffers) keep none.</summary>
    [TestMethod]
    public void LiftedCommitteeBpCountsItsStoredSources()
    {
        var model = new CommitteeModel { Hidden = 3, Arch = Architecture.Tree, N = 999 };
        var routed = Make(rule: new RbpRule(), model: model, alpha: 0.7, copies: 4, lift: new LiftSpec { Kernel = "uniform" }, test: 0).Validate();
        static IEnumerable<MemoryPart> Sources(RunConfig c) => MemoryEstimate.Parts(c).Where(x => x.What.StartsWith("BP routing sources", StringComparison.Ordinal));
        Assert.AreEqual((double)routed.P * 4 * 999 * sizeof(ushort), Sources(routed).Single().Bytes);
        Assert.IsFalse(Sources(Make(rule: new RbpRule(), model: model, alpha: 0.7, copies: 4, test: 0).Validate()).Any(), "identity lift");
        var hashed = Make(rule: new RbpRule(), model: model, alpha: 0.7, copies: 4, lift: new LiftSpec { Kernel = "uniform", Routing = RoutingStorage.Hashed }, test: 0).Validate();
        Assert.IsFalse(Sources(hashed).Any(), "hashed routing");
    }

    private static RunConfig Make(int n = 1001, double alpha = 1, int copies = 8, int test = 2000, RuleSpec? rule = null, LiftSpec? lift = null, ModelSpec? model = null) => new()
    {
        Model = model ?? new PerceptronModel { N = n },
        Data = new TeacherStudentData { Alpha = alpha, TestPatterns = test },
        Rule = rule ?? new CprRule(),
        Lift = lift ?? new LiftSpec(),
        Copies = copies,
    };

    private static string Refusal(RunConfig config, double limitGiB, int threads = 1, int seeds = 1, bool trace = false)
    {
        var tasks = Enumerable.Range(1, seeds).Select(s => (config with { Seed = (ulong)s }).Validate()).ToList();
        return Assert.ThrowsExactly<UsageException>(() => MemoryEstimate.Check(tasks, threads, trace, limitGiB * GiB)).Message;
    }

    [TestMethod]
    public void EachDominantAllocationNamesItsField()
    {
        StringAssert.StartsWith(Refusal(Make(alpha: 2000), 0.1), "--alpha '2000' needs an estimated");
        StringAssert.StartsWith(Refusal(Make(test: 10_000_000), 0.5), "--test-patterns '10000000' needs");
        StringAssert.Contains(Refusal(Make(copies: 1024, n: 1_000_001, alpha: 0.001, test: 0), 1), "most of it hidden states");
        StringAssert.StartsWith(Refusal(Make(rule: new RbpRule(), n: 10001, alpha: 1, copies: 16, test: 0), 1), "--alpha '1' needs an estimated");
        StringAssert.Contains(Refusal(Make(rule: new RbpRule(), n: 10001, alpha: 1, copies: 16, test: 0), 1), "most of it BP messages");
        StringAssert.Contains(Refusal(Make(rule: new MetropolisRule(), n: 10001, alpha: 0.5, copies: 64, lift: new LiftSpec { Kernel = "uniform", Routing = RoutingStorage.Hashed }, test: 0), 2), "most of it inverse routing");
        StringAssert.StartsWith(Refusal(Make(n: 10001, alpha: 1, copies: 16, lift: new LiftSpec { Kernel = "uniform" }, test: 0), 0.5), "--routing 'auto' needs");
        StringAssert.Contains(Refusal(Make(rule: new AmpRule(), n: 1_000_001, alpha: 0.001, copies: 1000, test: 0), 1), "most of it AMP vectors");
        StringAssert.StartsWith(Refusal(Make(copies: 1000, test: 0), 0.05), "--copies '1000' needs", "M×M overlaps and their CSV");
        var committee = Make(model: new CommitteeModel { Hidden = 101, Arch = Architecture.Full, N = 1001 }, copies: 200, test: 0);
        StringAssert.StartsWith(Refusal(committee, 1, trace: true), "--trace 'on' needs", "(M·K)² overlaps every epoch");
    }

    /// <summary>Committee Monte Carlo: the inverse routing has one set of planes per weight, K·n·M·⌈log₂M⌉·P bits (K·N fully
    /// connected, N on the tree), and it is what a large lifted run is refused for.</summary>
    [TestMethod]
    public void CommitteeMonteCarloCountsInverseRoutingPerWeight()
    {
        var lift = new LiftSpec { Kernel = "uniform", Routing = RoutingStorage.Hashed };
        var full = Make(rule: new AnnealingRule(), model: new CommitteeModel { Hidden = 5, Arch = Architecture.Full, N = 1001 }, alpha: 1, copies: 8, lift: lift, test: 0).Validate();
        var tree = full with { Model = new CommitteeModel { Hidden = 5, Arch = Architecture.Tree, N = 1005 } };
        var part = MemoryEstimate.Parts(full).Single(x => x.What.StartsWith("inverse routing", StringComparison.Ordinal));
        Assert.AreEqual(5.0 * 1001 * 8 * 3 * 16 * sizeof(ulong), part.Bytes); // P = 1001: 16 words
        Assert.AreEqual(1005.0 * 8 * 3 * 16 * sizeof(ulong), MemoryEstimate.Parts(tree).Single(x => x.What.StartsWith("inverse routing", StringComparison.Ordinal)).Bytes);
        var big = full with { Model = new CommitteeModel { Hidden = 51, Arch = Architecture.Full, N = 1001 }, Copies = 64 }; // 2.3 GiB of planes
        StringAssert.Contains(Refusal(big, 2), "most of it inverse routing");
    }

    [TestMethod]
    public void TasksRunningAtOnceMustFitTogether()
    {
        var task = Make(n: 100_001, copies: 64, alpha: 1, test: 0);
        double one = MemoryEstimate.Bytes(task.Validate());
        MemoryEstimate.Check([task], 4, limit: 1.5 * one); // fits alone
        var message = Refusal(task, 2.5 * one / GiB, threads: 4, seeds: 6);
        StringAssert.StartsWith(message, "--threads '4' runs 4 tasks at once");
        StringAssert.EndsWith(message, "use --threads 2");
        MemoryEstimate.Check([.. Enumerable.Range(1, 6).Select(s => task with { Seed = (ulong)s })], 2, limit: 2.5 * one);
    }

    [TestMethod]
    public void EveryPresetAndTheDefaultsFitInAGigabyte()
    {
        foreach (var name in Presets.All.Keys)
        {
            var tasks = SweepSpec.FromJson(Presets.Get(name), name).Expand();
            Assert.IsLessThan(GiB, tasks.Max(t => MemoryEstimate.Bytes(t)), name);
        }
        Assert.IsLessThan(0.1 * GiB, MemoryEstimate.Bytes(RunConfig.Default));
    }
}
