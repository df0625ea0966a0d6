using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MCoverPhysics.Analysis.Theory.Committee;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover theory --model committee --hidden K --arch full --task teacher</c>: the state evolution of the Bayes-optimal
/// committee machine (<see cref="CommitteeTheory"/>) over a list of loads; writes theory.csv and theory.json.
/// </summary>
internal static class CommitteeTheoryCommand
{
    /// <summary>Default loads (each point is a few seconds to minutes at K = 3).</summary>
    public const string AlphaDefault = "0.25:0.25:2";

    /// <summary>Checks --hidden, --arch and --task for the committee theory (one line naming the field, exit 2).</summary>
    public static (int Hidden, string Arch) Validate(int? hidden, string? arch, string task)
    {
        int k = hidden ?? 3;
        if (k < 1) throw UsageException.Field("hidden", k.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (k % 2 == 0) throw UsageException.Field("hidden", k.ToString(CultureInfo.InvariantCulture), "must be odd (majority output)");
        if (k > CommitteeTheory.MaxHidden)
            throw UsageException.Field("hidden", k.ToString(CultureInfo.InvariantCulture),
                $"is above {CommitteeTheory.MaxHidden}: the committee state evolution supports K = 1, 3, {CommitteeTheory.MaxHidden} (its quadrature costs n^(2K−1))");
        var a = arch ?? "full";
        if (a != "full") throw UsageException.Field("arch", a, "is not supported by the committee theory; expected full (fully connected)");
        if (task != "teacher") throw UsageException.Field("task", task, "is not supported by the committee theory; expected teacher (Bayes-optimal)");
        return (k, a);
    }

    public static int Execute(int hidden, string arch, string alphaText, double[] alphas, string dir, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var options = CommitteeTheoryOptions.Default;
        var curve = CommitteeTheory.Curve(hidden, alphas, options);
        var entropy = curve.Select(p => CommitteeTransition.Entropy(p, options)).ToArray();
        var sb = new StringBuilder("alpha,q,q_offdiag,qhat,qhat_offdiag,eps_bayes,entropy,specialised,converged,iterations\n");
        foreach (var (p, s) in curve.Zip(entropy))
            sb.Append(string.Join(",", F(p.Alpha), F(p.Diagonal), F(p.OffDiagonal), F(p.QhatDiagonal), F(p.QhatOffDiagonal), F(p.EpsBayes), F(s),
                B(p.Specialised), B(p.Converged), p.Iterations.ToString(CultureInfo.InvariantCulture))).Append('\n');
        // α_spec: the entropy of the branch crosses 0 (perfect learning, q = I, wins); refined by Brent between the first two
        // listed loads (in increasing α) that bracket the sign change, else null.
        var sorted = curve.Zip(entropy).Where(x => !x.First.Specialised).OrderBy(x => x.First.Alpha).ToList();
        double? alphaSpec = null;
        for (int i = 0; i + 1 < sorted.Count && alphaSpec is null; i++)
            if (sorted[i].Second > 0 && sorted[i + 1].Second < 0)
                alphaSpec = CommitteeTransition.Specialisation(hidden, sorted[i].First.Alpha, sorted[i + 1].First.Alpha, 1e-4, options);
        var notConverged = curve.Where(p => !p.Converged).Select(p => p.Alpha).ToList();
        foreach (var p in curve.Where(p => !p.Converged))
            stderr.WriteLine($"mcover: warning: state evolution did not converge at alpha={F(p.Alpha)} ({p.Iterations} iterations)");
        var json = new JsonObject
        {
            ["command"] = "theory",
            ["config"] = new JsonObject
            {
                ["model"] = "committee",
                ["hidden"] = hidden,
                ["arch"] = arch,
                ["task"] = "teacher",
                ["alpha"] = alphaText,
                ["alphas"] = new JsonArray(alphas.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["ansatz"] = "committee-symmetric: q = (q_d − q_o) I + q_o J, q̂ likewise",
                ["initial_diagonal"] = options.InitialDiagonal,
                ["initial_offdiagonal"] = options.InitialOffDiagonal,
                ["damping"] = options.Damping,
                ["tolerance"] = options.Tolerance,
                ["max_iterations"] = options.MaxIterations,
                ["quadrature"] = CommitteeTheory.Quadrature(hidden, options),
            },
            ["points"] = alphas.Length,
            ["alpha_spec"] = alphaSpec is { } asp && double.IsFinite(asp) ? asp : null,
            ["alpha_spec_definition"] = "information-theoretic specialisation: entropy s = f_RS + K ln 2 of the non-specialised branch (state evolution from q0) crosses 0, where perfect learning q = I (s = 0) takes over; first order. Null when no two listed loads bracket it (K = 3: alpha_spec = 3.80, docs/physics/theory.md)",
            ["not_converged"] = new JsonArray(notConverged.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["version"] = Provenance.Version,
            ["git_commit"] = Provenance.Commit,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds,
        };
        TheoryCommand.Write(dir, sb.ToString(), json);
        if (!quiet)
        {
            stdout.WriteLine($"state evolution of the Bayes-optimal committee machine, K = {hidden}, {arch}: {alphas.Length} loads α, {alphas.Length - notConverged.Count} converged");
            var spec = curve.FirstOrDefault(p => p.Specialised);
            stdout.WriteLine(spec is null ? "no specialisation from q₀ = 10⁻³ I on these loads" : $"specialised from α = {F(spec.Alpha)} on (first load of the list)");
            stdout.WriteLine(alphaSpec is { } a && double.IsFinite(a) ? $"alpha_spec = {a:F4} (entropy of the non-specialised branch = 0; perfect learning beyond)" : "alpha_spec not bracketed by these loads");
            stdout.WriteLine($"wrote {string.Join(", ", TheoryCommand.Files.Select(f => Path.Combine(dir, f)))} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        return 0;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string B(bool b) => b ? "true" : "false";
}
