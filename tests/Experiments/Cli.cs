using MCoverPhysics.Experiments.Cli;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>Runs <c>mcover</c> in-process with captured output, as the CLI tests need it.</summary>
internal static class Cli
{
    /// <summary>Exit code, stdout and stderr of <c>mcover args</c>.</summary>
    public static (int Code, string Out, string Err) Mcover(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh path under the temp folder (not created).</summary>
    public static string TempDir() => Path.Combine(Path.GetTempPath(), "mcover-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Splits one RFC 4180 line: the product's own reader.</summary>
    public static List<string> SplitCsv(string line) => CsvTable.Split(line);

    /// <summary>A result CSV as rows of column → cell.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = SplitCsv(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
