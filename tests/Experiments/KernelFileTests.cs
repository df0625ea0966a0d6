using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Kernels;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>--kernel file:Q.csv: a CSV matrix through MixingKernel.FromMatrix, in the library, the CLI and config files.</summary>
[TestClass]
public sealed class KernelFileTests
{
    private static readonly double[,] Matrix = { { 4, 2, 0, 2 }, { 2, 4, 2, 0 }, { 0, 2, 4, 2 }, { 1, 0, 1, 2 } };

    private static string Write(string dir, string text)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "Q.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Good = "# a banded Q\n4,2,0,2\n2, 4, 2, 0   # row 1\n\n0,2,4,2\n1,0,1,2\n";

    [TestMethod]
    public void AGoodFileIsTheMatrixThroughFromMatrix()
    {
        var dir = Cli.TempDir();
        var path = Write(dir, Good);
        var file = MixingKernel.Parse("file:" + path, 4);
        var matrix = MixingKernel.FromMatrix(Matrix, "m");
        Assert.AreEqual("file:" + path, file.Spec);
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++) Assert.AreEqual(matrix[a, b], file[a, b], 0, $"Q[{a},{b}]");
        Assert.AreEqual(matrix.Lambda2, file.Lambda2);
        Assert.AreEqual(0.25, file[3, 0], 1e-15, "rows are normalised");
        Assert.IsTrue(MixingKernel.Parse("file:" + Write(dir, "3,0\n0,1\n"), 2).IsIdentity, "the identity file runs as identity");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void AFileKernelRunsAsTheSameMatrixInTheLibraryTheCliAndAConfig()
    {
        var dir = Cli.TempDir();
        var path = Write(dir, Good);
        var config = new RunConfig { Model = new PerceptronModel { N = 101 }, Data = new TeacherStudentData { Alpha = 0.8, TestPatterns = 100 }, Rule = new CprRule { Epochs = 20 }, Copies = 4, Seed = 3 };
        var file = Simulation.Run(config with { Lift = new LiftSpec { Kernel = "file:" + path } });
        var matrix = Simulation.Run(config with { Lift = LiftSpec.FromMatrix(Matrix, "m") });
        Assert.AreEqual("file:" + path, file.Config.KernelSpec);
        CollectionAssert.AreEqual(matrix.Observables.Copies.ToList(), file.Observables.Copies.ToList());
        Assert.AreEqual(matrix.RoutedTrainError, file.RoutedTrainError);

        string[] flags = ["--n", "101", "--alpha", "0.8", "--test-patterns", "100", "--rule", "cpr", "--epochs", "20", "--copies", "4", "--seed", "3", "--quiet"];
        var cli = Path.Combine(dir, "cli");
        var (code, _, err) = Cli.Mcover(["run", "--kernel", "file:" + path, .. flags, "--out", cli]);
        Assert.AreEqual(0, code, err);
        var row = Cli.ReadCsv(Path.Combine(cli, "points.csv")).Single();
        Assert.AreEqual("file:" + path, row["kernel"]);
        var json = Path.Combine(dir, "scan.json");
        File.WriteAllText(json, $$"""{ "kernel": ["ring:sigma=1", "file:{{path.Replace("\\", "\\\\")}}"], "n": 101, "alpha": 0.8, "test-patterns": 100, "rule": "cpr", "epochs": 20, "copies": 4, "seeds": 1, "seed": 3 }""");
        var sweep = Path.Combine(dir, "sweep");
        (code, _, err) = Cli.Mcover("sweep", "--config", json, "--out", sweep, "--quiet");
        Assert.AreEqual(0, code, err);
        var rows = Cli.ReadCsv(Path.Combine(sweep, "points.csv"));
        CollectionAssert.AreEquivalent(new[] { "ring:sigma=1", "file:" + path }, rows.Select(r => r["kernel"]).ToArray());
        Assert.AreEqual(row["eps_g"], rows.Single(r => r["kernel"] != "ring:sigma=1")["eps_g"], "the sweep's file row is the run");
        Directory.Delete(dir, true);
    }

    [TestMethod]
    [DataRow("1,1,1\n1,1,1\n", 3, "has 2 rows of 3 numbers: Q must be square")]
    [DataRow("1,1,0,0\n1,1,0\n", 4, "line 2: 3 numbers, but line 1 has 4: Q must be M×M")]
    [DataRow("1,1,1\n1,1,1\n1,1,1\n", 4, "is 3×3; it needs M = copies = 4")]
    [DataRow("1,1,0\n0,0,0\n0,1,1\n", 3, "line 2: row 1 of Q has no positive entry")]
    [DataRow("# Q\n1,1,0\n0,1,-0.5\n1,0,1\n", 3, "line 3: Q[1,2] = -0.5 must be ≥ 0")]
    [DataRow("1,1,0\n1,x,0\n1,0,1\n", 3, "line 2: 'x' is not a number")]
    [DataRow("1,1,0\n1,1,0\n1,1,0\n", 3, "no permutation π has positive weight")]
    [DataRow("# only a comment\n", 3, "holds no rows")]
    public void ABadFileIsOneLineNamingKernelAndTheFileAndNothingIsWritten(string text, int copies, string problem)
    {
        var dir = Cli.TempDir();
        var path = Write(dir, text);
        var output = Path.Combine(dir, "out");
        var (code, _, err) = Cli.Mcover("run", "--kernel", "file:" + path, "--copies", copies.ToString(), "--n", "51", "--alpha", "0.5", "--out", output, "--quiet");
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        StringAssert.StartsWith(err, $"mcover: --kernel 'file:{path}' {path}");
        StringAssert.Contains(err, problem);
        Assert.IsFalse(Directory.Exists(output), "nothing written");
        var e = Assert.ThrowsExactly<UsageException>(() => new LiftSpec { Kernel = "file:" + path }.KernelFor(copies));
        StringAssert.Contains(e.Message, problem);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    public void AMissingFileIsBadInput()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--kernel", "file:" + Path.Combine(dir, "none.csv"), "--copies", "3", "--n", "51", "--out", Path.Combine(dir, "out"), "--quiet");
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "none.csv: no such file");
        Assert.IsFalse(Directory.Exists(dir));
    }

    [TestMethod]
    public void ARewrittenFileIsReadAgain()
    {
        var dir = Cli.TempDir();
        var path = Write(dir, "1,1,0\n0,1,1\n1,0,1\n");
        var spec = new LiftSpec { Kernel = "file:" + path };
        double before = spec.KernelFor(3)[0, 0];
        File.WriteAllText(path, "3,1,0\n0,1,1\n1,0,1\n# longer\n");
        Assert.AreEqual(0.5, before, 1e-15);
        Assert.AreEqual(0.75, spec.KernelFor(3)[0, 0], 1e-15);
        Directory.Delete(dir, true);
    }
}
