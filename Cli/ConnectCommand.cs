using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MCoverPhysics.Analysis.Connectivity;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Running;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover connect DIR</c>: for every (grid point, seed) of a finished run, retrains the copies (results depend only
/// on config and seed) and measures the training and test error along the Hamming geodesic between pairs of copies:
/// barrier.csv (one row per pair), path.csv (the profiles) and barrier.png/svg (mean profile per grid point). MLP copies
/// with latent weights (ste) also get the straight line sign((1 − t)·h_a + t·h_b) between their latent weights, raw and
/// aligned: latent_barrier.csv and latent_path.csv (<see cref="MlpConnectivity.LatentLine"/>).
/// </summary>
internal static class ConnectCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("connect", "connectivity of the copies of a finished run: error along the Hamming geodesic between pairs of copies and its barrier; writes barrier.csv, path.csv, barrier.png into DIR (mlp with latent weights, rule ste: also the straight line between the latent weights, raw and aligned, in latent_barrier.csv and latent_path.csv)");
        var dir = new Argument<string>("DIR") { Description = "a finished run's output directory (run.json and points.csv)" };
        var pairs = new Option<string>("--pairs") { Description = "copy pairs: adjacent ((a, a+1), a = 0 … M−2) or all (every a < b)", DefaultValueFactory = _ => "adjacent" };
        var orders = new Option<int>("--orders") { Description = "random flip orders averaged per pair (≥ 1)", DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps") { Description = "points along each path after its start (≥ 1)", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "worker threads (≥ 1), all cores by default; results never depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { pairs, orders, steps, threads }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var written = Run(parse.GetValue(dir)!, parse.GetValue(pairs)!, parse.GetValue(orders), parse.GetValue(steps), parse.GetValue(threads), stderr);
            stdout.WriteLine($"wrote {string.Join(", ", written)}");
            return 0;
        });
        return command;
    }

    /// <summary>One pair's profile, raw and after aligning copy b's hidden units to copy a's (equal for perceptrons and trees).</summary>
    private sealed record Pair(int Row, RunConfig Config, int A, int B, GeodesicProfile Profile, GeodesicProfile Aligned, int Synapses)
    {
        /// <summary>The latent straight line (MLP copies with latent weights), or null.</summary>
        public LatentProfile? Latent { get; init; }
    }

    /// <summary>Training and test error at t = 0, 1/steps, …, 1 along sign((1 − t)·h_a + t·h_b), raw and with b aligned to a.</summary>
    private sealed record LatentProfile(double[] Train, double[] Test, double[] TrainAligned, double[] TestAligned);

    /// <summary>A run's trained copies with what the geodesic needs: their bit count, the errors of a weight vector and the alignment.</summary>
    /// <param name="Weights">Packed copies (a committee's units concatenated, unit k at word k·⌈n/64⌉; padding bits are 0).</param>
    /// <param name="Bits">Bits the geodesic walks over.</param>
    /// <param name="Synapses">Number of weights (N, or K·n for a committee): the Hamming distance is given per synapse.</param>
    /// <param name="Errors">Training and test error of a packed weight vector.</param>
    /// <param name="Align">Copy b with its hidden units permuted to match copy a's (assignment problem), or null where units
    /// cannot be exchanged (perceptron, tree committee).</param>
    private sealed record Subject(List<ulong[]> Weights, int Bits, int Synapses, Func<ulong[], (double Train, double Test)> Errors, Func<ulong[], ulong[], ulong[]?> Align)
    {
        /// <summary>The latent straight line between copies a and b with <c>steps</c> steps, or null (no latent weights).</summary>
        public Func<int, int, int, LatentProfile>? Latent { get; init; }

        public static Subject Train(RunConfig config)
        {
            if (config.Model.IsMlp)
            {
                // Binary MLPs: the copies' weights flattened row-major (Σ_l n_l·W_l bits); alignment relabels hidden units layer by layer.
                var mlpData = config.Data.CreateMlp((MlpModel)config.Model, config.Seed);
                var extras = config.Rule.MlpDynamics(config, mlpData).Learn().Mlp!;
                var nets = extras.Networks;
                var mlpShape = nets[0].Shape;
                int count = checked((int)mlpShape.WeightCount);
                (double, double) MlpErrors(ulong[] flat)
                {
                    var bits = Models.Mlp.MlpNetwork.FromFlat(mlpShape, flat).Bits;
                    double test = mlpData.TestInputs.Rows == 0 ? double.NaN : (double)Models.Mlp.MlpForward.ErrorCount(mlpShape, bits, mlpData.TestInputs, mlpData.TestLabels) / mlpData.TestInputs.Rows;
                    return ((double)Models.Mlp.MlpForward.ErrorCount(mlpShape, bits, mlpData.Inputs, mlpData.Labels) / mlpData.P, test);
                }
                ulong[]? MlpAlign(ulong[] a, ulong[] b) => mlpShape.Layers > 1
                    ? MlpAlignment.Align(Models.Mlp.MlpNetwork.FromFlat(mlpShape, a), Models.Mlp.MlpNetwork.FromFlat(mlpShape, b)).Flatten() : null;
                LatentProfile Line(int a, int b, int steps)
                {
                    double[] L(Models.Spins.PatternMatrix x, byte[] y, bool align) => y.Length == 0 ? Enumerable.Repeat(double.NaN, steps + 1).ToArray()
                        : MlpConnectivity.LatentLine(nets[a], extras.States[a], nets[b], extras.States[b], x, y, steps, align);
                    return new LatentProfile(L(mlpData.Inputs, mlpData.Labels, false), L(mlpData.TestInputs, mlpData.TestLabels, false),
                        L(mlpData.Inputs, mlpData.Labels, true), L(mlpData.TestInputs, mlpData.TestLabels, true));
                }
                return new Subject(nets.Select(n => n.Flatten()).ToList(), count, count, MlpErrors, MlpAlign) { Latent = extras.StatesAreLatentWeights ? Line : null };
            }
            if (config.IsCommittee)
            {
                var data = PointRunner.CommitteeData(config);
                var shape = data.Shape;
                int w = shape.UnitWords, kk = shape.Hidden;
                (double, double) Errors(ulong[] units) => ((double)shape.ErrorCount(units, data.Inputs, data.Labels) / data.P,
                    data.TestCount == 0 ? double.NaN : (double)shape.ErrorCount(units, data.TestInputs, data.TestLabels) / data.TestCount);
                ulong[]? Align(ulong[] a, ulong[] b) => shape.Arch == Models.Committee.Architecture.Full && kk > 1 ? CommitteeMeter.AlignUnits(shape, a, b) : null;
                return new Subject(PointRunner.TrainCommittee(config, data).Copies, kk * w * 64, kk * shape.UnitInputs, Errors, Align);
            }
            var set = config.Data.Create(config.Model, config.Seed);
            var weights = PointRunner.Learn(config, set).Weights.ToList(); // every rule family alike
            return new Subject(weights, config.N, config.N, w => HammingGeodesic.PerceptronErrors(w, set), (_, _) => null);
        }
    }

    /// <summary>Measures every pair of every task of the run in <paramref name="dir"/>; returns the files written.</summary>
    public static string[] Run(string dir, string pairs, int orders, int steps, int threads, TextWriter stderr)
    {
        if (pairs is not ("adjacent" or "all")) throw UsageException.Field("pairs", pairs, "is not a pair set; expected adjacent, all");
        if (orders < 1) throw UsageException.Field("orders", orders.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (steps < 1) throw UsageException.Field("steps", steps.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (threads < 1) throw UsageException.Field("threads", threads.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        var tasks = Tasks(dir);
        var points = CsvTable.Read(Path.Combine(dir, "points.csv"));
        int trainColumn = points.Column("train_error");
        var results = new List<Pair>[tasks.Count];
        Parallel.For(0, tasks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, row =>
        {
            var config = tasks[row];
            var subject = Subject.Train(config);
            // The retrained copies must be the run's: a run made by another version would give other students.
            double train = subject.Weights.Average(w => subject.Errors(w).Train);
            if (row < points.Rows.Count && trainColumn >= 0 && double.TryParse(points.Rows[row][trainColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var recorded)
                && Math.Abs(recorded - train) > 1e-9)
                lock (stderr) stderr.WriteLine($"mcover: warning: task_id {row} of points.csv has train_error {recorded}, the retrained copies {train} (another mcover version?)");
            var list = new List<Pair>();
            foreach (var (a, b) in PairsOf(config.Copies, pairs))
            {
                ulong key = Models.Random.RngStream.Key(config.Seed, Models.Random.StreamTag.PatternOrder, (ulong)(1_000_000 + a * config.Copies + b));
                var raw = HammingGeodesic.Measure(subject.Weights[a], subject.Weights[b], subject.Bits, subject.Errors, orders, steps, key);
                var aligned = subject.Align(subject.Weights[a], subject.Weights[b]) is { } b2
                    ? HammingGeodesic.Measure(subject.Weights[a], b2, subject.Bits, subject.Errors, orders, steps, key) : raw;
                list.Add(new Pair(row, config, a, b, raw, aligned, subject.Synapses) { Latent = subject.Latent?.Invoke(a, b, steps) });
            }
            results[row] = list;
        });
        var all = results.SelectMany(r => r).ToList();
        if (all.Count == 0) throw UsageException.Argument("DIR", dir, "has no tasks with two or more copies: nothing to connect");
        string barrier = Path.Combine(dir, "barrier.csv"), path = Path.Combine(dir, "path.csv"), png = Path.Combine(dir, "barrier.png");
        var tableKey = new LongTableKey(tasks);
        AtomicFile.Write(barrier, tmp => File.WriteAllText(tmp, BarrierCsv(all, tableKey)), overwrite: true);
        AtomicFile.Write(path, tmp => File.WriteAllText(tmp, PathCsv(all, tableKey)), overwrite: true);
        Plot(all, png);
        if (all.Any(p => p.Latent is not null))
        {
            var latent = all.Where(p => p.Latent is not null).ToList();
            string latentBarrier = Path.Combine(dir, "latent_barrier.csv"), latentPath = Path.Combine(dir, "latent_path.csv");
            AtomicFile.Write(latentBarrier, tmp => File.WriteAllText(tmp, LatentBarrierCsv(latent, tableKey)), overwrite: true);
            AtomicFile.Write(latentPath, tmp => File.WriteAllText(tmp, LatentPathCsv(latent, tableKey)), overwrite: true);
            return [barrier, path, png, Path.ChangeExtension(png, ".svg"), latentBarrier, latentPath];
        }
        return [barrier, path, png, Path.ChangeExtension(png, ".svg")];
    }

    private static IReadOnlyList<RunConfig> Tasks(string dir)
    {
        string runJson = Path.Combine(dir, "run.json");
        if (!File.Exists(runJson) || !File.Exists(Path.Combine(dir, "points.csv")))
            throw UsageException.Argument("DIR", dir, "holds no finished run (run.json and points.csv)");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(runJson)); }
        catch (System.Text.Json.JsonException e) { throw UsageException.Argument("DIR", dir, $"run.json is not valid JSON: {e.Message.Split('.')[0]}"); }
        if (root?["tasks"] is not JsonArray tasks) throw UsageException.Argument("DIR", dir, "run.json lists no tasks");
        return tasks.Select(t => RunRecord.ReadTask(t as JsonObject ?? throw UsageException.Argument("DIR", dir, "run.json has a task that is not an object"))).ToList();
    }

    private static IEnumerable<(int A, int B)> PairsOf(int copies, string pairs)
    {
        for (int a = 0; a < copies; a++)
            for (int b = a + 1; b < copies; b++)
                if (pairs == "all" || b == a + 1) yield return (a, b);
    }

    private static string F(double x) => double.IsNaN(x) ? "NaN" : x.ToString("G10", CultureInfo.InvariantCulture);

    private static string BarrierCsv(IEnumerable<Pair> pairs, LongTableKey key)
    {
        var sb = new StringBuilder($"{key.Header},copy_a,copy_b,hamming,train_error_a,train_error_b,train_barrier,test_error_a,test_error_b,test_barrier," +
            "hamming_aligned,train_barrier_aligned,test_barrier_aligned,mcover_version,git_commit\n");
        foreach (var p in pairs)
        {
            var (g, h) = (p.Profile, p.Aligned);
            sb.AppendJoin(',', [key.Cells(p.Row, p.Config), p.A.ToString(CultureInfo.InvariantCulture), p.B.ToString(CultureInfo.InvariantCulture),
                F((double)g.Distance / p.Synapses), F(g.TrainError[0]), F(g.TrainError[^1]), F(g.TrainBarrier), F(g.TestError[0]), F(g.TestError[^1]), F(g.TestBarrier),
                F((double)h.Distance / p.Synapses), F(h.TrainBarrier), F(h.TestBarrier), Provenance.Version, Provenance.Commit]).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One row per pair: the end points' errors and the barriers (max on the path − mean of the ends) of the latent line, raw and aligned.</summary>
    private static string LatentBarrierCsv(IEnumerable<Pair> pairs, LongTableKey key)
    {
        var sb = new StringBuilder($"{key.Header},copy_a,copy_b,train_error_a,train_error_b,train_barrier,test_error_a,test_error_b,test_barrier," +
            "train_barrier_aligned,test_barrier_aligned,mcover_version,git_commit\n");
        foreach (var p in pairs)
        {
            var l = p.Latent!;
            double B(double[] e) => e.Any(double.IsNaN) ? double.NaN : MlpConnectivity.Barrier(e);
            sb.AppendJoin(',', [key.Cells(p.Row, p.Config), p.A.ToString(CultureInfo.InvariantCulture), p.B.ToString(CultureInfo.InvariantCulture),
                F(l.Train[0]), F(l.Train[^1]), F(B(l.Train)), F(l.Test[0]), F(l.Test[^1]), F(B(l.Test)), F(B(l.TrainAligned)), F(B(l.TestAligned)),
                Provenance.Version, Provenance.Commit]).Append('\n');
        }
        return sb.ToString();
    }

    private static string LatentPathCsv(IEnumerable<Pair> pairs, LongTableKey key)
    {
        var sb = new StringBuilder($"{key.Header},copy_a,copy_b,t,train_error,test_error,train_error_aligned,test_error_aligned\n");
        foreach (var p in pairs)
        {
            string prefix = key.Cells(p.Row, p.Config);
            var l = p.Latent!;
            for (int k = 0; k < l.Train.Length; k++)
                sb.Append(prefix).Append(string.Create(CultureInfo.InvariantCulture,
                    $",{p.A},{p.B},{F((double)k / (l.Train.Length - 1))},{F(l.Train[k])},{F(l.Test[k])},{F(l.TrainAligned[k])},{F(l.TestAligned[k])}\n"));
        }
        return sb.ToString();
    }

    private static string PathCsv(IEnumerable<Pair> pairs, LongTableKey key)
    {
        var sb = new StringBuilder($"{key.Header},copy_a,copy_b,t,train_error,test_error,train_error_aligned,test_error_aligned\n");
        foreach (var p in pairs)
        {
            string prefix = key.Cells(p.Row, p.Config);
            for (int k = 0; k < p.Profile.T.Length; k++)
                sb.Append(prefix).Append(string.Create(CultureInfo.InvariantCulture,
                    $",{p.A},{p.B},{F(p.Profile.T[k])},{F(p.Profile.TrainError[k])},{F(p.Profile.TestError[k])},{F(p.Aligned.TrainError[k])},{F(p.Aligned.TestError[k])}\n"));
        }
        return sb.ToString();
    }

    /// <summary>Mean training-error profile (and test error where there is one) per grid point, over seeds and pairs.</summary>
    private static void Plot(List<Pair> pairs, string png)
    {
        var varying = Parameters.All.Where(p => p.Name != "seed" && pairs.Select(x => x.Config.ToValues().First(kv => kv.Key == p.Name).Value).Distinct().Count() > 1).Select(p => p.Name).ToList();
        string Label(RunConfig c) => varying.Count == 0 ? "" : string.Join(", ", varying.Select(v => $"{v}={c.ToValues().First(kv => kv.Key == v).Value}"));
        var plot = new ScottPlot.Plot();
        int index = 0;
        foreach (var group in pairs.GroupBy(p => Label(p.Config)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var t = group.First().Profile.T;
            foreach (var (name, pick) in new (string, Func<GeodesicProfile, double[]>)[] { ("train", g => g.TrainError), ("test", g => g.TestError) })
            {
                var ys = t.Select((_, k) => group.Average(p => pick(p.Profile)[k])).ToArray();
                if (ys.All(double.IsNaN)) continue;
                FigureStyle.AddSeries(plot, index++, t, ys, null, $"{(name == "train" ? "training error ε_t" : "test error")} {group.Key}".Trim());
            }
        }
        FigureStyle.Decorate(plot, "error along the Hamming geodesic between copies (mean over seeds, pairs, orders)",
            "fraction t of the differing weights flipped (copy a → copy b)", "error (fraction of patterns)");
        FigureStyle.Save(plot, png);
    }
}
