using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover bench --model mlp</c>: the binary MLP workload of <c>mlp_peer.py</c> (random ±1 inputs, widths N,W1,…,C, minibatch B):
/// samples/s of the bit-packed forward pass and of a straight-through training step (forward, backward, STE update), then the
/// cost per sample and copy of M copies routed by a kernel against M independent copies, and, given <c>--peer</c>, the peer's
/// line from the same run with the ratios. One JSON line each.
/// </summary>
internal static class MlpBench
{
    /// <summary>Runs the benchmark; <paramref name="widths"/> as the peer writes them (inputs first, outputs last).</summary>
    public static int Run(TextWriter stdout, string widths, int batch, int batches, int copies, string kernel, string granularity, int threads, string? peer)
    {
        var parts = widths.Split(',', StringSplitOptions.TrimEntries).Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 ? v
            : throw UsageException.Field("widths", widths, "is not a list N,W1,…,C of widths ≥ 1 (inputs first, outputs last)")).ToArray();
        if (parts.Length < 2) throw UsageException.Field("widths", widths, "needs at least the input and the output width");
        if (batch < 1) throw UsageException.Field("batch", batch.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (batches < 1) throw UsageException.Field("batches", batches.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (copies is < 1 or > 256) throw UsageException.Field("copies", copies.ToString(CultureInfo.InvariantCulture), "must be in [1, 256]");
        if (threads < 1) throw UsageException.Field("threads", threads.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        var g = granularity switch
        {
            "edge" => Granularity.Edge, "unit" => Granularity.Unit, "layer" => Granularity.Layer,
            _ => throw UsageException.Field("granularity", granularity, "is not an mlp granularity; expected edge, unit, layer"),
        };
        MixingKernel q;
        try { q = MixingKernel.Parse(kernel, copies); }
        catch (ArgumentException e) { throw UsageException.Field("kernel", kernel, e.Message); }
        var shape = new MlpShape(parts[0], parts[1..^1], parts[^1]);
        int samples = batch * batches;
        var inputs = PatternMatrix.Random(samples, shape.Inputs, RngStream.Key(1, StreamTag.Patterns));
        var labels = new byte[samples];
        for (int i = 0; i < samples; i++) labels[i] = (byte)(RngStream.Hash(7, (ulong)i) % (ulong)shape.Classes);
        var data = new MlpDataset("bench", shape.Classes, inputs, labels, new PatternMatrix(0, shape.Inputs), []);
        var net = MlpNetwork.Random(shape, 3);

        var warm = new MlpDataset("warm-up", shape.Classes, PatternMatrix.Random(Math.Min(2 * batch, samples), shape.Inputs, 5), labels[..Math.Min(2 * batch, samples)], new PatternMatrix(0, shape.Inputs), []);
        Train(warm, shape, Math.Min(copies, 2), new MlpRouting(shape, PermutationSampler.For(MixingKernel.Uniform(Math.Min(copies, 2))), g, Schedule.Annealed, 1, threads), batch, threads, out _); // warm-up: JIT of both paths
        MlpForward.PredictAll(shape, net.Bits, warm.Inputs, threads);
        var clock = Stopwatch.StartNew();
        MlpForward.PredictAll(shape, net.Bits, inputs, threads);
        double forward = samples / clock.Elapsed.TotalSeconds;

        double train = Train(data, shape, 1, null, batch, threads, out double trainSeconds);
        var (passSeconds, updateSeconds) = Breakdown(data, shape, batch, threads);
        var line = new JsonObject
        {
            ["model"] = "mlp", ["widths"] = shape.ToString(), ["batch"] = batch, ["batches"] = batches, ["threads"] = threads,
            ["samples_per_sec_forward"] = forward, ["samples_per_sec_train"] = train, ["train_seconds"] = trainSeconds,
            ["seconds_forward"] = samples / forward, ["seconds_forward_backward"] = passSeconds, ["seconds_update"] = updateSeconds,
        };
        if (peer is not null && Peer(peer, shape, batch, batches) is { } p)
        {
            line["peer"] = p;
            line["forward_vs_peer"] = forward / (double)p["samples_per_sec_forward"]!;
            line["train_vs_peer"] = train / (double)p["samples_per_sec_train"]!;
        }
        stdout.WriteLine(line.ToJsonString());
        if (copies >= 2)
        {
            // Identity, routed, identity again: the identity rate is the mean of the two, so a drift of the machine hits both alike.
            double before = Train(data, shape, copies, null, batch, threads, out _);
            var routing = new MlpRouting(shape, PermutationSampler.For(q), g, Schedule.Annealed, 1, threads);
            double routed = Train(data, shape, copies, routing, batch, threads, out _);
            double independent = (before + Train(data, shape, copies, null, batch, threads, out _)) / 2;
            stdout.WriteLine(new JsonObject
            {
                ["copies"] = copies, ["kernel"] = q.Spec, ["granularity"] = granularity,
                ["sample_copies_per_sec_identity"] = independent, ["sample_copies_per_sec_routed"] = routed,
                ["cost_vs_identity"] = independent / routed,
            }.ToJsonString());
        }
        return 0;
    }

    /// <summary>One epoch over the samples (forward, backward, STE update) of <paramref name="copies"/> copies; samples·copies per second.</summary>
    private static double Train(MlpDataset data, MlpShape shape, int copies, MlpRouting? routing, int batch, int threads, out double seconds)
    {
        var trainer = new MlpTrainer(data, shape, new SteUpdate(1f), copies, routing, 1,
            new MlpTrainingOptions { Epochs = 1, Batch = batch, Threads = threads, StopWhenSolved = false, TestEveryEpoch = false, MeasureErrors = false });
        var clock = Stopwatch.StartNew();
        trainer.Learn();
        seconds = clock.Elapsed.TotalSeconds;
        return (double)data.P * copies / seconds;
    }

    /// <summary>Where one epoch's time goes: the forward + straight-through backward passes of every minibatch
    /// (<see cref="MlpBatchStep.Run"/>), and the STE update of every row after each minibatch (rows over the threads, as the
    /// trainer does), timed apart.</summary>
    private static (double Pass, double Update) Breakdown(MlpDataset data, MlpShape shape, int batch, int threads)
    {
        var net = MlpNetwork.Random(shape, 3);
        var step = new MlpBatchStep(shape, batch, threads);
        var gradient = new float[shape.WeightCount];
        var state = new float[shape.WeightCount];
        var order = Enumerable.Range(0, data.P).ToArray();
        var rule = new SteUpdate(1f);
        double pass = 0, update = 0;
        var clock = new Stopwatch();
        for (int start = 0; start < data.P; start += batch)
        {
            clock.Restart();
            step.Run(net.Bits, data.Inputs, data.Labels, order, start, Math.Min(batch, data.P - start), gradient);
            pass += clock.Elapsed.TotalSeconds;
            clock.Restart();
            Parallel.For(0, shape.UnitCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
            {
                int l = 0;
                while (l < shape.Layers - 1 && r >= shape.RowOffset(l + 1)) l++;
                int j = r - shape.RowOffset(l), n = shape.FanIn(l), k = shape.WeightOffset(l) + j * n;
                rule.UpdateRow(net.Row(l, j), state.AsSpan(k, n), gradient.AsSpan(k, n));
            });
            update += clock.Elapsed.TotalSeconds;
        }
        return (pass, update);
    }

    /// <summary>The peer's JSON line (OPENBLAS_NUM_THREADS=1), or null with a note on stderr-free failure.</summary>
    private static JsonObject? Peer(string path, MlpShape shape, int batch, int batches)
    {
        if (!File.Exists(path)) throw UsageException.Field("peer", path, "does not exist");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { path, "--widths", shape.ToString(), "--batch", batch.ToString(CultureInfo.InvariantCulture), "--batches", batches.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return process.ExitCode == 0 && last is not null ? JsonNode.Parse(last) as JsonObject : null;
    }
}
