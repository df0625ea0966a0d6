using System.CommandLine;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover atlas DIR [--out FILE]</c>: the atlas of a finished sweep (typically <c>mcover sweep --preset atlas --out DIR</c>):
/// every lift or coupling against independent copies on paired seeds, Benjamini–Hochberg over the whole atlas, bootstrap
/// intervals, and the figures Δε_g against λ₂ and against 1 − q (<see cref="AtlasReport"/>).
/// </summary>
internal static class AtlasCommand
{
    public static Command Build(TextWriter stdout)
    {
        var command = new Command("atlas",
            "write the atlas of a sweep directory: Δε_g (per copy, consensus, routed ensemble), Δ(1 − q), Δ solved and cost of every lift or coupling " +
            "against independent copies on paired seeds, Benjamini–Hochberg over the atlas, bootstrap intervals, and figures Δε_g vs λ₂ and vs 1 − q");
        var dir = new Argument<string>("DIR") { Description = "a sweep's output directory (its points.csv)" };
        var @out = new Option<string>("--out") { Description = "the Markdown file to write (atlas-lambda2.png and atlas-diversity.png go beside it)", DefaultValueFactory = _ => "atlas.md" };
        var sweep = new Option<string?>("--sweep") { Description = "the sweep command that made DIR, quoted in the report's first line" };
        command.Arguments.Add(dir);
        command.Options.Add(@out);
        command.Options.Add(sweep);
        command.SetAction(parse =>
        {
            var points = Path.Combine(parse.GetValue(dir)!, "points.csv");
            if (!File.Exists(points)) throw UsageException.Named("DIR", parse.GetValue(dir)!, "holds no points.csv (run mcover sweep --preset atlas --out DIR first)");
            var target = parse.GetValue(@out)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
            if (!Directory.Exists(folder)) throw UsageException.Named("--out", target, "is in a directory that does not exist");
            IReadOnlyList<AtlasReport.Cell> cells;
            try
            {
                cells = AtlasReport.Compute(CsvTable.Read(points));
            }
            catch (FormatException e)
            {
                // A points.csv of another kind of sweep (or one written before the atlas's columns existed).
                throw UsageException.Named("DIR", parse.GetValue(dir)!, e.Message);
            }
            // Everything is computed before anything is written: the report text, then the figures, then the report.
            var markdown = AtlasReport.Markdown(cells, (parse.GetValue(sweep) is { } s ? s + " && " : "") + $"mcover atlas {parse.GetValue(dir)} --out {target}");
            AtlasReport.Plot(cells, Path.Combine(folder, "atlas-lambda2.png"), Path.Combine(folder, "atlas-diversity.png"));
            AtomicFile.WriteAllText(target, markdown, overwrite: true);
            stdout.WriteLine($"wrote {target} ({cells.Count} cells), atlas-lambda2.png, atlas-diversity.png");
            return 0;
        });
        return command;
    }
}
