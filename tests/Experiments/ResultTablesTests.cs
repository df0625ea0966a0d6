using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// The result tables as a script reads them: points.csv and run.json through a CSV and a JSON parser (column order by
/// class, unused parameters empty, JSON numbers), and the long tables joined to points.csv on task_id.
/// </summary>
[TestClass]
public sealed class ResultTablesTests
{
    private static readonly string[] Classes = ["key", "grid", "observable", "provenance"];

    /// <summary>Two rules with different parameters (cp has no θ_m, p_s), two loads, three copies, two seeds: 8 tasks.</summary>
    private static string Run(params string[] more)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["sweep", "--rule", "cp,sbpi", "--n", "51", "--alpha", "0.5,1", "--copies", "3", "--epochs", "6", "--seeds", "2",
            "--threads", "2", "--out", dir, "--quiet", .. more]);
        Assert.AreEqual(0, code, err);
        return dir;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MCoverPhysics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (MCoverPhysics.sln) is not above the test binaries");
    }

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    [TestMethod]
    public void PointsCsvRunsKeyThenGridThenObservablesThenProvenanceAndLeavesUnusedParametersEmpty()
    {
        var dir = Run();
        var points = CsvTable.Read(Path.Combine(dir, "points.csv"));
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run.json")))!;
        var columns = run["columns"]!.AsObject();
        CollectionAssert.AreEqual(columns.Select(kv => kv.Key).ToList(), points.Header.ToList(), "run.json lists the columns of points.csv in order");
        var rank = columns.Select(kv => Array.IndexOf(Classes, kv.Value!["class"]!.GetValue<string>())).ToList();
        Assert.IsTrue(rank.All(r => r >= 0), "every column has a class");
        for (int k = 1; k < rank.Count; k++) Assert.IsLessThanOrEqualTo(rank[k], rank[k - 1], $"{points.Header[k]} comes after a column of a later class");
        Assert.AreEqual("task_id", points.Header[0]);
        foreach (var p in Parameters.All) Assert.AreEqual("grid", columns[p.Column]!["class"]!.GetValue<string>(), p.Column);
        foreach (var o in ResultWriter.Observables) Assert.AreEqual("observable", columns[o.Name]!["class"]!.GetValue<string>(), o.Name);
        Assert.AreEqual("provenance", columns["git_commit"]!["class"]!.GetValue<string>());

        int rule = points.Column("rule"), theta = points.Column("theta_m"), ps = points.Column("ps"), id = points.Column("task_id");
        Assert.HasCount(8, points.Rows);
        for (int i = 0; i < points.Rows.Count; i++)
        {
            var row = points.Rows[i];
            Assert.AreEqual(i.ToString(CultureInfo.InvariantCulture), row[id], "task_id is the task's index");
            bool sbpi = row[rule] == "sbpi";
            Assert.AreEqual(sbpi, row[theta].Length > 0, "theta_m is written for sbpi only");
            Assert.AreEqual(sbpi, row[ps].Length > 0, "ps is written for sbpi only");
            foreach (var o in ResultWriter.Observables) D(row[points.Column(o.Name)]); // every observable is a number (or NaN)
        }
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void RunJsonAndSweepJsonUseTheCsvNamesAndJsonNumbersSoTheTasksJoinPointsCsv()
    {
        var dir = Run("--test-patterns", "500", "--kappa", "0.25");
        var points = CsvTable.Read(Path.Combine(dir, "points.csv"));
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run.json")))!;
        foreach (var name in new[] { "run.json", "sweep.json" })
        {
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, name)))!["config"]!.AsObject();
            Assert.IsTrue(config.All(kv => !kv.Key.Contains('-')), $"{name}: keys are CSV names");
            Assert.AreEqual(JsonValueKind.Number, config["test_patterns"]![0]!.GetValueKind(), $"{name}: test_patterns is a number");
            Assert.AreEqual(500, config["test_patterns"]![0]!.GetValue<int>());
            Assert.AreEqual(0.25, config["kappa"]![0]!.GetValue<double>());
            Assert.AreEqual(51, config["n"]![0]!.GetValue<int>());
            Assert.AreEqual(JsonValueKind.String, config["rule"]![0]!.GetValueKind());
        }
        Assert.AreEqual(JsonValueKind.False, JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json")))!["trace"]!.GetValueKind());

        var tasks = run["tasks"]!.AsArray();
        Assert.HasCount(points.Rows.Count, tasks);
        foreach (var task in tasks.Select(t => t!.AsObject()))
        {
            var row = points.Rows[task["task_id"]!.GetValue<int>()];
            foreach (var (key, value) in task)
            {
                int column = points.Column(key);
                Assert.IsGreaterThanOrEqualTo(0, column, $"run.json task key {key} is a column of points.csv");
                var kind = Parameters.Find(key)?.Kind;
                if (value is null) Assert.AreEqual("", row[column], $"{key}: null in run.json, empty in points.csv");
                else if (kind is ParameterKind.Integer or ParameterKind.Real || key == "task_id")
                {
                    Assert.AreEqual(JsonValueKind.Number, value.GetValueKind(), key);
                    Assert.AreEqual(value.GetValue<double>(), D(row[column]), key);
                }
                else Assert.AreEqual(row[column], value.GetValue<string>(), key);
            }
        }
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void LongTablesCarryTaskIdRuleAndTheVaryingParametersAndJoinPointsCsv()
    {
        var dir = Run("--trace");
        var points = Cli.ReadCsv(Path.Combine(dir, "points.csv"));
        var byId = points.ToDictionary(p => p["task_id"]);
        foreach (var name in new[] { "q_matrix.csv", "R_matrix.csv", "trajectory.csv" })
        {
            var table = CsvTable.Read(Path.Combine(dir, name));
            CollectionAssert.IsSubsetOf(new[] { "task_id", "rule", "alpha", "theta_m", "ps", "seed" }, table.Header.ToList(), $"{name}: key, rule and the varying parameters");
            Assert.AreEqual(-1, table.Column("n"), $"{name}: n does not vary: it is in points.csv only");
            Assert.AreEqual(-1, table.Column("point_row"));
            var rows = Cli.ReadCsv(Path.Combine(dir, name));
            CollectionAssert.AreEquivalent(byId.Keys.ToList(), rows.Select(r => r["task_id"]).Distinct().ToList(), $"{name}: every task");
            foreach (var r in rows)
                foreach (var c in new[] { "rule", "alpha", "theta_m", "ps", "seed" }) Assert.AreEqual(byId[r["task_id"]][c], r[c], $"{name}: {c} of task {r["task_id"]}");
        }
        // The join carries physics: q_mean is the mean of the off-diagonal q_ab, overlap_R the mean of the copies' R (perceptron), the last trajectory row the final error.
        var q = Cli.ReadCsv(Path.Combine(dir, "q_matrix.csv"));
        var rm = Cli.ReadCsv(Path.Combine(dir, "R_matrix.csv"));
        var trajectory = Cli.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        foreach (var (id, p) in byId)
        {
            Assert.AreEqual(D(p["q_mean"]), q.Where(r => r["task_id"] == id && r["a"] != r["b"]).Average(r => D(r["q"])), 1e-9);
            Assert.AreEqual(D(p["overlap_R"]), rm.Where(r => r["task_id"] == id).Average(r => D(r["R_raw"])), 1e-9);
            Assert.AreEqual(p["train_error"], trajectory.Last(r => r["task_id"] == id)["train_error"]);
        }
        Directory.Delete(dir, true);
    }

    /// <summary>A sweep.json of an older version (flag names, every value a string) is still resumed: its tasks hash the same.</summary>
    [TestMethod]
    public void AnOldSweepJsonWithHyphenatedKeysAndStringValuesStillResumes()
    {
        var dir = Run("--test-patterns", "500");
        var before = SweepResumeTests.Results(dir);
        var path = Path.Combine(dir, "sweep.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var old = new JsonObject();
        foreach (var (key, value) in manifest["config"]!.AsObject())
            old[Parameters.Find(key)?.Name ?? key] = new JsonArray(value!.AsArray().Select(v => (JsonNode)JsonValue.Create(v!.ToString())).ToArray());
        manifest["config"] = old;
        File.WriteAllText(path, manifest.ToJsonString());
        StringAssert.Contains(File.ReadAllText(path), "\"test-patterns\":[\"500\"]");
        foreach (var f in ResultWriter.Files) File.Delete(Path.Combine(dir, f)); // killed while writing its results
        var (code, _, err) = Cli.Mcover("sweep", "--rule", "cp,sbpi", "--n", "51", "--alpha", "0.5,1", "--copies", "3", "--epochs", "6", "--seeds", "2",
            "--test-patterns", "500", "--threads", "2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, "resuming: 8 of 8 tasks done");
        var after = SweepResumeTests.Results(dir);
        foreach (var (name, text) in before) Assert.AreEqual(text, after[name], name);
        (code, _, err) = Cli.Mcover("connect", dir, "--orders", "1", "--steps", "2");
        Assert.AreEqual(0, code, err);
        Directory.Delete(dir, true);
    }

    /// <summary>docs/physics/observables.md is the legend: it names every column of points.csv and summary.csv.</summary>
    [TestMethod]
    public void EveryColumnIsDocumentedInObservablesMd()
    {
        var doc = File.ReadAllText(Path.Combine(Root(), "docs", "physics", "observables.md"));
        foreach (var c in ResultColumns.Points()) Assert.IsTrue(doc.Contains($"`{c.Name}`", StringComparison.Ordinal), $"points.csv column {c.Name} is not in observables.md");
        string[] stats = ["_mean", "_sem", "_ci_lo", "_ci_hi", "_boot_lo", "_boot_hi"];
        foreach (var c in ResultColumns.Summary())
        {
            var suffix = stats.FirstOrDefault(s => c.Name.EndsWith(s, StringComparison.Ordinal) && c.Class == ColumnClass.Observable);
            string name = suffix is null ? $"`{c.Name}`" : $"`<obs>{suffix}`";
            Assert.IsTrue(doc.Contains(name, StringComparison.Ordinal), $"summary.csv column {name} is not in observables.md");
        }
    }
}
