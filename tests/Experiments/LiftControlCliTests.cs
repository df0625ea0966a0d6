namespace MCoverPhysics.Tests.Experiments;

/// <summary>The lift controls of issue 20 on the command line: a time-dependent kernel of another M is refused, and the new
/// controls are written to results.</summary>
[TestClass]
public sealed class LiftControlCliTests
{
    [TestMethod]
    public void KernelToOfAnotherSizeIsRefusedNamingItAndWritesNothing()
    {
        var dir = Cli.TempDir();
        var file = Path.Combine(Path.GetTempPath(), $"q3-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "1,0.5,0.5\n0.5,1,0.5\n0.5,0.5,1\n");
        var (code, output, err) = Cli.Mcover("run", "--n", "101", "--alpha", "1", "--copies", "4", "--kernel", "uniform", "--schedule", "annealed",
            "--kernel-to", $"file:{file}", "--out", dir, "--quiet");
        File.Delete(file);
        Assert.AreEqual(2, code, err);
        Assert.StartsWith("mcover: --kernel-to", err.Trim());
        Assert.AreEqual(1, err.Trim().Split('\n').Length, $"one line: {err}");
        Assert.AreEqual("", output);
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    [TestMethod]
    public void TheLiftControlsRunAndAreWrittenToResults()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--n", "101", "--alpha", "0.5", "--copies", "4", "--kernel", "ring:sigma=1", "--schedule", "annealed",
            "--kernel-to", "identity", "--kernel-ramp", "geometric", "--cycle-weight", "0.5", "--wiring", "asymmetric", "--epochs", "5",
            "--rule", "sbpi", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "points.csv"));
        var header = lines[0].Split(',');
        string Cell(string column) => lines[1].Split(',')[Array.IndexOf(header, column)];
        Assert.AreEqual("0.5", Cell("cycle_weight"));
        Assert.AreEqual("asymmetric", Cell("wiring"));
        Assert.AreEqual("identity", Cell("kernel_to"));
        Assert.AreEqual("geometric", Cell("kernel_ramp"));
        double routed = double.Parse(Cell("test_error_routed"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(routed is >= 0 and <= 1, $"test_error_routed = {routed}");
    }

    /// <summary>mcover kernel shows the long-cycle law: for uniform Q the Ewens mean number of cycles Σ_k θ/(θ + k).</summary>
    [TestMethod]
    public void TheKernelCommandShowsTheLongCycleLaw()
    {
        var (code, output, err) = Cli.Mcover("kernel", "uniform", "--copies", "5", "--cycle-weight", "0.5", "--draws", "2000");
        Assert.AreEqual(0, code, err);
        double ewens = Enumerable.Range(0, 5).Sum(k => 0.5 / (0.5 + k));
        StringAssert.Contains(output, $"mean cycles = {ewens.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}");
        StringAssert.Contains(output, "θ = 0.5");
        (code, _, err) = Cli.Mcover("kernel", "uniform", "--copies", "5", "--cycle-weight", "0");
        Assert.AreEqual(2, code);
        Assert.StartsWith("mcover: --cycle-weight '0' must be in (0, 1]", err.Trim());
    }

    /// <summary>The lift controls and replicated Monte Carlo refuse bad input with one line naming the field, writing nothing.</summary>
    [TestMethod]
    [DataRow("--kernel ring:sigma=1 --copies 4 --n 101 --cycle-weight 0", "--cycle-weight '0' must be in (0, 1]")]
    [DataRow("--kernel ring:sigma=1 --copies 4 --n 101 --cycle-weight 1.5", "--cycle-weight '1.5' must be in (0, 1]")]
    [DataRow("--kernel ring:sigma=1 --copies 4 --n 101 --cycle-weight 0.5 --sampler gumbel", "--sampler 'gumbel' cannot draw the long-cycle law")]
    [DataRow("--kernel ring:sigma=1 --copies 12 --n 101 --sampler alias", "--sampler 'alias' enumerates the M! permutations: it needs M ≤ 8")]
    [DataRow("--cycle-weight 0.5 --copies 4 --n 101", "--cycle-weight '0.5' does not apply here: it is used by a --kernel other than identity, with --model perceptron or committee only")]
    [DataRow("--kernel uniform --copies 4 --n 101 --kernel-to identity", "--kernel-to 'identity' needs --schedule annealed")]
    [DataRow("--kernel uniform --copies 4 --n 101 --schedule annealed --kernel-to ring:sigma=-1", "--kernel-to 'ring:sigma=-1' sigma must be > 0")]
    [DataRow("--kernel uniform --copies 4 --n 101 --kernel-ramp geometric", "--kernel-ramp 'geometric' does not apply here: it is used by --kernel-to only")]
    [DataRow("--model committee --n 99 --kernel uniform --copies 4 --wiring asymmetric", "--wiring 'asymmetric' is implemented for the perceptron's online rules")]
    [DataRow("--rule mc --kernel uniform --copies 4 --n 101 --wiring asymmetric", "--wiring 'asymmetric' is implemented for the perceptron's online rules")]
    [DataRow("--rule pt --coupling replicated --copies 4 --n 101", "--coupling 'replicated' acts with the online rules cp, cpr, sbpi, not with rule pt (replicated also acts with mc, sa, ste, bop)")]
    [DataRow("--rule mc --coupling consensus --copies 4 --n 101", "--coupling 'consensus' acts with the online rules cp, cpr, sbpi, not with rule mc")]
    [DataRow("--model mlp --task storage --n 51 --widths 5 --alpha 0.5 --kernel uniform --copies 4 --cycle-weight 0.5", "--cycle-weight '0.5' does not apply here: it is used by a --kernel other than identity, with --model perceptron or committee only")]
    [DataRow("--model mlp --task storage --n 51 --widths 5 --alpha 0.5 --kernel uniform --copies 4 --schedule annealed --kernel-to identity", "--kernel-to 'identity' does not apply here")]
    [DataRow("--model mlp --task storage --n 51 --widths 5 --alpha 0.5 --kernel uniform --copies 4 --routing stored", "--routing 'stored' does not apply here")]
    [DataRow("--rule cp --coupling replicated --gamma 2 --copies 4 --n 101", "--gamma '2' must be in [0, 1]")]
    [DataRow("--rule mc --coupling replicated --gamma -1 --copies 4 --n 101", "--gamma '-1' must be ≥ 0 (mc/sa: a field strength)")]
    public void BadLiftControlsAreRefused(string args, string message)
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover(["run", .. args.Split(' '), "--out", dir, "--quiet"]);
        Assert.AreEqual(2, code, err);
        Assert.Contains(message, err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, $"one line: {err}");
        Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(), "nothing written");
    }

    /// <summary>For mc/sa the replicated γ is a field strength, not a probability: γ > 1 runs (for the online rules it is refused above).</summary>
    [TestMethod]
    public void ReplicatedMonteCarloTakesAFieldStrengthAboveOne()
    {
        var dir = Cli.TempDir();
        var (code, _, err) = Cli.Mcover("run", "--rule", "mc", "--coupling", "replicated", "--gamma", "2", "--copies", "2", "--n", "51", "--alpha", "0.5",
            "--sweeps", "3", "--out", dir, "--quiet");
        Assert.AreEqual(0, code, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "points.csv"));
        Assert.AreEqual("2", lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), "gamma")]);
    }

    /// <summary>mcover kernel refuses the alias sampler beyond M = 8 for a long-cycle law of uniform Q (it used to crash).</summary>
    [TestMethod]
    public void TheKernelCommandRefusesAliasBeyondEightCopiesWithALongCycleLaw()
    {
        var (code, output, err) = Cli.Mcover("kernel", "uniform", "--copies", "10", "--cycle-weight", "0.5", "--sampler", "alias");
        Assert.AreEqual(2, code, err);
        Assert.StartsWith("mcover: --sampler 'alias' enumerates the M! permutations", err.Trim());
        Assert.AreEqual(1, err.Trim().Split('\n').Length, $"one line: {err}");
        Assert.AreEqual("", output);
    }

    /// <summary>mcover atlas over a points.csv without the atlas's columns: one line naming DIR, exit 2, nothing written.</summary>
    [TestMethod]
    public void TheAtlasRefusesAPointsTableWithoutItsColumns()
    {
        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "points.csv"), "kernel,seed\nidentity,1\n");
        var target = Path.Combine(dir, "report", "atlas.md");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var (code, _, err) = Cli.Mcover("atlas", dir, "--out", target);
        Assert.AreEqual(2, code, err);
        Assert.StartsWith("mcover: DIR", err.Trim());
        Assert.Contains("points.csv has no column", err);
        Assert.AreEqual(1, err.Trim().Split('\n').Length, $"one line: {err}");
        Assert.IsFalse(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(target)!).Any(), "nothing written");
    }
}
