using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>Writes points.csv, summary.csv and run.json of a finished sweep (each atomically).</summary>
public static class ResultWriter
{
    /// <summary>The measured columns of points.csv, summarised over seeds in summary.csv.</summary>
    public static readonly IReadOnlyList<Observable> Observables =
    [
        new("epochs_run", "epochs run (≤ epochs; mc/sa: sweeps run ≤ sweeps)", r => r.EpochsRun),
        new("train_error", "fraction of training patterns with Δ ≤ 0, mean over copies", r => r.Observables.TrainError),
        new("test_error", "fraction of fresh test patterns misclassified, mean over copies (teacher task)", r => r.Observables.TestError),
        new("overlap_R", "teacher overlap R = w·w*/N, mean over copies", r => r.Observables.OverlapR),
        new("eps_g", "generalisation error arccos(R)/π, mean over copies", r => r.Observables.EpsG),
        new("eps_g_consensus", "ε_g of the consensus student sign(Σ_a w^a)", r => r.Observables.ConsensusEpsG),
        new("eps_g_best", "ε_g of the best copy", r => r.Observables.BestEpsG),
        new("test_error_routed", "test error of the routed ensemble: majority of the M routed models, fresh permutations from Q per test pattern (Q = identity: majority of the copies' outputs; teacher task, perceptron)", r => r.TestErrorRouted),
        new("teacher_found_copies", "copies with R = 1 (teacher task)", r => r.Config.Task == Models.Data.LearningTask.TeacherStudent ? r.Observables.TeacherFoundCopies : double.NaN),
        new("q_mean", "mean inter-copy overlap q = mean_{a<b} w^a·w^b/N (M ≥ 2)", r => r.Observables.QMean),
        new("diversity", "replica diversity 1 − q", r => r.Observables.Diversity),
        new("solved", "1 if every copy has zero training error, else 0", r => r.Solved ? 1 : 0),
        new("solved_copies", "copies with zero training error", r => r.SolvedCopies),
        new("routed_train_error", "fraction of factor copies (μ, b) violated on their routed models (= train_error for Q = identity)", r => r.RoutedTrainError),
        new("overlap_posterior_mean", "amp and plain BP: m·w*/N of the posterior means m, mean over copies (teacher task; = q at the Bayes-optimal fixed point; NaN under reinforcement)", r => r.OverlapPosteriorMean),
        new("eps_g_posterior", "amp and plain BP: ε of the posterior-mean predictor sign(m·ξ), arccos(m·w*/(|m|√N))/π (teacher task; = ε_Bayes at AMP's fixed point; NaN under reinforcement)", r => r.EpsPosterior),
        new("converged", "amp/rbp/bp/fbp: copies whose messages converged (change < tol) within the iteration budget; reinforced rbp: or whose signs solve every pattern", r => r.ConvergedCopies),
        new("R_diag_raw", "teacher–student overlap (1/K) Σ_k R_kk of the hidden units as labelled, mean over copies (perceptron: R)", r => r.RDiagRaw),
        new("R_diag_aligned", "(1/K) Σ_k R_kk after relabelling student units by the assignment maximising Σ_k |R_k,π(k)| (full committee; = overlap_R)", r => r.RDiagAligned),
        new("R_offdiag_aligned", "mean |R_kl|, k ≠ l, of the aligned overlap matrix (full committee; NaN otherwise)", r => r.ROffDiagAligned),
        new("eps_g_overlap", "ε_g from the overlaps, mean over copies: arccos(R)/π (perceptron), P[majority votes differ] for Gaussian hidden fields with the overlap matrices as covariance (committee)", r => r.EpsGOverlap),
        new("eps_g_overlap_error", "Monte Carlo standard error of eps_g_overlap (0 where exact: perceptron, tree committee)", r => r.EpsGOverlapError),
        new("epoch_first_solved", "mean over the copies that solved of the first epoch (mc/sa: sweep) with zero training error (NaN: none did)", r => r.EpochFirstSolved),
        new("acceptance_rate", "mc/sa/pt: accepted / proposed single-weight flips over the run (NaN for the other rules)", r => r.AcceptanceRate),
        new("exchange_rate", "pt: accepted / proposed temperature swaps between neighbouring replicas (NaN for the other rules)", r => r.ExchangeRate),
        new("test_error_consensus", "mlp: test error of the consensus network sign(Σ_a w^a), the weight-wise majority of the copies (NaN for the other models)", r => r.TestErrorConsensus),
        new("test_error_ensemble", "mlp: test error of the plurality vote of the M copies' outputs (NaN for the other models)", r => r.TestErrorEnsemble),
        new("test_error_fused", "mlp: test error of the fused network: hidden units aligned (Hungarian), latent weights brought to a common weight scope per layer, averaged and signed (NaN for the other models and M = 1)", r => r.TestErrorFused),
        new("energy", "mc/sa/pt: final training energy per copy E/M, E = violated (factor-copy) constraints Δ ≤ κ√N of the lifted system (NaN for the other rules)", r => r.Energy),
    ];

    /// <summary>Names of the result files; their presence marks a directory as holding a run.</summary>
    public static readonly string[] Files = ["points.csv", "summary.csv", "run.json", "q_matrix.csv", "R_matrix.csv", "trajectory.csv", "comparison.md", "comparison.png", "comparison.svg", "montecarlo.md", "committee-mp.md"];

    /// <summary>Fails (exit 2, naming <paramref name="name"/>: --out, or DIR for merge) when <paramref name="dir"/> is empty, a file,
    /// or already holds one of <paramref name="files"/>.</summary>
    public static void CheckFresh(string dir, IReadOnlyList<string> files, string what, string name = "--out")
    {
        if (string.IsNullOrWhiteSpace(dir)) throw UsageException.Named(name, dir, "is empty");
        if (File.Exists(dir)) throw UsageException.Named(name, dir, "is a file, not a directory");
        var existing = files.FirstOrDefault(f => File.Exists(Path.Combine(dir, f)));
        if (existing is not null) throw UsageException.Named(name, dir, $"already holds {what} ({existing}){(name == "--out" ? "; choose a new directory" : "")}");
    }

    /// <summary>Creates <paramref name="dir"/>; failures are a usage error naming --out.</summary>
    public static void CreateDirectory(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw UsageException.Field("out", dir, $"cannot be created: {e.Message}");
        }
    }

    /// <summary>
    /// Fails (exit 2, naming <paramref name="name"/>) when no file can be created in the existing directory <paramref name="dir"/>
    /// (a read-only mount, no permission): a probe file is created and deleted, since permission bits do not tell (root
    /// writes through them, a read-only file system refuses root).
    /// </summary>
    public static void CheckWritable(string dir, string name = "--out")
    {
        var probe = Path.Combine(dir, $".mcover-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.Named(name, dir, $"is not writable: {e.Message.Replace($" : '{probe}'", "", StringComparison.Ordinal)}");
        }
        finally
        {
            try { File.Delete(probe); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>The claim a running sweep holds on its output directory (<see cref="ProcessLock"/>).</summary>
    public const string LockFile = "run.lock";

    /// <summary>An RFC 4180 CSV field: quoted when it holds a comma or quote (kernel specs like band:m=1,h=0.5 do).</summary>
    public static string Csv(string field) => field.IndexOfAny([',', '"', '\n']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";

    private static string F(double x) => double.IsNaN(x) ? "NaN" : x.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>A grid point's identity: every parameter but the seed.</summary>
    internal static string PointKey(RunConfig c) => string.Join(",", c.ToValues().Where(kv => kv.Key != "seed").Select(kv => kv.Value));

    /// <summary>points.csv: one row per (grid point, seed), task <c>i</c> at row i; columns key → grid parameters → observables → provenance (<see cref="ResultColumns.Points"/>).</summary>
    public static string PointsCsv(IReadOnlyList<PointResult> results)
    {
        var columns = ResultColumns.Points();
        var sb = new StringBuilder(ResultColumns.Header(columns)).Append('\n');
        for (int i = 0; i < results.Count; i++) sb.Append(ResultColumns.Cells(columns, results[i], i)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Per grid point: the point's parameters, the seed count, and mean, sem, ci_lo, ci_hi of each observable.</summary>
    public static IReadOnlyList<(RunConfig Point, IReadOnlyList<SeedSummary> Stats, int Seeds)> Summarise(IReadOnlyList<PointResult> results)
        => results.GroupBy(r => PointKey(r.Config))
            .Select(g => (g.First().Config, (IReadOnlyList<SeedSummary>)Observables.Select(o => SeedSummary.Of(g.Select(o.Value))).ToList(), g.Count()))
            .ToList();

    /// <summary>summary.csv: per grid point and observable mean, sem, Student-t 95% interval (ci) and percentile-bootstrap
    /// 95% interval of the mean (boot, <see cref="Bootstrap.MeanInterval"/>); Wilson 95% interval of P(solved). Columns:
    /// <see cref="ResultColumns.Summary"/>.</summary>
    public static string SummaryCsv(IReadOnlyList<PointResult> results)
    {
        var columns = ResultColumns.Summary();
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => c.Name)).Append('\n');
        var groups = results.GroupBy(r => PointKey(r.Config)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (point, stats, seeds) in Summarise(results))
        {
            var group = groups[PointKey(point)];
            var solved = Proportion.Wilson(group.Count(r => r.Solved), seeds); // success probability of `solved`, Wilson 95%
            // Percentile bootstrap of the mean over seeds, seeded: the same resamples for every observable of a point.
            var boot = Observables.Select(o => Bootstrap.MeanInterval(group.Select(o.Value))).ToList();
            var row = new SummaryRow(point, point.ToValues(), seeds, stats, boot, (solved.Lo, solved.Hi));
            sb.AppendJoin(',', columns.Select(c => c.Cell(row))).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>run.json: the sweep config, every resolved task (<see cref="RunRecord"/>), the columns of points.csv with
    /// their class and legend, provenance, machine and wall time. Keys are the CSV column names; numbers are JSON numbers.</summary>
    public static string RunJson(string command, SweepSpec spec, IReadOnlyList<RunConfig> tasks, int threads, DateTime startedUtc, double wallSeconds)
    {
        var json = new JsonObject
        {
            ["package"] = "MCoverPhysics",
            ["version"] = Provenance.Version,
            ["git_commit"] = Provenance.Commit,
            ["command"] = command,
            ["started_utc"] = startedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["wall_seconds"] = wallSeconds,
            ["threads"] = threads,
            ["machine"] = new JsonObject
            {
                ["os"] = Environment.OSVersion.ToString(),
                ["cores"] = Environment.ProcessorCount,
                ["runtime"] = Environment.Version.ToString(),
                ["lanes"] = Models.Spins.LaneSelection.Resolve(Models.Spins.LaneWidth.Auto).ToString(),
            },
            ["config"] = spec.ToJson(),
            ["config_hash"] = SweepSpec.Hash(tasks),
            ["columns"] = new JsonObject(ResultColumns.Points().Select(c => KeyValuePair.Create(c.Name, (JsonNode?)new JsonObject
            {
                ["class"] = c.Class.ToString().ToLowerInvariant(),
                ["legend"] = c.Legend,
            }))),
            ["tasks"] = new JsonArray(tasks.Select((t, i) => (JsonNode)RunRecord.TaskJson(i, t)).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The leading columns of a long-format table over <paramref name="results"/> (task i at index i): <see cref="LongTableKey"/>.</summary>
    private static (string Header, Func<int, string> Prefix) LongKey(IReadOnlyList<PointResult> results)
    {
        var key = new LongTableKey(results.Select(r => r.Config).ToList());
        return (key.Header, i => key.Cells(i, results[i].Config));
    }

    /// <summary>q_matrix.csv: every q_ab of every (grid point, seed), keyed by task_id.</summary>
    public static string QMatrixCsv(IReadOnlyList<PointResult> results)
    {
        var (header, prefixOf) = LongKey(results);
        var sb = new StringBuilder($"{header},a,b,q\n");
        for (int r = 0; r < results.Count; r++)
        {
            var c = results[r].Config;
            var q = results[r].Observables.Q;
            string prefix = prefixOf(r);
            for (int a = 0; a < c.Copies; a++)
                for (int b = 0; b < c.Copies; b++) sb.Append(prefix).Append(',').Append(a).Append(',').Append(b).Append(',').Append(F(q[a, b])).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// R_matrix.csv: per (grid point, seed), copy and hidden units (k, l), the teacher–student overlap R_kl = w_k·w*_l/n raw and
    /// aligned (student units relabelled by the Hungarian assignment; full committee only), keyed by task_id. Teacher task only.
    /// </summary>
    public static string RMatrixCsv(IReadOnlyList<PointResult> results)
    {
        var (header, prefixOf) = LongKey(results);
        var sb = new StringBuilder($"{header},copy,k,l,R_raw,R_aligned\n");
        for (int r = 0; r < results.Count; r++)
        {
            var c = results[r].Config;
            int kk = c.HiddenUnits;
            if (results[r].RRaw.Length == 0) continue;
            string prefix = prefixOf(r);
            for (int i = 0; i < results[r].RRaw.Length; i++)
                sb.Append(prefix).Append(',').Append(i / (kk * kk)).Append(',').Append(i / kk % kk).Append(',').Append(i % kk).Append(',')
                    .Append(F(results[r].RRaw[i])).Append(',').Append(F(results[r].RAligned[i])).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>trajectory.csv (<c>--trace</c>): per (grid point, seed) and epoch, training error and diversity (and the test
    /// error where it is measured every epoch: the mlp), keyed by task_id.</summary>
    public static string TrajectoryCsv(IReadOnlyList<PointResult> results)
    {
        var (header, prefixOf) = LongKey(results);
        // test_error only where some rule measured it per step (the mlp), so the other models' files keep their columns.
        bool test = results.Any(r => r.Trajectory.Any(t => !double.IsNaN(t.TestError)));
        var sb = new StringBuilder($"{header},epoch,train_error,q_mean,diversity{(test ? ",test_error" : "")}\n");
        for (int r = 0; r < results.Count; r++)
        {
            if (results[r].Trajectory.Count == 0) continue;
            string prefix = prefixOf(r);
            foreach (var t in results[r].Trajectory)
            {
                sb.Append(prefix).Append(',').Append(t.Epoch).Append(',').Append(F(t.TrainError)).Append(',').Append(F(t.QMean)).Append(',').Append(F(t.Diversity));
                if (test) sb.Append(',').Append(F(t.TestError));
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>The file whose presence marks a finished run: written last, so a run killed while writing its results is
    /// resumed (its leftovers are overwritten), never taken for finished.</summary>
    public const string FinishedMarker = "run.json";

    /// <summary>
    /// Writes the result files into <paramref name="dir"/> (claimed with <see cref="ProcessLock"/>), then whatever
    /// <paramref name="reports"/> adds, then run.json last. Leftovers of an interrupted write are overwritten.
    /// </summary>
    public static void WriteAll(string dir, IReadOnlyList<PointResult> results, string runJson, Action? reports = null)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, "points.csv"), PointsCsv(results), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(dir, "summary.csv"), SummaryCsv(results), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(dir, "q_matrix.csv"), QMatrixCsv(results), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(dir, "R_matrix.csv"), RMatrixCsv(results), overwrite: true);
        if (results.Any(r => r.Trajectory.Count > 0)) AtomicFile.WriteAllText(Path.Combine(dir, "trajectory.csv"), TrajectoryCsv(results), overwrite: true);
        reports?.Invoke();
        AtomicFile.WriteAllText(Path.Combine(dir, FinishedMarker), runJson);
    }
}
