using System.Xml.Linq;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// What <c>dotnet pack</c> of the solution produces, read from the project files (packing and installing take minutes
/// and nuget.org, so the round trip — pack, tool install, <c>mcover --version</c>, a script on the packed library — is
/// the manual check in the README's Install section): Cli is the <c>mcover</c> .NET tool, the libraries are packages,
/// tests and benchmarks are not.
/// </summary>
[TestClass]
public sealed class PackagingTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MCoverPhysics.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (MCoverPhysics.sln) is not above the test binaries");
    }

    private static string? Property(string project, string name)
        => XDocument.Load(Path.Combine(Root(), project)).Descendants(name).Select(e => e.Value).LastOrDefault();

    [TestMethod]
    public void TheCliPacksAsTheMcoverTool()
    {
        const string cli = "Cli/MCoverPhysics.Cli.csproj";
        Assert.AreEqual("true", Property(cli, "PackAsTool"));
        Assert.AreEqual("mcover", Property(cli, "ToolCommandName"));
        Assert.AreEqual("MCoverPhysics.Cli", Property(cli, "PackageId"));
    }

    [TestMethod]
    public void LibrariesPackAndTestsAndBenchmarksDoNot()
    {
        foreach (var layer in new[] { "Models", "Lifts", "Dynamics", "Analysis", "Experiments" })
        {
            var project = $"{layer}/MCoverPhysics.{layer}.csproj";
            Assert.AreNotEqual("false", Property(project, "IsPackable"), project);
            Assert.IsFalse(string.IsNullOrWhiteSpace(Property(project, "Description")), $"{project}: a package description");
        }
        Assert.AreEqual("false", Property("tests/MCoverPhysics.Tests.csproj", "IsPackable"));
        Assert.AreEqual("false", Property("benchmarks/MCoverPhysics.Benchmarks.csproj", "IsPackable"));
        Assert.IsTrue(File.Exists(Path.Combine(Root(), "docs/package-readme.md")), "the packages' README");
    }
}
