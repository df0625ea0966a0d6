using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// Every worked example at the end of <c>mcover --help</c> runs as written from the repository root: the files it reads
/// exist there (examples/), and, in the order shown, each one exits 0 with small budgets put in place of its own
/// (results under a temp folder instead of runs/; <c>slurm</c> without <c>--submit</c>, which needs a cluster).
/// </summary>
[TestClass]
public sealed class HelpExamplesTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MCoverPhysics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (MCoverPhysics.sln) is not above the test binaries");
    }

    /// <summary>The example lines of the help text: after "Examples:", each line starting with "mcover ".</summary>
    private static List<string[]> HelpExamples()
    {
        var (code, output, err) = Cli.Mcover("--help");
        Assert.AreEqual(0, code, err);
        var lines = output.Split('\n').Select(l => l.Trim()).SkipWhile(l => l != "Examples:").Skip(1)
            .TakeWhile(l => l.StartsWith("mcover ", StringComparison.Ordinal)).ToList();
        Assert.IsGreaterThanOrEqualTo(20, lines.Count, output);
        return lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray()).ToList();
    }

    private static bool IsInput(string token) => token.StartsWith("examples/", StringComparison.Ordinal) || token.EndsWith(".json", StringComparison.Ordinal) || token.EndsWith(".csv", StringComparison.Ordinal);

    [TestMethod]
    public void EveryFileAnExampleReadsExistsRelativeToTheRepositoryRoot()
    {
        foreach (var args in HelpExamples())
            foreach (var token in args.Where(IsInput))
                Assert.IsTrue(File.Exists(Path.Combine(Root(), token)), $"mcover {string.Join(' ', args)}: {token} is not in the repository");
        foreach (var args in HelpExamples())
            Assert.IsTrue(args.All(t => !t.Contains('/') || IsInput(t) || t.StartsWith("runs/", StringComparison.Ordinal) || t.Contains(':') || char.IsDigit(t[0])),
                $"mcover {string.Join(' ', args)}: outputs go under runs/ (ignored by git)");
    }

    [TestMethod]
    public void EveryHelpExampleRunsInOrderWithSmallBudgets()
    {
        var runs = Cli.TempDir();
        try
        {
            foreach (var example in HelpExamples())
            {
                var args = Small(example, runs);
                var clock = Stopwatch.StartNew();
                var (code, output, err) = Cli.Mcover(args);
                Assert.AreEqual(0, code, $"mcover {string.Join(' ', args)} ({clock.Elapsed.TotalSeconds:F1} s):\n{err}\n{output}");
            }
        }
        finally
        {
            if (Directory.Exists(runs)) Directory.Delete(runs, true);
        }
    }

    /// <summary>
    /// The example with small budgets: N = 99 (odd, and 99/3 = 33 odd for the K = 3 tree; a config's list of n becomes
    /// 99, 297 so that a finite-size series remains), 2 epochs (for the online rules), 2 seeds, 20 sweeps, fewer connect
    /// orders and steps; runs/ becomes the temp folder, examples/ the repository's, and slurm writes its script only.
    /// </summary>
    private static string[] Small(string[] example, string runs)
    {
        var args = example.Where(t => t != "--submit").Select(t => t.StartsWith("runs/", StringComparison.Ordinal) ? Path.Combine(runs, t["runs/".Length..])
            : IsInput(t) ? Path.Combine(Root(), t) : t).ToList();
        string? config = Value(args, "--config");
        bool nList = config is not null && JsonNode.Parse(File.ReadAllText(config))?["n"] is JsonArray;
        var small = new Dictionary<string, string>
        {
            ["--n"] = nList ? "99,297" : "99", ["--epochs"] = "2", ["--seeds"] = "2", ["--sweeps"] = "20", ["--orders"] = "1", ["--steps"] = "4",
        };
        foreach (var (flag, value) in small)
            if (args.IndexOf(flag) is var at and >= 0) args[at + 1] = value;
        // run and sweep take the budget even where the example leaves it to the config, preset or default.
        bool online = Value(args, "--rule") is not ("amp" or "rbp" or "mc" or "sa" or "pt" or "hebb");
        var missing = args[0] switch
        {
            "run" => online ? ["--n", "--epochs"] : new[] { "--n" },
            "sweep" => online ? ["--n", "--epochs", "--seeds"] : new[] { "--n", "--seeds" },
            _ => [],
        };
        foreach (var flag in missing.Where(f => !args.Contains(f))) args.AddRange([flag, small[flag]]);
        return [.. args];
    }

    private static string? Value(List<string> args, string flag)
    {
        int at = args.IndexOf(flag);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }
}
