using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The MLP through the CLI and the library: its flags, its columns, and bad input refused in one line with exit 2.</summary>
[TestClass]
public sealed class MlpCliTests
{
    private static readonly string[] Small = ["--model", "mlp", "--widths", "5", "--task", "teacher", "--teacher-widths", "3", "--n", "31", "--alpha", "2", "--copies", "2", "--epochs", "2", "--quiet"];

    [TestMethod]
    [DataRow("--widths", ",", "widths")]
    [DataRow("--widths", "0", "widths")]
    [DataRow("--widths", "5,-3", "widths")]
    [DataRow("--widths", "5,x", "widths")]
    [DataRow("--lr", "0", "lr")]
    [DataRow("--lr", "-1", "lr")]
    [DataRow("--rule", "hebb", "rule")]
    [DataRow("--granularity", "word", "granularity")]
    [DataRow("--batch", "0", "batch")]
    [DataRow("--teacher-widths", "2,0", "teacher-widths")]
    [DataRow("--coupling", "consensus", "coupling")]
    [DataRow("--widths", "5;7", "widths")]
    public void BadMlpInputIsOneLineNamingTheField(string flag, string value, string field)
    {
        var dir = Cli.TempDir();
        var args = Small.ToList();
        int at = args.IndexOf(flag);
        if (at >= 0) args[at + 1] = value; else args.AddRange([flag, value]);
        if (flag == "--granularity") args.AddRange(["--kernel", "uniform"]);
        if (flag == "--rule") args.RemoveRange(args.IndexOf("--epochs"), 2); // every rule that reads --epochs trains the mlp
        var (code, _, err) = Cli.Mcover(["run", .. args, "--out", dir]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains($"--{field} ", err);
        Assert.IsFalse(Directory.Exists(dir));
    }

    [TestMethod]
    [DataRow("--bop-tau", "-0.1", "bop-tau")]
    [DataRow("--bop-gamma", "0", "bop-gamma")]
    [DataRow("--decay", "0", "decay")]
    [DataRow("--decay", "1.5", "decay")]
    public void BadBopParametersAreRefused(string flag, string value, string field)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. Small, "--rule", "bop", flag, value, "--out", dir]);
        Assert.AreEqual(2, code, err);
        Assert.Contains($"--{field} '{value}'", err);
        Assert.IsFalse(Directory.Exists(dir));
    }

    [TestMethod]
    [DataRow("3,12", "the data do not have")]
    [DataRow("3,3", "two different classes")]
    [DataRow("odd", "expected all, A,B")]
    public void ClassesTheDataDoNotHaveAreRefused(string classes, string problem)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--model", "mlp", "--task", "fashion-mnist", "--classes", classes, "--rule", "ste", "--out", dir, "--quiet");
        Assert.AreEqual(2, code, err);
        Assert.Contains("--classes", err);
        Assert.Contains(problem, err);
        Assert.IsFalse(Directory.Exists(dir));
    }

    /// <summary>A missing idx file: one line naming the task, the package and the apt command (the directory is set through the
    /// library's environment variable, read at validation).</summary>
    [TestMethod]
    public void AMissingDataSetNamesThePackage()
    {
        var empty = Cli.TempDir();
        Directory.CreateDirectory(empty);
        var before = Environment.GetEnvironmentVariable(FashionMnist.DirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(FashionMnist.DirectoryVariable, empty);
            var dir = Cli.TempDir();
            var (code, _, err) = Cli.Mcover("run", "--model", "mlp", "--task", "fashion-mnist", "--rule", "ste", "--out", dir, "--quiet");
            Assert.AreEqual(2, code, err);
            Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
            Assert.Contains("--task 'fashion-mnist'", err);
            Assert.Contains("apt-get install dataset-fashion-mnist", err);
            Assert.IsFalse(Directory.Exists(dir));
        }
        finally
        {
            Environment.SetEnvironmentVariable(FashionMnist.DirectoryVariable, before);
            Directory.Delete(empty, true);
        }
    }

    /// <summary>Through the library, empty widths are refused naming the field (on the command line an empty value is absent).</summary>
    [TestMethod]
    public void EmptyWidthsAreRefusedByTheLibrary()
    {
        var e = Assert.ThrowsExactly<UsageException>(() => Simulation.Run(new RunConfig { Model = new MlpModel { Widths = [] }, Rule = new SteRule() }));
        Assert.Contains("--widths", e.Message);
        Assert.Contains("empty", e.Message);
    }

    /// <summary>`mcover connect` on an MLP run: the retrained copies are the run's (no warning), and aligning hidden units can only
    /// bring two copies closer in Hamming distance.</summary>
    [TestMethod]
    public void ConnectMeasuresMlpCopiesRawAndAligned()
    {
        var dir = Cli.TempDir();
        var args = Small.ToList();
        args[args.IndexOf("--copies") + 1] = "3";
        var (code, _, err) = Cli.Mcover(["run", .. args, "--out", dir]);
        Assert.AreEqual(0, code, err);
        (code, _, err) = Cli.Mcover("connect", dir, "--pairs", "all", "--orders", "1", "--steps", "4");
        Assert.AreEqual(0, code, err);
        Assert.DoesNotContain("warning", err);
        var rows = Cli.ReadCsv(Path.Combine(dir, "barrier.csv"));
        Assert.HasCount(3, rows);
        foreach (var row in rows)
            Assert.IsLessThanOrEqualTo(double.Parse(row["hamming"], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(row["hamming_aligned"], System.Globalization.CultureInfo.InvariantCulture));
        Directory.Delete(dir, true);
    }

    /// <summary>`mcover connect` on STE copies also walks the straight line between the latent weights: its ends are the copies
    /// themselves (w = sign h), raw and aligned (aligning relabels hidden units, the same function); BOP has no latent weights
    /// and gets no latent files.</summary>
    [TestMethod]
    public void ConnectWalksTheLatentLineOfSteCopies()
    {
        static double D(string x) => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture);
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. Small, "--out", dir]);
        Assert.AreEqual(0, code, err);
        (code, _, err) = Cli.Mcover("connect", dir, "--orders", "1", "--steps", "4");
        Assert.AreEqual(0, code, err);
        var geodesic = Cli.ReadCsv(Path.Combine(dir, "barrier.csv")).Single();
        var latent = Cli.ReadCsv(Path.Combine(dir, "latent_barrier.csv")).Single();
        foreach (var column in new[] { "train_error_a", "train_error_b", "test_error_a", "test_error_b" })
            Assert.AreEqual(D(geodesic[column]), D(latent[column]), 1e-12, column);
        var path = Cli.ReadCsv(Path.Combine(dir, "latent_path.csv"));
        Assert.HasCount(5, path);
        Assert.AreEqual(D(geodesic["train_error_b"]), D(path[^1]["train_error_aligned"]), 1e-12, "the aligned line ends at copy b's function");
        Assert.AreEqual(D(geodesic["test_error_a"]), D(path[0]["test_error_aligned"]), 1e-12);
        foreach (var row in path) Assert.IsGreaterThanOrEqualTo(0.0, D(latent["train_barrier"]) + (D(latent["train_error_a"]) + D(latent["train_error_b"])) / 2 - D(row["train_error"]), "barrier = max on the path − mean of the ends");
        Directory.Delete(dir, true);

        var bop = Cli.TempDir();
        (code, _, err) = Cli.Mcover(["run", .. Small, "--rule", "bop", "--out", bop]);
        Assert.AreEqual(0, code, err);
        (code, _, err) = Cli.Mcover("connect", bop, "--orders", "1", "--steps", "4");
        Assert.AreEqual(0, code, err);
        Assert.IsFalse(File.Exists(Path.Combine(bop, "latent_barrier.csv")));
        Directory.Delete(bop, true);
    }

    /// <summary>The user's own ±1 patterns train an MLP through the library (labels ±1 as the sign output's two classes).</summary>
    [TestMethod]
    public void UserDataTrainsAnMlp()
    {
        var rng = MCoverPhysics.Models.Random.RngStream.For(4, MCoverPhysics.Models.Random.StreamTag.Patterns);
        var rows = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 21).Select(_ => (rng.NextULong() & 1) != 0 ? (sbyte)1 : (sbyte)-1).ToArray()).ToList();
        var labels = rows.Select(r => r[0]).ToArray(); // the first input decides: learnable
        var result = Simulation.Run(new RunConfig
        {
            Model = new MlpModel { N = 21, Widths = [3] },
            Data = UserData.FromArrays(rows, labels, rows, labels),
            Rule = new SteRule { Epochs = 30, Batch = 10, Lr = 1 },
            Copies = 2,
        });
        Assert.AreEqual(2, result.Observables.Copies.Length);
        Assert.IsLessThan(0.2, result.Observables.TrainError, $"training error {result.Observables.TrainError} on a rule that one input decides (chance: 0.5)");
    }

    /// <summary>Configs read twice from the same values are equal (widths compare element by element), and write back the same values.</summary>
    [TestMethod]
    public void MlpConfigsRoundTripThroughTheirValues()
    {
        var values = new Dictionary<string, string> { ["model"] = "mlp", ["widths"] = "7,3", ["teacher-widths"] = "5", ["n"] = "41", ["rule"] = "bop", ["bop-tau"] = "0.001" };
        var a = RunConfig.FromValues(values);
        Assert.AreEqual(a, RunConfig.FromValues(values));
        var back = a.ToValues().Where(kv => kv.Value.Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.AreEqual(a, RunConfig.FromValues(back));
        Assert.AreEqual("7,3", back["widths"]);
        Assert.AreNotEqual(a, RunConfig.FromValues(new Dictionary<string, string>(values) { ["widths"] = "7,4" }));
    }

    [TestMethod]
    public void MlpRulesAndGranularitiesStayWithTheMlp()
    {
        var (code, _, err) = Cli.Mcover("run", "--rule", "ste", "--n", "31", "--out", Cli.TempDir(), "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--rule 'ste'", err);
        (code, _, err) = Cli.Mcover("run", "--rule", "cp", "--n", "31", "--kernel", "uniform", "--granularity", "layer", "--out", Cli.TempDir(), "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--granularity 'layer'", err);
        (code, _, err) = Cli.Mcover("run", "--rule", "cp", "--n", "31", "--widths", "3", "--out", Cli.TempDir(), "--quiet");
        Assert.AreEqual(2, code);
        Assert.Contains("--widths '3' does not apply here: it is used by --model mlp only", err);
    }

    /// <summary>The CLI and the typed library give the same numbers for the same values, and the MLP's columns are filled.</summary>
    [TestMethod]
    public void CliAndLibraryAgreeOnAnMlpRun()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. Small, "--kernel", "uniform", "--granularity", "unit", "--out", dir]);
        Assert.AreEqual(0, code, err);
        var row = Cli.ReadCsv(Path.Combine(dir, "points.csv")).Single();
        var result = Simulation.Run(new RunConfig
        {
            Model = new MlpModel { N = 31, Widths = [5] },
            Data = new TeacherStudentData { Alpha = 2, TeacherWidths = [3] },
            Rule = new SteRule { Epochs = 2 },
            Lift = new LiftSpec { Kernel = "uniform", Granularity = Granularity.Unit },
            Copies = 2,
        });
        Assert.AreEqual("mlp", row["model"]);
        Assert.AreEqual("5", row["widths"]);
        Assert.AreEqual(2 * (31 * 5 + 5), int.Parse(row["p"], System.Globalization.CultureInfo.InvariantCulture), "P = α·(weights)");
        Assert.AreEqual(result.Observables.TestError, double.Parse(row["test_error"], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.AreEqual(result.TestErrorEnsemble, double.Parse(row["test_error_ensemble"], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.IsFalse(double.IsNaN(result.TestErrorConsensus));
        Assert.HasCount(2, result.TestErrorByEpoch);
        Directory.Delete(dir, true);
    }

    /// <summary>--trace with the mlp writes trajectory.csv: one row per epoch with the copies' training and test errors, the last
    /// row equal to points.csv's errors (ste, and cp through the least-action trainer on the M-cover); the perceptron's file
    /// keeps its columns.</summary>
    [TestMethod]
    [DataRow("ste")] [DataRow("cp")]
    public void TraceRecordsTheMlpErrorsPerEpoch(string rule)
    {
        var dir = Cli.TempDir();
        string[] budget = rule == "cp" ? ["--stop", "budget"] : [];
        var (code, _, err) = Cli.Mcover(["run", .. Small, .. budget, "--rule", rule, "--kernel", "uniform", "--granularity", "unit", "--trace", "--out", dir]);
        Assert.AreEqual(0, code, err);
        var point = Cli.ReadCsv(Path.Combine(dir, "points.csv")).Single();
        var rows = Cli.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        Assert.HasCount(2, rows);
        CollectionAssert.AreEqual(new[] { "1", "2" }, rows.Select(r => r["epoch"]).ToArray());
        Assert.AreEqual(rule, point["rule"]);
        Assert.AreEqual(double.Parse(point["train_error"], System.Globalization.CultureInfo.InvariantCulture), double.Parse(rows[^1]["train_error"], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.AreEqual(double.Parse(point["test_error"], System.Globalization.CultureInfo.InvariantCulture), double.Parse(rows[^1]["test_error"], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Directory.Delete(dir, true);
        var perceptron = Cli.TempDir();
        (code, _, err) = Cli.Mcover("run", "--n", "31", "--alpha", "0.5", "--epochs", "2", "--trace", "--out", perceptron, "--quiet");
        Assert.AreEqual(0, code, err);
        Assert.IsFalse(Cli.ReadCsv(Path.Combine(perceptron, "trajectory.csv"))[0].ContainsKey("test_error"));
        Directory.Delete(perceptron, true);
    }

    /// <summary>The least-action rules on the mlp take no coupling: one line naming --coupling, exit 2, nothing written.</summary>
    [TestMethod]
    public void LeastActionOnTheMlpRefusesCouplings()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. Small, "--rule", "sbpi", "--coupling", "replicated", "--out", dir]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, err);
        Assert.Contains("--coupling ", err);
        Assert.IsFalse(Directory.Exists(dir));
    }
}
