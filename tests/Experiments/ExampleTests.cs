using System.Diagnostics;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// Every script in examples/ runs as a user runs it (<c>dotnet run -c Release examples/NAME.cs</c> from the repository root,
/// with --small where it takes it), so the examples cannot rot; each checks what it prints.
/// </summary>
[TestClass]
public sealed class ExampleTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MCoverPhysics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (MCoverPhysics.sln) is not above the test binaries");
    }

    private static (int Code, string Out, string Err) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", "-c", "Release", Path.Combine("examples", script) }) start.ArgumentList.Add(a);
        if (args.Length > 0) start.ArgumentList.Add("--");
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host's MSBuild variables would point the child build at the test run's own build; a user's shell has none.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) { process.Kill(true); Assert.Fail($"{script} ran past 10 minutes"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [TestMethod]
    public void TheExamplesFolderHoldsTheTestedScripts()
        => CollectionAssert.AreEquivalent(new[] { "sbpi-alpha-sweep.cs", "user-kernel.cs", "user-patterns.cs" },
            Directory.GetFiles(Path.Combine(Root(), "examples"), "*.cs").Select(Path.GetFileName).ToArray());

    [TestMethod]
    public void SbpiAlphaSweepPrintsEpsGFallingWithAlpha()
    {
        var (code, output, err) = Run("sbpi-alpha-sweep.cs", "--small");
        Assert.AreEqual(0, code, err + output);
        var rows = output.Split('\n').Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.HasCount(4, rows, output);
        var eps = rows.Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.IsTrue(eps[^1] < eps[0], $"ε_g falls with α: {output}");
        Assert.IsTrue(eps.All(e => e is >= 0 and <= 0.5), output);
    }

    [TestMethod]
    public void UserPatternsTrainsOnTheShippedCsv()
    {
        var (code, output, err) = Run("user-patterns.cs");
        Assert.AreEqual(0, code, err + output);
        StringAssert.Contains(output, "N = 31, P = 40, test rows = 20");
        Assert.AreEqual(4, output.Split('\n').Count(l => l.StartsWith("copy ", StringComparison.Ordinal) && l.Contains("train error 0.000")),
            $"CP+R separates 40 teacher-labelled patterns at N = 31 (α ≈ 1.3): {output}");
    }

    [TestMethod]
    public void UserKernelComparesAUserQWithIndependentCopies()
    {
        var (code, output, err) = Run("user-kernel.cs", "--small");
        Assert.AreEqual(0, code, err + output);
        var lines = output.Split('\n').Where(l => l.Contains("ε_g")).ToList();
        Assert.HasCount(2, lines, output);
        StringAssert.StartsWith(lines[0], "identity");
        StringAssert.Contains(lines[0], "λ₂ = 1.000");
        StringAssert.StartsWith(lines[1], "two-community Q");
    }
}
