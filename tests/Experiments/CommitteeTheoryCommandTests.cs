using System.Globalization;
using System.Text.Json.Nodes;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>mcover theory --model committee</c> end to end: the committee state evolution's CSV and the refusals.</summary>
[TestClass]
public sealed class CommitteeTheoryCommandTests
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [TestMethod]
    public void CommitteeTheoryWritesDiagonalAndOffDiagonalOverlapsAndTheBayesError()
    {
        var dir = Cli.TempDir();
        var (code, output, err) = Cli.Mcover("theory", "--model", "committee", "--hidden", "3", "--arch", "full", "--task", "teacher",
            "--alpha", "0.25,0.5", "--out", dir);
        Assert.AreEqual(0, code, err);
        Assert.AreEqual("", err);
        var lines = File.ReadAllLines(Path.Combine(dir, "theory.csv"));
        var header = Cli.SplitCsv(lines[0]);
        CollectionAssert.AreEqual(new[] { "alpha", "q", "q_offdiag", "qhat", "qhat_offdiag", "eps_bayes", "entropy", "specialised", "converged", "iterations" }, header);
        var rows = lines.Skip(1).Select(l => header.Zip(Cli.SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.HasCount(2, rows);
        Assert.IsTrue(rows.All(r => r["converged"] == "true" && r["specialised"] == "false"));
        Assert.IsTrue(D(rows[0]["q"]) > 0 && D(rows[0]["q"]) < D(rows[1]["q"]), "q grows with α");
        Assert.IsTrue(D(rows[0]["eps_bayes"]) > D(rows[1]["eps_bayes"]) && D(rows[0]["eps_bayes"]) < 0.5, "ε_Bayes falls with α");
        Assert.AreEqual(D(rows[1]["q"]), D(rows[1]["q_offdiag"]), 1e-7, "non-specialised: q_d = q_o");
        Assert.IsTrue(D(rows[0]["entropy"]) > D(rows[1]["entropy"]) && D(rows[1]["entropy"]) > 0, "the version-space entropy falls with α and is > 0 below α_spec");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "theory.json")))!;
        Assert.IsNull(json["alpha_spec"], "α_spec is not bracketed by α = 0.25, 0.5");
        Assert.AreEqual("committee", (string?)json["config"]!["model"]);
        Assert.AreEqual(3, (int)json["config"]!["hidden"]!);
        Assert.Contains("K = 3", output);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    [DataRow("--hidden", "4", "--hidden '4' must be odd")]
    [DataRow("--hidden", "7", "--hidden '7' is above 5")]
    [DataRow("--arch", "tree", "--arch 'tree' is not supported by the committee theory")]
    [DataRow("--task", "storage", "--task 'storage' is not supported by the committee theory")]
    public void CommitteeTheoryRefusesWhatItDoesNotSupport(string flag, string value, string message)
    {
        var dir = Path.Combine(Cli.TempDir(), "out");
        var (code, _, err) = Cli.Mcover("theory", "--model", "committee", flag, value, "--alpha", "0.5", "--out", dir);
        Assert.AreEqual(2, code);
        StringAssert.StartsWith(err, "mcover: " + message);
        Assert.AreEqual(1, err.TrimEnd().Split('\n').Length, err);
        Assert.IsFalse(Directory.Exists(dir), "nothing written");
    }

    [TestMethod]
    public void PerceptronTheoryRefusesTheCommitteeFlags()
    {
        var dir = Path.Combine(Cli.TempDir(), "out");
        var (code, _, err) = Cli.Mcover("theory", "--hidden", "3", "--out", dir);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--hidden '3' applies to --model committee only");
        Assert.IsFalse(Directory.Exists(dir));
    }
}
