using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Cli;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>mcover theory</c> end to end, in the manner of <see cref="CliTests"/>.</summary>
[TestClass]
public sealed class TheoryCommandTests
{
    private static (List<string> Header, List<Dictionary<string, string>> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Cli.SplitCsv(lines[0]);
        return (header, lines.Skip(1).Select(l => header.Zip(Cli.SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList());
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [TestMethod]
    public void TeacherTheoryWritesTheCurveTheThresholdsAndASummary()
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("theory", "--task", "teacher", "--alpha", "0.5:0.5:2", "--out", dir);
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", err);
        var (header, rows) = ReadCsv(Path.Combine(dir, "theory.csv"));
        CollectionAssert.AreEqual(new[] { "alpha", "q", "qhat", "eps_bayes", "eps_gibbs", "entropy", "converged", "iterations" }, header);
        CollectionAssert.AreEqual(new[] { "0.5", "1", "1.5", "2" }, rows.Select(r => r["alpha"]).ToArray());
        Assert.IsTrue(rows.All(r => r["converged"] == "true"));
        Assert.IsTrue(D(rows[0]["q"]) < D(rows[1]["q"]) && D(rows[1]["q"]) < 1, "uninformed branch below the spinodal");
        Assert.AreEqual("1", rows[2]["q"], "α = 1.5 > α_spinodal: perfect learning");
        Assert.AreEqual("0", rows[3]["eps_bayes"]);
        Assert.IsTrue(D(rows[0]["eps_bayes"]) < D(rows[0]["eps_gibbs"]));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "theory.json")))!;
        Assert.AreEqual(1.245, Math.Round((double)json["alpha_perfect"]!, 3));
        Assert.AreEqual(1.493, Math.Round((double)json["alpha_spinodal"]!, 3));
        Assert.AreEqual(0.833, Math.Round((double)json["alpha_c"]!, 3));
        Assert.AreEqual("teacher", (string?)json["config"]!["task"]);
        Assert.AreEqual("perceptron", (string?)json["config"]!["model"]);
        Assert.AreEqual(4, json["config"]!["alphas"]!.AsArray().Count);
        Assert.AreEqual(1.249, (double)json["literature"]!["alpha_perfect"]!["barbier_et_al_2019"]!);
        Assert.IsFalse(string.IsNullOrEmpty((string?)json["version"]));
        Assert.IsNotNull(json["git_commit"]);

        Assert.Contains("α_perfect", output);
        Assert.Contains("1.24468", output);
        Assert.Contains("1.49263", output);
        Assert.Contains("0.83308", output);
        Assert.IsFalse(Directory.EnumerateFiles(dir, "*.tmp").Any(), "no temp files left behind");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void StorageTheoryDefaultsToAlphaUpToOneAndCrossesZeroEntropyAtTheCapacity()
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("theory", "--task", "storage", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", output, "--quiet");
        var (header, rows) = ReadCsv(Path.Combine(dir, "theory.csv"));
        CollectionAssert.AreEqual(new[] { "alpha", "q", "qhat", "entropy", "converged" }, header);
        Assert.HasCount(20, rows);
        Assert.AreEqual("1", rows[^1]["alpha"]);
        Assert.IsTrue(rows.All(r => r["converged"] == "true"));
        Assert.IsTrue(D(rows.Single(r => r["alpha"] == "0.8")["entropy"]) > 0);
        Assert.IsTrue(D(rows.Single(r => r["alpha"] == "0.85")["entropy"]) < 0);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void NonConvergedPointsAreFlaggedAndWarned()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("theory", "--task", "storage", "--alpha", "0.5,2", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        Assert.Contains("mcover: warning: state evolution did not converge at alpha=2", err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        var (_, rows) = ReadCsv(Path.Combine(dir, "theory.csv"));
        Assert.AreEqual("true", rows[0]["converged"]);
        Assert.AreEqual("false", rows[1]["converged"]);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "theory.json")))!;
        Assert.AreEqual(2.0, (double)json["not_converged"]!.AsArray().Single()!);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    [DataRow("--alpha", "0", "--alpha '0' must be > 0")]
    [DataRow("--alpha", "-1:0.5:1", "--alpha '-1' must be > 0")]
    [DataRow("--alpha", "abc", "--alpha 'abc' is not a number")]
    [DataRow("--alpha", "1:0:2", "--alpha '1:0:2' is not a range")]
    [DataRow("--task", "foo", "--task 'foo' is not a task; expected teacher, storage")]
    [DataRow("--model", "mlp", "--model 'mlp' is not a model of the theory; expected perceptron or committee")]
    [DataRow("--colpies", "3", "--colpies")]
    public void BadTheoryInputFailsWithOneLineNamingTheFieldAndWritesNothing(string flag, string value, string message)
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("theory", flag, value, "--out", dir);
        Assert.AreEqual(2, code);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir), "nothing written");
    }

    [TestMethod]
    public void ADirectoryHoldingATheoryRunIsNotOverwritten()
    {
        var dir = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("theory", "--alpha", "1", "--out", dir, "--quiet").Code);
        var before = File.ReadAllText(Path.Combine(dir, "theory.json"));
        var (code, _, err) = Cli.Mcover("theory", "--alpha", "2", "--out", dir, "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains($"--out '{dir}' already holds a theory run", err);
        Assert.AreEqual(before, File.ReadAllText(Path.Combine(dir, "theory.json")));
        Assert.AreEqual(2, Cli.Mcover("theory", "--alpha", "1").Code, "--out is required");
        Directory.Delete(dir, true);
    }
}
