using System.CommandLine;
using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Cli;

/// <summary><c>mcover mlp-report --out docs/results/mlp.md</c>: runs and writes the MLP results page (<see cref="MlpReport"/>).</summary>
internal static class MlpReportCommand
{
    public static Command Build(TextWriter stdout)
    {
        var d = new MlpReport.Budget();
        var command = new Command("mlp-report", "run the binary-MLP results (Fashion-MNIST STE/BOP per epoch, copies vs M-cover, teacher–student ε_g(α)) and write them as markdown");
        var @out = new Option<string>("--out") { Description = "markdown file to write (refused if it exists)", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "epochs of the Fashion-MNIST STE and BOP runs (the last one is reported as final)", DefaultValueFactory = _ => d.Epochs };
        var widths = new Option<string>("--widths") { Description = "hidden widths of the Fashion-MNIST network", DefaultValueFactory = _ => "501,501" };
        var compareEpochs = new Option<int>("--compare-epochs") { Description = "epochs of the copies-vs-M-cover comparison", DefaultValueFactory = _ => d.ComparisonEpochs };
        var compareWidths = new Option<string>("--compare-widths") { Description = "hidden widths of the comparison", DefaultValueFactory = _ => "101" };
        var copies = new Option<int>("--copies") { Description = "copies M of the comparison", DefaultValueFactory = _ => d.Copies };
        var teacherEpochs = new Option<int>("--teacher-epochs") { Description = "epochs of the teacher–student STE runs (sbpi: twice as many)", DefaultValueFactory = _ => d.TeacherEpochs };
        var seeds = new Option<int>("--seeds") { Description = "seeds 1 … S of the comparison and of the teacher–student curve (≥ 1)", DefaultValueFactory = _ => d.Seeds };
        var threads = new Option<int>("--threads") { Description = "threads (results do not depend on them)", DefaultValueFactory = _ => d.Threads };
        foreach (var o in new Option[] { @out, epochs, widths, compareEpochs, compareWidths, copies, teacherEpochs, seeds, threads }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(@out)!;
            if (File.Exists(path)) throw UsageException.Named("--out", path, "exists; choose a new file");
            foreach (var (name, value) in new[] { ("epochs", parse.GetValue(epochs)), ("compare-epochs", parse.GetValue(compareEpochs)), ("copies", parse.GetValue(copies)), ("teacher-epochs", parse.GetValue(teacherEpochs)), ("seeds", parse.GetValue(seeds)), ("threads", parse.GetValue(threads)) })
                if (value < 1) throw UsageException.Field(name, value.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
            static int[] Widths(string name, string text) => text.Split(',').Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 ? v
                : throw UsageException.Field(name, text, "is not a list of widths ≥ 1")).ToArray();
            var budget = new MlpReport.Budget
            {
                Epochs = parse.GetValue(epochs), Widths = Widths("widths", parse.GetValue(widths)!),
                ComparisonEpochs = parse.GetValue(compareEpochs), ComparisonWidths = Widths("compare-widths", parse.GetValue(compareWidths)!),
                Copies = parse.GetValue(copies), TeacherEpochs = parse.GetValue(teacherEpochs), Seeds = parse.GetValue(seeds), Threads = parse.GetValue(threads),
            };
            string commandLine = "mcover mlp-report " + string.Join(" ", parse.Tokens.Select(t => t.Value).SkipWhile(t => t == "mlp-report"));
            string text = MlpReport.Generate(budget, commandLine, stdout);
            AtomicFile.WriteAllText(path, text);
            stdout.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
