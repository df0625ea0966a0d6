using System.Globalization;
using System.Numerics;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Spins;
using MCoverPhysics.Experiments.Rules;

namespace MCoverPhysics.Experiments.Config;

/// <summary>
/// The memory a run needs, summed over every allocation that scales with N, P, M, K, the test set, the clip bound, the
/// routing, the message-passing and Monte Carlo state and the order-parameter measurement (from the trainers' own
/// allocations: Models/Data, Dynamics/States, Dynamics/Training, Dynamics/MessagePassing, Dynamics/MonteCarlo,
/// Lifts/Routing, Analysis/OrderParameters). Checked before anything is written: a run that cannot fit is refused with
/// exit 2 instead of dying out of memory with a half-made output directory.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The share of the machine's memory a run may plan to use: the estimate counts the large arrays only, and the
    /// runtime, the garbage collector's headroom and the rest of the machine need the remainder.</summary>
    public const double SafetyFactor = 0.8;

    /// <summary>The memory this process may use: <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> (physical memory, or the
    /// container's or GCHeapHardLimit's limit where one is set).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private const double GiB = 1L << 30;

    private static long Words(long bits) => (bits + 63) / 64;

    /// <summary>Every part of one task's peak memory (online training, message passing or sampling, then measurement).</summary>
    /// <param name="c">The task.</param>
    /// <param name="trace">With <c>--trace</c>: the per-epoch overlap matrix of every copy's units.</param>
    public static IReadOnlyList<MemoryPart> Parts(RunConfig c, bool trace = false)
    {
        var parts = new List<MemoryPart>();
        long m = c.Copies, kk = c.HiddenUnits, p = c.P, n = c.UnitInputs, w = Words(n);
        long test = c.Task == Models.Data.LearningTask.TeacherStudent ? c.TestPatterns : 0;
        long rows = c.IsCommittee ? c.Shape.InputRows(c.P) : p;
        long testRows = c.IsCommittee && c.Shape.Arch == Architecture.Tree ? test * kk : test;
        parts.Add(new($"training patterns (P·N bits, P = {p})", rows * w * 8.0 + p, "alpha"));
        if (test > 0) parts.Add(new($"test patterns ({test}·N bits)", testRows * w * 8.0 + test, "test-patterns"));

        switch (c.Rule.Family)
        {
            case var _ when c.Model.IsMlp: Mlp(c, parts); break; // the gradient rules and least action (cp, cpr, sbpi) on the mlp
            case RuleFamily.MessagePassing: MessagePassing(c, parts); break;
            case RuleFamily.MonteCarlo: if (c.IsCommittee) CommitteeMonteCarlo(c, parts); else MonteCarlo(c, parts); break;
            case RuleFamily.Gradient: Mlp(c, parts); break;
            default: Online(c, parts, trace); break;
        }

        // Measurement: each copy's weights copied out, the consensus vote, q_ab (M×M) and its q_matrix.csv text (≈ 60 UTF-16
        // characters a line); committees add K×K overlap matrices per copy (raw, aligned, flattened) and R_matrix.csv.
        parts.Add(new($"order parameters (weights of M = {m} copies, M×M overlaps q_ab and q_matrix.csv)", 2.0 * m * kk * w * 8 + m * m * (8.0 + 120), "copies"));
        if (c.IsCommittee) parts.Add(new($"committee overlaps (M·K×K matrices R_kl, K = {kk}, and R_matrix.csv)", m * kk * kk * (4 * 8.0 + 160) + 4.0 * kk * kk * 8, "hidden"));
        return parts;
    }

    /// <summary>The run's peak memory, bytes (the sum of <see cref="Parts"/>).</summary>
    public static double Bytes(RunConfig c, bool trace = false) => Parts(c, trace).Sum(x => x.Bytes);

    private static void Online(RunConfig c, List<MemoryPart> parts, bool trace)
    {
        long m = c.Copies, kk = c.HiddenUnits, n = c.UnitInputs, w = Words(n), slabs = m * kk;
        // Dynamics/States/HiddenStates: B bit planes per slab (2^B ≥ H + 1), each slab rounded up to whole cache lines plus a guard line.
        bool oneShot = c.Rule.Family == RuleFamily.OneShot;
        int bound = c.Rule is OnlineRuleSpec online ? online.BoundFor(c.UnitInputs) : 2 * c.P + 1;
        int planes = Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)bound));
        long stride = (planes * w + 7) / 8 * 8 + 8;
        parts.Add(new($"hidden states (M·K·N·B bits, M = {m}, K = {kk}, N = {c.N}, B = {planes} planes for H = {bound})", (slabs * stride + 8) * 8.0, oneShot ? "alpha" : "copies"));
        if (trace)
            parts.Add(new($"--trace overlaps (an (M·K)×(M·K) matrix every epoch, M·K = {slabs})", slabs * (double)slabs * 8 + slabs * w * 8.0, "trace"));
        if (oneShot || c.IsIdentityLift) return;
        int bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(m)));
        int interleave = kk == 1 && m >= 3 ? (m > 4 ? 8 : 4) : 0;
        if (interleave > 0)
        {
            // Dynamics/Training/InterleavedKernels: a working copy of the states, copies padded to whole registers and to 2^L leaves.
            long padded = Math.Max((m + 7) / 8 * 8, 1L << bits);
            parts.Add(new($"routed kernels' working states (N·B·M bits, M padded to {padded})", w * planes * padded * 8.0, "copies"));
        }
        else parts.Add(new("routed vectors (M·K·N bits)", slabs * w * 8.0, "copies"));
        Routing(c, n, c.P * kk, interleave, parts);
    }

    /// <summary>Dynamics/Mlp: per copy the packed network, the rule state and the gradient (floats per weight); the routed
    /// network's gradient and the routing sources; the minibatch buffers (Dynamics/Mlp/MlpBatchStep).</summary>
    private static void Mlp(RunConfig c, List<MemoryPart> parts)
    {
        var model = (Specs.MlpModel)c.Model;
        var shape = model.ShapeFor(10);
        double weights = shape.WeightCount, m = c.Copies;
        parts.Add(new($"mlp copies (M = {c.Copies} networks of {shape.WeightCount} weights: bits, rule state and gradient floats)", m * weights * (8 + 1 / 8.0), "copies"));
        if (!c.IsIdentityLift)
        {
            double routes = c.Lift.Granularity == Granularity.Edge ? weights : c.Lift.Granularity == Granularity.Unit ? shape.UnitCount : shape.Layers;
            parts.Add(new("mlp routing (routed gradient and network, M sources per route)", weights * 4.125 + m * routes, "granularity"));
        }
        int batch = c.Rule is MlpRuleSpec r ? Math.Min(r.Batch, Math.Max(1, c.P)) : 1;
        double fan = Enumerable.Range(0, shape.Layers).Sum(shape.FanIn), units = shape.UnitCount;
        parts.Add(new($"mlp minibatch buffers (B = {batch})", batch * (units * 12.0 + fan * 4 * 2) + weights * 4, "batch"));
    }

    /// <summary>Lifts/Routing/RoutingTable: the stored table (twice while an annealed epoch redraws it), or one pattern's when
    /// hashed (returned: true).</summary>
    private static bool Routing(RunConfig c, long n, long rows, int interleave, List<MemoryPart> parts)
    {
        long m = c.Copies, w = Words(n);
        double table = RoutingTable.BytesFor((int)n, (int)Math.Min(rows, int.MaxValue), c.Copies, interleave, c.Lift.Granularity);
        if (c.Lift.Granularity != Granularity.Edge && m <= 256 && interleave == 0) table += rows * m * w; // source copy of each word
        bool hashed = c.Lift.Routing == RoutingStorage.Hashed || (c.Lift.Routing == RoutingStorage.Auto && table > PatternRouting.MaxStoredBytes);
        if (hashed) table /= Math.Max(1, rows);
        int alive = c.Lift.Schedule == Schedule.Annealed && !hashed ? 2 : 1;
        parts.Add(new($"routing table{(hashed ? " (hashed: one pattern)" : alive == 2 ? "s (P·M·⌈log₂M⌉·N bits, two while an annealed epoch redraws)" : " (P·M·⌈log₂M⌉·N bits)")}",
            alive * table, "routing"));
        // An asymmetric lift keeps a second table of the same size: the delivery permutations (copy-major).
        if (c.Lift.Wiring == Wiring.Asymmetric && !c.IsIdentityLift) parts.Add(new("delivery routing table (asymmetric wiring)", alive * table, "routing"));
        return hashed;
    }

    /// <summary>Dynamics/MessagePassing: AMP's vectors per copy; BP's messages M·N·P floats, fields and buffers, and routing.</summary>
    private static void MessagePassing(RunConfig c, List<MemoryPart> parts)
    {
        long m = c.Copies, n = c.N, p = c.P, len = (n + 7) / 8 * 8 + 8;
        if (c.Rule is AmpRule && c.IsCommittee)
        {
            long kk = c.HiddenUnits;
            parts.Add(new($"committee AMP vectors (M = {m} copies side by side: means and fields 2·K·N, g K·P doubles each)", m * (2.0 * kk * len + kk * p) * 8 + m * kk * Words(n) * 16.0, "copies"));
            return;
        }
        if (c.Rule is AmpRule)
        {
            parts.Add(new($"AMP vectors (M = {m} copies, each means and fields 2·N and g P doubles, plus the reported means)", m * (2.0 * len + p) * 8 + m * n * 8.0 + m * Words(n) * 8.0, "copies"));
            return;
        }
        bool committeeEngine = c.Rule is MessagePassingRuleSpec { } bp && bp.RunsCommitteeEngine(c);
        parts.Add(committeeEngine
            ? new($"BP messages (M·K·n·P floats, M = {m}, K = {c.HiddenUnits}, n = {c.UnitInputs}, P = {p})", MessagePassingRuleSpec.MessageBytes(c), "alpha")
            : new($"BP messages (M·N·P floats, M = {m}, N = {n}, P = {p})", m * n * (double)p * sizeof(float), "alpha"));
        if (committeeEngine)
        {
            // Committee BP (committees, and the perceptron as K = 1 for bp, fbp and rbp --bp-accuracy expand): per copy K·n each of
            // fields, external fields and sources (one pattern's), and one factor work space (exact: routed fields, inputs, scratch and fresh
            // messages as doubles; expand: routed fields as doubles, inputs, cavity means and fresh messages as floats), the
            // unit buffers and routing of K·P rows.
            long kn = c.HiddenUnits * c.UnitInputs;
            bool exact = ((MessagePassingRuleSpec)c.Rule).Accuracy == Dynamics.MessagePassing.BpAccuracy.Exact;
            parts.Add(new("BP fields and buffers (M·K·n doubles)", m * kn * (2.0 * 8 + 4 + (exact ? 4.0 * 8 : 8 + 3.0 * 4)) + m * c.HiddenUnits * Words(c.UnitInputs) * 16.0, "copies"));
            // A stored routing's source copies are kept for every edge of the cover (CommitteeBp.Sources.cs): P·M·K·n ushorts.
            if (!c.IsIdentityLift && !Routing(c, c.UnitInputs, p * c.HiddenUnits, 0, parts))
                parts.Add(new($"BP routing sources (P·M·K·n ushorts, M = {m})", p * m * (double)kn * sizeof(ushort), "alpha"));
            return;
        }
        // fields, reinforcements, means, per copy five padded work rows (BeliefPropagation's CopyWork); routed: a source row a copy
        parts.Add(new("BP fields and buffers (M·N doubles)", m * n * 2.0 * 8 + m * n * 8.0 + m * 5.0 * len * 8
            + (c.IsIdentityLift ? 0 : m * n * 4.0), "copies"));
        if (!c.IsIdentityLift) Routing(c, n, p, 0, parts);
    }

    /// <summary>Dynamics/MonteCarlo/MetropolisChain: the pattern columns, stabilities, masks, inverse routing and routing.</summary>
    private static void MonteCarlo(RunConfig c, List<MemoryPart> parts)
    {
        long m = c.Copies, n = c.N, p = c.P, wn = Words(n), wp = Words(p);
        parts.Add(new($"Monte Carlo columns and stabilities (N·P bits, M·P integers, P = {p})", n * wp * 8.0 + m * p * 4.0 + 2.0 * m * wp * 8 + 2.0 * m * wn * 8, "alpha"));
        if (c.IsIdentityLift) return;
        parts.Add(new($"inverse routing (N·M·⌈log₂M⌉·P bits, M = {m})", MonteCarloRuleSpec.InverseRoutingBytes(c), "alpha"));
        Routing(c, n, p, 0, parts);
    }

    /// <summary>Dynamics/MonteCarlo/CommitteeMetropolisChain: N columns, M·K·P unit stabilities, M·P votes, 2·K·M masks, inverse
    /// routing (K·n·M·⌈log₂M⌉·P bits) and the routing of K·P rows.</summary>
    private static void CommitteeMonteCarlo(RunConfig c, List<MemoryPart> parts)
    {
        long m = c.Copies, n = c.N, p = c.P, kk = c.HiddenUnits, wu = Words(c.UnitInputs), wp = Words(p);
        parts.Add(new($"Monte Carlo columns, unit stabilities and votes (N·P bits, M·K·P + M·P integers, K = {kk}, P = {p})",
            n * wp * 8.0 + m * (kk + 1) * p * 4.0 + 2.0 * kk * m * wp * 8 + 2.0 * m * kk * wu * 8, "alpha"));
        if (c.IsIdentityLift) return;
        parts.Add(new($"inverse routing (K·n·M·⌈log₂M⌉·P bits, M = {m})", MonteCarloRuleSpec.InverseRoutingBytes(c), "alpha"));
        Routing(c, c.UnitInputs, p * kk, 0, parts);
    }

    /// <summary>
    /// Refuses (exit 2, one line naming the dominant field and the estimate) a sweep whose tasks cannot fit in
    /// <paramref name="limit"/> bytes (default: <see cref="SafetyFactor"/> × <see cref="Available"/>). With several threads,
    /// up to <paramref name="threads"/> tasks run at once: the largest that many must fit together.
    /// </summary>
    public static void Check(IReadOnlyList<RunConfig> tasks, int threads, bool trace = false, double? limit = null)
    {
        if (tasks.Count == 0) return;
        double available = Available, allowed = limit ?? SafetyFactor * available;
        string budget = limit is null
            ? $"more than the {allowed / GiB:F1} GiB a run may use ({SafetyFactor * 100:F0}% of the {available / GiB:F1} GiB available)"
            : $"more than the {allowed / GiB:F1} GiB a run may use";
        var sized = tasks.Select(t => (Task: t, Bytes: Bytes(t, trace))).OrderByDescending(x => x.Bytes).ToList();
        var (largest, bytes) = sized[0];
        if (bytes > allowed)
        {
            var top = Parts(largest, trace).MaxBy(x => x.Bytes)!;
            string value = top.Field == "trace" ? "on" : largest.ToValues().First(kv => kv.Key == top.Field).Value;
            throw UsageException.Field(top.Field, value,
                $"needs an estimated {bytes / GiB:F1} GiB of memory{(tasks.Count > 1 ? " for one task" : "")}, most of it {top.What}: {top.Bytes / GiB:F1} GiB; " +
                $"{budget}");
        }
        int together = Math.Min(threads, tasks.Count);
        double concurrent = sized.Take(together).Sum(x => x.Bytes);
        if (together > 1 && concurrent > allowed)
        {
            int fit = 1;
            for (double sum = sized[0].Bytes; fit < together && (sum += sized[fit].Bytes) <= allowed;) fit++;
            throw UsageException.Field("threads", threads.ToString(CultureInfo.InvariantCulture),
                $"runs {together} tasks at once, needing an estimated {concurrent / GiB:F1} GiB of memory together (the largest {bytes / GiB:F1} GiB), " +
                $"{budget}; use --threads {fit}");
        }
    }
}
