using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Tests.Experiments;

[TestClass]
public sealed class SweepSpecTests
{
    [TestMethod]
    public void ListsAndRangesSweepTheCartesianGridWithSeedsInnermost()
    {
        var spec = SweepSpec.FromJson("""{"rule": ["cp", "sbpi"], "alpha": "0.5:0.5:1.5", "n": 101, "seeds": 3}""", "test");
        var tasks = spec.Expand();
        Assert.AreEqual(2 * 3 * 3, tasks.Count);
        Assert.AreEqual("cp", tasks[0].Rule.Name);
        Assert.AreEqual(0.5, tasks[0].Alpha);
        CollectionAssert.AreEqual(new ulong[] { 1, 2, 3 }, tasks.Take(3).Select(t => t.Seed).ToArray());
        CollectionAssert.AreEqual(new[] { 0.5, 1.0, 1.5 }, tasks.Where(t => t.Rule.Name == "cp" && t.Seed == 1).Select(t => t.Alpha).ToArray());
        Assert.IsTrue(tasks.All(t => t.N == 101));
    }

    [TestMethod]
    public void AListOfObjectsIsTheUnionOfTheirGridsInOrder()
    {
        var spec = SweepSpec.FromJson("""[{"copies": 1, "n": 51}, {"copies": 4, "n": 51, "kernel": ["identity", "uniform"]}]""", "test")
            .With(new Dictionary<string, string> { ["alpha"] = "0.5,1" }, "2");
        var tasks = spec.Expand();
        Assert.AreEqual(2 * 2 + 2 * 2 * 2, tasks.Count);
        Assert.IsTrue(tasks.Take(4).All(t => t.Copies == 1 && t.KernelSpec == "identity"), "first block first");
        Assert.AreEqual(4, tasks.Count(t => t.Copies == 4 && t.KernelSpec == "uniform"));
        Assert.IsTrue(tasks.All(t => t.N == 51 && (t.Alpha == 0.5 || t.Alpha == 1)), "flags reach every block");
        Assert.IsInstanceOfType<System.Text.Json.Nodes.JsonArray>(spec.ToJson());
        Assert.AreEqual(2, spec.Blocks!.Count);
    }

    [TestMethod]
    public void AListOfObjectsRejectsOverlapsAndNonObjects()
    {
        var overlap = Assert.ThrowsExactly<UsageException>(() => SweepSpec.FromJson("""[{"n": 51}, {"n": [51, 101]}]""", "t").Expand());
        StringAssert.Contains(overlap.Message, "same task twice");
        var scalar = Assert.ThrowsExactly<UsageException>(() => SweepSpec.FromJson("""[{"n": 51}, 3]""", "t"));
        StringAssert.Contains(scalar.Message, "t[1]");
        var typo = Assert.ThrowsExactly<UsageException>(() => SweepSpec.FromJson("""[{"n": 51}, {"alpah": 1}]""", "t"));
        StringAssert.Contains(typo.Message, "'alpah' in t[1]");
        Assert.ThrowsExactly<UsageException>(() => SweepSpec.FromJson("[]", "t"));
    }

    /// <summary>A JSON list of seeds is a list even with one element; a number is a count. run.json's canonical config reloads to the same tasks.</summary>
    [TestMethod]
    public void ASeedListOfOneIsThatSeed()
    {
        CollectionAssert.AreEqual(new ulong[] { 7 }, SweepSpec.FromJson("""{"n": 51, "seeds": [7]}""", "t").Expand().Select(t => t.Seed).ToArray());
        CollectionAssert.AreEqual(new ulong[] { 1, 2, 3 }, SweepSpec.FromJson("""{"n": 51, "seeds": 3}""", "t").Expand().Select(t => t.Seed).ToArray());
        var spec = SweepSpec.FromJson("""[{"n": 51, "seed": 7}, {"n": 101, "seeds": [9]}]""", "t");
        var again = SweepSpec.FromJson(spec.ToJson().ToJsonString(), "run.json");
        Assert.AreEqual(SweepSpec.Hash(spec.Expand()), SweepSpec.Hash(again.Expand()));
    }

    /// <summary>Widths are swept as whole lists: a config file's array of "W1,W2" strings, or ';' between them in a flag; the
    /// teacher's widths too. Each grid point keeps its list intact.</summary>
    [TestMethod]
    public void WidthsSweepAsWholeLists()
    {
        static string Widths(RunConfig c) => string.Join(",", ((MCoverPhysics.Experiments.Specs.MlpModel)c.Model).Widths);
        var file = SweepSpec.FromJson("""{"model": "mlp", "n": 31, "widths": ["5", "7,3"], "teacher-widths": "3"}""", "t").Expand();
        CollectionAssert.AreEqual(new[] { "5", "7,3" }, file.Select(Widths).ToArray());
        var flags = new SweepSpec().With(new Dictionary<string, string> { ["model"] = "mlp", ["n"] = "31", ["widths"] = "5; 7,3", ["teacher-widths"] = "3;5,3" }, null).Expand();
        Assert.HasCount(4, flags);
        CollectionAssert.AreEquivalent(new[] { "5", "5", "7,3", "7,3" }, flags.Select(Widths).ToArray());
        CollectionAssert.AreEquivalent(new[] { "3", "5,3", "3", "5,3" }, flags.Select(c => c.ToValues().Single(kv => kv.Key == "teacher-widths").Value).ToArray());
        var e = Assert.ThrowsExactly<UsageException>(() => new SweepSpec().With(new Dictionary<string, string> { ["model"] = "mlp", ["widths"] = "5;" }, null));
        Assert.Contains("--widths '5;'", e.Message);
    }

    [TestMethod]
    public void FlagsOverrideTheFile()
    {
        var spec = SweepSpec.FromJson("""{"alpha": [1, 2], "copies": 4}""", "test")
            .With(new Dictionary<string, string> { ["alpha"] = "3", ["n"] = "51" }, "5,9");
        var tasks = spec.Expand();
        Assert.AreEqual(2, tasks.Count);
        Assert.IsTrue(tasks.All(t => t.Alpha == 3 && t.N == 51 && t.Copies == 4));
        CollectionAssert.AreEqual(new ulong[] { 5, 9 }, tasks.Select(t => t.Seed).ToArray());
    }

    [TestMethod]
    public void SeedFlagsReplaceTheFilesSeeds()
    {
        ulong[] Seeds(string json, Dictionary<string, string> flags, string? seeds)
            => SweepSpec.FromJson(json, "t").With(flags, seeds).Expand().Select(t => t.Seed).ToArray();
        CollectionAssert.AreEqual(new ulong[] { 5 }, Seeds("""{"seeds": [1, 2]}""", new() { ["seed"] = "5" }, null));
        CollectionAssert.AreEqual(new ulong[] { 4, 5 }, Seeds("""{"seed": 7}""", new(), "4,5"));
        CollectionAssert.AreEqual(new ulong[] { 1, 2, 3 }, Seeds("""{"seed": [1, 2]}""", new(), "3"));
        CollectionAssert.AreEqual(new ulong[] { 7, 8 }, Seeds("""{"seed": 7}""", new(), "2"));
    }

    [TestMethod]
    public void HebbHasNoBoundAndItsRecordReadsBack()
    {
        var hebb = new RunConfig { Model = new PerceptronModel { N = 101 }, Data = new TeacherStudentData { Alpha = 1 }, Rule = new HebbRule(), Copies = 2 };
        Assert.AreEqual("", hebb.ValueOf(Parameters.Bound), "the Hebb sum is never clipped: no bound");
        Assert.AreEqual(hebb, RunConfig.FromValues(hebb.ToValues().ToDictionary(kv => kv.Key, kv => kv.Value)));
    }

    [TestMethod]
    public void SeedsCountStartsAtTheBaseSeed()
    {
        var tasks = SweepSpec.FromJson("""{"seed": 10, "seeds": 3}""", "t").Expand();
        CollectionAssert.AreEqual(new ulong[] { 10, 11, 12 }, tasks.Select(t => t.Seed).ToArray());
    }

    [TestMethod]
    public void DefaultsAndDerivedParametersResolve()
    {
        var c = SweepSpec.FromJson("""{"task": "storage"}""", "t").Expand().Single();
        Assert.AreEqual(LearningTask.Storage, c.Task);
        Assert.AreEqual(0.08, ((CprRule)c.Rule).CFor(c.Task));
        Assert.AreEqual(63, ((CprRule)c.Rule).BoundFor(c.UnitInputs));
        Assert.AreEqual(1001, c.P);
        Assert.AreEqual(0.16, ((CprRule)RunConfig.Default.Rule).CFor(RunConfig.Default.Task));
    }

    [TestMethod]
    [DataRow("""{"alpah": 1}""", "config key 'alpah'")]
    [DataRow("""{"alpha": -1}""", "--alpha '-1' must be > 0")]
    [DataRow("""{"alpha": 0}""", "--alpha '0' must be > 0")]
    [DataRow("""{"n": 1000}""", "--n '1000' must be odd")]
    [DataRow("""{"n": 0}""", "--n '0' must be odd and ≥ 1")]
    [DataRow("""{"copies": 0}""", "--copies '0' must be ≥ 1")]
    [DataRow("""{"rule": "cpx"}""", "--rule 'cpx' is not a rule; expected cp, cpr, sbpi, hebb")]
    [DataRow("""{"task": "teach"}""", "--task 'teach' is not a task")]
    [DataRow("""{"kernel": "spiral"}""", "--kernel 'spiral' is not a kernel; expected identity")]
    [DataRow("""{"kernel": "ring"}""", "--kernel 'ring' ring needs sigma")]
    [DataRow("""{"k": 16}""", "--bound '16' must be odd")]
    [DataRow("""{"bound": 15, "k": 15}""", "is given twice (as bound and k)")]
    [DataRow("""{"rule": "sbpi", "ps": 1.5}""", "--ps '1.5' must be in [0, 1]")]
    [DataRow("""{"alpha": "x"}""", "--alpha 'x' is not a number")]
    [DataRow("""{"alpha": [1, true]}""", "config key 'alpha'")]
    [DataRow("""{"alpha": 1,""", "test.json: line 1, column 12: not valid JSON")]
    [DataRow("""[1, 2]""", "must be a flat JSON object")]
    [DataRow("""{"seeds": 0}""", "--seeds '0' must be a count")]
    [DataRow("""{"alpha": "1:-1:3"}""", "--alpha '1:-1:3' is not a range")]
    [DataRow("""{"alpha": 1, "alpha": 2}""", "config key 'alpha' in test.json is given twice")]
    [DataRow("""{"alpha": [1, 1]}""", "the grid holds the same task twice")]
    [DataRow("""{"seeds": [1, 1]}""", "the grid holds the same task twice")]
    [DataRow("""{"n": 51, "k": [15, "auto"]}""", "the grid holds the same task twice")]
    [DataRow("""{"alpha": 1e-9, "n": 101}""", "--alpha '1E-09' gives P = round(αN) = 0 patterns")]
    [DataRow("""{"copies": 200000000}""", "--copies '200000000' must be ≤ 1024")]
    [DataRow("""{"n": 2147483647, "alpha": 1e-9}""", "--n '2147483647' must be ≤ 100000001")]
    [DataRow("""{"test-patterns": 2000000000}""", "needs more than 16 GiB of test patterns")]
    [DataRow("""{"seed": 18446744073709551615, "seeds": 3}""", "runs past the largest seed")]
    public void BadConfigsNameTheField(string json, string message)
    {
        var e = Assert.ThrowsExactly<UsageException>(() => SweepSpec.FromJson(json, "test.json").Expand());
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message, "one line");
    }
}
