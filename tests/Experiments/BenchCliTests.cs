using System.Text.Json.Nodes;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>mcover bench</c>: the peers' JSON keys, bad input, and lifts timed beside the identity lift.</summary>
[TestClass]
public sealed class BenchCliTests
{
    [TestMethod]
    public void BenchPrintsThePeersJsonKeys()
    {
        var (code, output, err) = Cli.Mcover("bench", "--n", "101", "--alpha", "0.6", "--copies", "2", "--epochs", "5", "--k", "15");
        Assert.AreEqual(0, code, err);
        var json = JsonNode.Parse(output)!.AsObject();
        foreach (var key in new[] { "n", "alpha", "copies", "epochs_run", "seconds", "synapse_presentations_per_sec", "train_error", "overlap_R" })
            Assert.IsTrue(json.ContainsKey(key), key);
        Assert.AreEqual(101, (int)json["n"]!);
        Assert.AreEqual(2, Cli.Mcover("bench", "--n", "100").Code, "even N is refused");
        foreach (var (args, message) in new[]
        {
            (new[] { "--rule", "pt" }, "--rule 'pt' is not benchmarked"),
            (new[] { "--rule", "hebb" }, "--rule 'hebb' is not benchmarked"),
            (new[] { "--rule", "mc", "--sweeps", "0" }, "--sweeps '0' must be ≥ 1 for a benchmark"),
            (new[] { "--repeat", "0" }, "--repeat '0' must be ≥ 1"),
            (new[] { "--kappa", "-1" }, "--kappa '-1' must be ≥ 0"),
        })
        {
            (code, output, err) = Cli.Mcover(["bench", "--n", "101", "--alpha", "0.5", .. args]);
            Assert.AreEqual(2, code, err);
            StringAssert.Contains(err, message);
        }
    }

    /// <summary>
    /// <c>--kappa</c> reaches the rule: with κ ≥ √N, CP updates on every presentation (Δ ≤ N ≤ κ√N), so the same seed gives
    /// other students than the plain rule, which updates only on errors.
    /// </summary>
    [TestMethod]
    public void BenchPassesTheMarginToTheRule()
    {
        string[] workload = ["bench", "--n", "101", "--alpha", "0.6", "--copies", "2", "--epochs", "3", "--k", "15"];
        var (code, plain, err) = Cli.Mcover(workload);
        Assert.AreEqual(0, code, err);
        (code, var margin, err) = Cli.Mcover([.. workload, "--kappa", "11"]);
        Assert.AreEqual(0, code, err);
        var (a, b) = (JsonNode.Parse(plain)!.AsObject(), JsonNode.Parse(margin)!.AsObject());
        Assert.AreEqual(0.0, (double)a["kappa"]!);
        Assert.AreEqual(11.0, (double)b["kappa"]!);
        Assert.IsFalse((double)a["train_error"]! == (double)b["train_error"]! && (double)a["overlap_R"]! == (double)b["overlap_R"]!,
            $"κ = 11 trained the same students as κ = 0: {plain} {margin}");
    }

    /// <summary>A lift is timed side by side with the identity lift on the same workload: two JSON lines and their cost ratio.</summary>
    [TestMethod]
    public void BenchOfALiftReportsItsCostAgainstTheIdentityLift()
    {
        var (code, output, err) = Cli.Mcover("bench", "--n", "101", "--alpha", "0.6", "--copies", "8", "--epochs", "5",
            "--kernel", "ring:sigma=1", "--granularity", "word", "--repeat", "3");
        Assert.AreEqual(0, code, err);
        var lines = JsonLines(output);
        Assert.AreEqual(2, lines.Length, output);
        Assert.AreEqual("identity", (string)lines[0]["kernel"]!);
        Assert.AreEqual("ring:sigma=1", (string)lines[1]["kernel"]!);
        Assert.AreEqual("word", (string)lines[1]["granularity"]!);
        Assert.AreEqual(3, (int)lines[1]["repeats"]!);
        double ratio = (double)lines[0]["synapse_presentations_per_sec"]! / (double)lines[1]["synapse_presentations_per_sec"]!;
        Assert.AreEqual(ratio, (double)lines[1]["cost_vs_identity"]!, 1e-12 * ratio);
        if (!OperatingSystem.IsLinux()) return;
        // One thread, quenched: the training thread's CPU time, positive and never more than the wall time it ran (up to the
        // clocks' resolution).
        foreach (var line in lines)
        {
            Assert.AreEqual("thread", (string)line["cpu_clock"]!);
            double cpu = (double)line["cpu_seconds"]!;
            Assert.IsTrue(cpu > 0 && cpu <= (double)line["seconds"]! + 1e-3, line.ToJsonString());
        }
        Assert.IsTrue((double)lines[1]["cpu_cost_vs_identity"]! > 0, output);
    }

    /// <summary>Annealed routing redraws each epoch's table on several threads: the bench's CPU time is then the process's.</summary>
    [TestMethod]
    public void BenchOfAnAnnealedLiftCountsCpuTimeOnEveryThread()
    {
        var (code, output, err) = Cli.Mcover("bench", "--n", "101", "--alpha", "0.6", "--copies", "4", "--epochs", "3",
            "--kernel", "uniform", "--schedule", "annealed");
        Assert.AreEqual(0, code, err);
        var lines = JsonLines(output);
        Assert.AreEqual("thread", (string)lines[0]["cpu_clock"]!, "the identity lift trains on the calling thread");
        Assert.AreEqual("process", (string)lines[1]["cpu_clock"]!);
    }

    private static JsonObject[] JsonLines(string output)
        => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

    /// <summary>bench --rule rbp|fbp prints ns_per_edge_sweep for one copy, then for M copies with cost_vs_one_copy; edges are M·K·n·P.</summary>
    [TestMethod]
    [DataRow("rbp", "perceptron", 1)]
    [DataRow("fbp", "committee", 3)]
    public void MessagePassingBenchPrintsNsPerEdgeSweep(string rule, string model, int hidden)
    {
        var (code, output, err) = Cli.Mcover("bench", "--rule", rule, "--model", model, "--n", "99", "--alpha", "0.4", "--copies", "2", "--iters", "3");
        Assert.AreEqual(0, code, err);
        var lines = output.Trim().Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.HasCount(2, lines);
        for (int i = 0; i < 2; i++)
        {
            var json = lines[i];
            Assert.AreEqual(i + 1, (int)json["copies"]!);
            Assert.AreEqual(hidden, (int)json["hidden"]!);
            Assert.AreEqual((i + 1) * 99 * 40.0, (double)json["edges_per_sweep"]!, "M·K·n·P (tree: K·n = N)");
            Assert.IsGreaterThan(0.0, (double)json["ns_per_edge_sweep"]!);
            Assert.IsGreaterThan(0, (int)json["sweeps_run"]!);
        }
        Assert.IsTrue(lines[1].ContainsKey("cost_vs_one_copy"));
    }

    /// <summary>With the exact edge message (the default) each line also carries the expansion's ns per edge; --bp-accuracy expand and --threads are read and reported.</summary>
    [TestMethod]
    public void MessagePassingBenchReportsTheExpansionBesideExact()
    {
        var (code, output, err) = Cli.Mcover("bench", "--rule", "fbp", "--model", "committee", "--n", "99", "--alpha", "0.4", "--copies", "2", "--iters", "3");
        Assert.AreEqual(0, code, err);
        foreach (var json in JsonLines(output))
        {
            Assert.AreEqual("exact", (string)json["bp_accuracy"]!);
            Assert.IsGreaterThan(0.0, (double)json["ns_per_edge_sweep_expand"]!);
            Assert.IsGreaterThan(0.0, (double)json["cpu_ns_per_edge_sweep_expand"]!);
        }
        Assert.IsTrue(JsonLines(output)[1].ContainsKey("cost_vs_one_copy_expand"));
        (code, output, err) = Cli.Mcover("bench", "--rule", "rbp", "--n", "99", "--alpha", "0.4", "--copies", "2", "--iters", "3", "--bp-accuracy", "expand", "--threads", "2");
        Assert.AreEqual(0, code, err);
        foreach (var json in JsonLines(output))
        {
            Assert.AreEqual("expand", (string)json["bp_accuracy"]!);
            Assert.AreEqual(2, (int)json["threads"]!);
            Assert.IsFalse(json.ContainsKey("ns_per_edge_sweep_expand"), "nothing beside: the line is the expansion");
        }
    }

    /// <summary>A flag the chosen workload does not read is refused with one line naming it, not recorded and ignored.</summary>
    [TestMethod]
    [DataRow("--rule mc --epochs 5", "--epochs '5' does not apply to the Monte Carlo benchmark")]
    [DataRow("--rule fbp --epochs 5", "--epochs '5' does not apply to the message-passing benchmark")]
    [DataRow("--rule cp --iters 3", "--iters '3' does not apply to the clipped-perceptron benchmark")]
    [DataRow("--model mlp", "--n '101' does not apply to the mlp benchmark")]
    public void BenchRefusesAFlagItsWorkloadDoesNotRead(string args, string message)
    {
        var (code, output, err) = Cli.Mcover(["bench", "--n", "101", .. args.Split(' ')]);
        Assert.AreEqual(2, code, err);
        Assert.AreEqual("", output);
        Assert.AreEqual($"mcover: {message}", err.Trim());
    }
}
