using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The durable record of one finished (grid point, seed): every field of a <see cref="PointResult"/> as named JSON
/// fields, plus the sweep's config hash, the task's index and parameters, and a SHA-256 of the rest. This is the one
/// (de)serialiser of results: a new <see cref="PointResult"/> field is added here, in <see cref="ToJson"/> and
/// <see cref="Read"/>, and the round-trip test covers it.
/// </summary>
/// <remarks>
/// Doubles are written as JSON numbers in their shortest round-trip form (bit-exact on reading); NaN and ±∞, which
/// JSON lacks, as the strings "NaN", "Infinity", "-Infinity".
/// </remarks>
public static class TaskRecord
{
    /// <summary>Version of the record layout; a reader refuses others.</summary>
    public const int Format = 1;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record of task <paramref name="index"/> of the sweep with hash <paramref name="configHash"/>, as one line of JSON.</summary>
    public static string ToJson(PointResult r, int index, string configHash)
    {
        var o = r.Observables;
        var body = new JsonObject
        {
            ["format"] = Format,
            ["config_hash"] = configHash,
            ["task"] = index,
            ["config"] = Values(r.Config),
            ["epochs_run"] = r.EpochsRun,
            ["solved_copies"] = r.SolvedCopies,
            ["seconds"] = Num(r.Seconds),
            ["routed_train_error"] = Num(r.RoutedTrainError),
            ["epoch_first_solved"] = Num(r.EpochFirstSolved),
            ["overlap_posterior_mean"] = Num(r.OverlapPosteriorMean),
            ["eps_posterior"] = Num(r.EpsPosterior),
            ["converged_copies"] = Num(r.ConvergedCopies),
            ["R_raw"] = Nums(r.RRaw),
            ["R_aligned"] = Nums(r.RAligned),
            ["R_diag_raw"] = Num(r.RDiagRaw),
            ["R_diag_aligned"] = Num(r.RDiagAligned),
            ["R_offdiag_aligned"] = Num(r.ROffDiagAligned),
            ["eps_g_overlap"] = Num(r.EpsGOverlap),
            ["eps_g_overlap_error"] = Num(r.EpsGOverlapError),
            ["acceptance_rate"] = Num(r.AcceptanceRate),
            ["exchange_rate"] = Num(r.ExchangeRate),
            ["energy"] = Num(r.Energy),
            ["test_error_routed"] = Num(r.TestErrorRouted),
            ["test_error_consensus"] = Num(r.TestErrorConsensus),
            ["test_error_ensemble"] = Num(r.TestErrorEnsemble),
            ["test_error_fused"] = Num(r.TestErrorFused),
            ["layer_overlaps"] = Nums(r.LayerOverlaps),
            ["layer_overlaps_aligned"] = Nums(r.AlignedLayerOverlaps),
            ["test_error_by_epoch"] = Nums(r.TestErrorByEpoch),
            ["copies"] = new JsonArray(o.Copies.Select(c => (JsonNode)new JsonObject
            {
                ["train_error"] = Num(c.TrainError), ["test_error"] = Num(c.TestError), ["overlap_R"] = Num(c.OverlapR), ["eps_g"] = Num(c.EpsG),
            }).ToArray()),
            ["q"] = new JsonArray(Enumerable.Range(0, o.Q.GetLength(0))
                .Select(a => (JsonNode)new JsonArray(Enumerable.Range(0, o.Q.GetLength(1)).Select(b => Num(o.Q[a, b])).ToArray())).ToArray()),
            ["consensus_overlap_R"] = Num(o.ConsensusOverlapR),
            ["trajectory"] = new JsonArray(r.Trajectory.Select(t => (JsonNode)TrajectoryNode(t)).ToArray()),
        };
        body["sha256"] = Checksum(body);
        return body.ToJsonString(Compact);
    }

    /// <summary>
    /// Reads a record written by <see cref="ToJson"/> for the sweep whose task list is <paramref name="tasks"/> and
    /// whose hash is <paramref name="configHash"/>. Throws <see cref="FormatException"/> naming the defect when the
    /// text is not JSON, the checksum does not match, the hash or format differs, or the task's parameters are not
    /// those of task <c>task</c> of the list: such a record is never used.
    /// </summary>
    public static (int Index, PointResult Result) Read(string json, IReadOnlyList<RunConfig> tasks, string configHash)
    {
        JsonObject body;
        try { body = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object"); }
        catch (JsonException e) { throw new FormatException($"not valid JSON ({e.Message.Split('.')[0]})"); }
        try
        {
            var sum = body["sha256"]?.GetValue<string>() ?? throw new FormatException("has no sha256");
            body.Remove("sha256");
            if (Checksum(body) != sum) throw new FormatException("checksum mismatch (sha256)");
            if (body["format"]?.GetValue<int>() != Format) throw new FormatException($"format is not {Format}");
            var hash = body["config_hash"]?.GetValue<string>();
            if (hash != configHash) throw new FormatException($"belongs to config hash {hash}, not {configHash}");
            int index = body["task"]!.GetValue<int>();
            if (index < 0 || index >= tasks.Count) throw new FormatException($"task {index} is outside 0..{tasks.Count - 1}");
            var config = tasks[index];
            if (body["config"]!.ToJsonString(Compact) != Values(config).ToJsonString(Compact))
                throw new FormatException($"parameters differ from those of task {index}");
            var copies = body["copies"]!.AsArray().Select(c => new CopyObservables(
                Real(c!["train_error"]), Real(c["test_error"]), Real(c["overlap_R"]), Real(c["eps_g"]))).ToArray();
            var rows = body["q"]!.AsArray();
            var q = new double[rows.Count, rows.Count];
            for (int a = 0; a < rows.Count; a++)
            {
                var row = rows[a]!.AsArray();
                if (row.Count != rows.Count) throw new FormatException("q is not square");
                for (int b = 0; b < row.Count; b++) q[a, b] = Real(row[b]);
            }
            if (copies.Length != config.Copies || rows.Count != config.Copies) throw new FormatException($"holds {copies.Length} copies, the task {config.Copies}");
            var trajectory = body["trajectory"]!.AsArray()
                .Select(t => new TrajectoryPoint(t!["epoch"]!.GetValue<int>(), Real(t["train_error"]), Real(t["q_mean"]), t["test_error"] is null ? double.NaN : Real(t["test_error"]))).ToList();
            var result = new PointResult(config, body["epochs_run"]!.GetValue<int>(), new EnsembleObservables(copies, q, Real(body["consensus_overlap_R"])),
                body["solved_copies"]!.GetValue<int>(), Real(body["seconds"]), Real(body["routed_train_error"]), Real(body["epoch_first_solved"]), trajectory)
            {
                OverlapPosteriorMean = Real(body["overlap_posterior_mean"]),
                EpsPosterior = Real(body["eps_posterior"]),
                ConvergedCopies = Real(body["converged_copies"]),
                RRaw = Reals(body["R_raw"]),
                RAligned = Reals(body["R_aligned"]),
                RDiagRaw = Real(body["R_diag_raw"]),
                RDiagAligned = Real(body["R_diag_aligned"]),
                ROffDiagAligned = Real(body["R_offdiag_aligned"]),
                EpsGOverlap = Real(body["eps_g_overlap"]),
                EpsGOverlapError = Real(body["eps_g_overlap_error"]),
                AcceptanceRate = Real(body["acceptance_rate"]),
                ExchangeRate = Real(body["exchange_rate"]),
                Energy = Real(body["energy"]),
                TestErrorRouted = body["test_error_routed"] is { } routed ? Real(routed) : double.NaN, // absent in records before issue 20
                // Absent from records written before the mlp: NaN and empty.
                TestErrorConsensus = body.ContainsKey("test_error_consensus") ? Real(body["test_error_consensus"]) : double.NaN,
                TestErrorEnsemble = body.ContainsKey("test_error_ensemble") ? Real(body["test_error_ensemble"]) : double.NaN,
                TestErrorFused = body.ContainsKey("test_error_fused") ? Real(body["test_error_fused"]) : double.NaN,
                LayerOverlaps = body.ContainsKey("layer_overlaps") ? Reals(body["layer_overlaps"]) : [],
                AlignedLayerOverlaps = body.ContainsKey("layer_overlaps_aligned") ? Reals(body["layer_overlaps_aligned"]) : [],
                TestErrorByEpoch = body.ContainsKey("test_error_by_epoch") ? Reals(body["test_error_by_epoch"]) : [],
            };
            return (index, result);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"a field is missing or of the wrong type ({e.Message})");
        }
    }

    private static JsonObject Values(RunConfig c) => new(c.ToValues().Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>One traced step; test_error only where it was measured (records of the other models are unchanged).</summary>
    private static JsonObject TrajectoryNode(TrajectoryPoint t)
    {
        var node = new JsonObject { ["epoch"] = t.Epoch, ["train_error"] = Num(t.TrainError), ["q_mean"] = Num(t.QMean) };
        if (!double.IsNaN(t.TestError)) node["test_error"] = Num(t.TestError);
        return node;
    }

    private static JsonNode Num(double x) => double.IsFinite(x) ? JsonValue.Create(x) : JsonValue.Create(x.ToString(CultureInfo.InvariantCulture));

    private static JsonArray Nums(IEnumerable<double> xs) => new(xs.Select(Num).ToArray());

    private static double[] Reals(JsonNode? node) => node is JsonArray a ? a.Select(Real).ToArray() : throw new FormatException("a list of numbers is missing");

    private static double Real(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => double.Parse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValue v => v.GetValue<double>(),
        _ => throw new FormatException("a number is missing"),
    };

    /// <summary>SHA-256 (hex) of the compact JSON of <paramref name="body"/>.</summary>
    private static string Checksum(JsonObject body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString(Compact))));
}
