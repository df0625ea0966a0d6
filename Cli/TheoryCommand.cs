using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover theory</c>: the replica-symmetric theory of the binary perceptron over a list of loads α (state evolution
/// of the Bayes-optimal teacher–student problem, or the Gardner entropy of the storage problem) and its thresholds
/// α_perfect, α_spinodal, α_c. Writes theory.csv and theory.json; docs/physics/theory.md.
/// </summary>
internal static class TheoryCommand
{
    /// <summary>The files a theory run writes.</summary>
    public static readonly string[] Files = ["theory.csv", "theory.json"];

    private const string TeacherDefault = "0.05:0.05:3";
    private const string StorageDefault = "0.05:0.05:1";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("theory",
            "replica-symmetric theory of the binary perceptron over α (teacher: Bayes-optimal state evolution = AMP; storage: " +
            "Gardner entropy) and the thresholds α_perfect, α_spinodal, α_c; writes theory.csv, theory.json");
        var model = new Option<string>("--model")
        {
            Description = "model: perceptron (binary weights) or committee (Bayes-optimal state evolution, --hidden K, --arch full)",
            DefaultValueFactory = _ => "perceptron",
        };
        var hidden = new Option<int?>("--hidden") { Description = "committee only: number of hidden units K (odd, ≤ 5) [default: 3]" };
        var arch = new Option<string?>("--arch") { Description = "committee only: architecture, full (fully connected) [default: full]" };
        var task = new Option<string>("--task")
        {
            Description = "teacher: Bayes-optimal teacher–student, state evolution from q₀ = 0; storage: random labels, κ = 0",
            DefaultValueFactory = _ => "teacher",
        };
        var alpha = new Option<string?>("--alpha")
        {
            Description = $"loads α = P/N > 0: a value, a list a,b,c or a range start:step:stop [default: {TeacherDefault} teacher, {StorageDefault} storage]",
        };
        var @out = new Option<string>("--out") { Description = "output directory without a previous theory run: theory.csv, theory.json", Required = true };
        var quiet = new Option<bool>("--quiet") { Description = "no summary on stdout (warnings still go to stderr)" };
        foreach (var o in new Option[] { model, hidden, arch, task, alpha, @out, quiet }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var modelName = parse.GetValue(model)!;
            if (modelName != "perceptron" && modelName != "committee")
                throw UsageException.Field("model", modelName, "is not a model of the theory; expected perceptron or committee");
            var taskName = parse.GetValue(task)!;
            if (!Parameters.Task.Choices!.Contains(taskName))
                throw UsageException.Field("task", taskName, $"is not a task; expected {string.Join(", ", Parameters.Task.Choices!)}");
            if (modelName == "committee")
            {
                var (k, a) = CommitteeTheoryCommand.Validate(parse.GetValue(hidden), parse.GetValue(arch), taskName);
                var committeeAlphaText = parse.GetValue(alpha) ?? CommitteeTheoryCommand.AlphaDefault;
                var committeeAlphas = Loads(committeeAlphaText);
                var committeeDir = parse.GetValue(@out)!;
                ResultWriter.CheckFresh(committeeDir, Files, "a theory run");
                return CommitteeTheoryCommand.Execute(k, a, committeeAlphaText, committeeAlphas, committeeDir, parse.GetValue(quiet), stdout, stderr);
            }
            if (parse.GetValue(hidden) is int h)
                throw UsageException.Field("hidden", h.ToString(CultureInfo.InvariantCulture), "applies to --model committee only");
            if (parse.GetValue(arch) is string ar) throw UsageException.Field("arch", ar, "applies to --model committee only");
            var alphaText = parse.GetValue(alpha) ?? (taskName == "teacher" ? TeacherDefault : StorageDefault);
            var alphas = Loads(alphaText);
            var dir = parse.GetValue(@out)!;
            ResultWriter.CheckFresh(dir, Files, "a theory run");
            return Execute(modelName, taskName, alphaText, alphas, dir, parse.GetValue(quiet), stdout, stderr);
        });
        return command;
    }

    /// <summary>Creates <paramref name="dir"/> (checked writable) and writes theory.csv and theory.json into it, each atomically.</summary>
    internal static void Write(string dir, string csv, JsonObject json)
    {
        ResultWriter.CreateDirectory(dir);
        ResultWriter.CheckWritable(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, Files[0]), csv);
        AtomicFile.WriteAllText(Path.Combine(dir, Files[1]), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Expands --alpha with the sweep syntax (value, list, start:step:stop) and checks every α &gt; 0.</summary>
    internal static double[] Loads(string text)
    {
        return Parameters.Alpha.Expand(text).Select(s =>
        {
            if (!Parameter.TryReal(s, out var v)) throw UsageException.Field("alpha", s, "is not a number");
            if (!(v > 0)) throw UsageException.Field("alpha", s, "must be > 0");
            return v;
        }).ToArray();
    }

    private static int Execute(string model, string task, string alphaText, double[] alphas, string dir, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var options = StateEvolutionOptions.Default;
        string csv;
        var notConverged = new List<double>();
        if (task == "teacher")
        {
            var curve = TeacherStudentTheory.Curve(alphas, options);
            csv = Csv(["alpha", "q", "qhat", "eps_bayes", "eps_gibbs", "entropy", "converged", "iterations"],
                curve.Select(p => new[] { F(p.Alpha), F(p.Overlap), F(p.ConjugateOverlap), F(p.EpsBayes), F(p.EpsGibbs), F(p.Entropy), B(p.Converged), p.Iterations.ToString(CultureInfo.InvariantCulture) }));
            foreach (var p in curve.Where(p => !p.Converged))
            {
                notConverged.Add(p.Alpha);
                stderr.WriteLine($"mcover: warning: state evolution did not converge at alpha={F(p.Alpha)} ({p.Iterations} iterations)");
            }
        }
        else
        {
            var curve = StorageTheory.Curve(alphas, options);
            csv = Csv(["alpha", "q", "qhat", "entropy", "converged"],
                curve.Select(p => new[] { F(p.Alpha), F(p.Overlap), F(p.ConjugateOverlap), F(p.Entropy), B(p.Converged) }));
            foreach (var p in curve.Where(p => !p.Converged))
            {
                notConverged.Add(p.Alpha);
                var why = double.IsNaN(p.Entropy) ? "q runs off to 1: no RS saddle point, α ≳ 4/π" : $"{p.Iterations} iterations";
                stderr.WriteLine($"mcover: warning: state evolution did not converge at alpha={F(p.Alpha)} ({why})");
            }
        }
        var perfect = ThresholdFinder.PerfectLearning();
        var spinodal = ThresholdFinder.Spinodal();
        var capacity = ThresholdFinder.StorageCapacity();

        var json = new JsonObject
        {
            ["command"] = "theory",
            ["alpha_perfect"] = perfect.Alpha,
            ["alpha_spinodal"] = spinodal.Alpha,
            ["alpha_c"] = capacity.Alpha,
            ["saddle_points"] = new JsonObject
            {
                ["perfect"] = Saddle(perfect),
                ["spinodal"] = Saddle(spinodal),
                ["capacity"] = Saddle(capacity),
            },
            ["literature"] = new JsonObject
            {
                ["alpha_perfect"] = new JsonObject
                {
                    ["gyorgyi_1990"] = ThresholdFinder.LiteraturePerfectLearning1990,
                    ["sompolinsky_tishby_seung_1990"] = ThresholdFinder.LiteraturePerfectLearning1990,
                    ["barbier_et_al_2019"] = ThresholdFinder.LiteraturePerfectLearning2019,
                },
                ["alpha_spinodal"] = new JsonObject { ["barbier_et_al_2019"] = ThresholdFinder.LiteratureSpinodal },
                ["alpha_c"] = new JsonObject { ["krauth_mezard_1989"] = ThresholdFinder.LiteratureStorageCapacity },
            },
            ["config"] = new JsonObject
            {
                ["model"] = model,
                ["task"] = task,
                ["alpha"] = alphaText,
                ["alphas"] = new JsonArray(alphas.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["initial_overlap"] = options.InitialOverlap,
                ["damping"] = options.Damping,
                ["tolerance"] = options.Tolerance,
                ["max_iterations"] = options.MaxIterations,
                ["perfect_learning_tolerance"] = options.PerfectLearningTolerance,
                ["quadrature"] = $"composite Gauss–Legendre on [−{F(GaussianIntegral.Cutoff)}, {F(GaussianIntegral.Cutoff)}], panels {F(GaussianIntegral.PanelWidth)}, {GaussianIntegral.NodesPerPanel} nodes each",
            },
            ["points"] = alphas.Length,
            ["not_converged"] = new JsonArray(notConverged.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["version"] = Provenance.Version,
            ["git_commit"] = Provenance.Commit,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds,
        };

        Write(dir, csv, json);

        if (!quiet)
        {
            stdout.WriteLine($"replica-symmetric theory of the binary perceptron, task {task}: {alphas.Length} loads α, {alphas.Length - notConverged.Count} converged");
            stdout.WriteLine($"{"threshold",-12}  {"solver",-10}  literature");
            stdout.WriteLine($"{"α_perfect",-12}  {perfect.Alpha.ToString("F5", CultureInfo.InvariantCulture),-10}  1.245 (Györgyi 1990; Sompolinsky, Tishby & Seung 1990), 1.249 (Barbier et al. 2019)");
            stdout.WriteLine($"{"α_spinodal",-12}  {spinodal.Alpha.ToString("F5", CultureInfo.InvariantCulture),-10}  1.493 (Barbier et al. 2019)");
            stdout.WriteLine($"{"α_c",-12}  {capacity.Alpha.ToString("F5", CultureInfo.InvariantCulture),-10}  0.833 (Krauth & Mézard 1989)");
            stdout.WriteLine($"wrote {string.Join(", ", Files.Select(f => Path.Combine(dir, f)))} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        return 0;
    }

    private static JsonObject Saddle(Threshold t) => new() { ["alpha"] = t.Alpha, ["q"] = t.Overlap, ["qhat"] = t.ConjugateOverlap };

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string B(bool b) => b ? "true" : "false";

    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", header)).Append('\n');
        foreach (var row in rows) sb.Append(string.Join(",", row)).Append('\n');
        return sb.ToString();
    }
}
