using MCoverPhysics.Experiments.Cli;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>The console table: mean ± sem over seeds, the mean alone where a point has one seed, columns aligned either way.</summary>
[TestClass]
public sealed class SummaryTableTests
{
    [TestMethod]
    public void OneSeedShowsTheValueAloneInTheSameWidth()
    {
        var one = SummaryTable.Cell(0.25, double.NaN, 1);
        var two = SummaryTable.Cell(0.25, 0.01, 2);
        Assert.AreEqual("  0.2500" + new string(' ', 11), one);
        Assert.AreEqual("  0.2500 ± 0.0100  ", two);
        Assert.AreEqual(two.Length, one.Length);
    }

    [TestMethod]
    public void AOneSeedSweepPrintsNoNaNAndKeepsTheColumnsUnderTheirHeaders()
    {
        var dir = Cli.TempDir();
        try
        {
            var (code, output, err) = Cli.Mcover("sweep", "--rule", "cp,sbpi", "--n", "101", "--alpha", "0.5,1", "--copies", "2",
                "--epochs", "5", "--seeds", "1", "--threads", "1", "--out", dir);
            Assert.AreEqual(0, code, err);
            var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var header = lines.Single(l => l.Contains("eps_g", StringComparison.Ordinal) && l.Contains("seeds", StringComparison.Ordinal));
            var rows = lines.SkipWhile(l => l != header).Skip(1).TakeWhile(l => !l.StartsWith("wrote", StringComparison.Ordinal)).Where(l => l.Trim().Length > 0).ToList();
            Assert.HasCount(4, rows, output);
            foreach (var row in rows)
            {
                Assert.DoesNotContain("NaN", row);
                Assert.DoesNotContain("±", row);
                // Each mean is right-aligned in 8 characters starting under its header, as with more seeds.
                foreach (var name in new[] { "eps_g", "train_error", "overlap_R", "diversity", "solved" })
                {
                    int at = header.IndexOf(name, StringComparison.Ordinal);
                    Assert.IsTrue(double.TryParse(row.Substring(at, 8), System.Globalization.CultureInfo.InvariantCulture, out _), $"{name} at {at}: '{row}'");
                    Assert.IsTrue(at == 0 || row[at - 1] == ' ', row);
                }
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
