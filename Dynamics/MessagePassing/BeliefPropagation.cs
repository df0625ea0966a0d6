using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Belief propagation for the binary perceptron with Gaussian (central-limit) factor messages, optionally reinforced
/// (Braunstein &amp; Zecchina, PRL 96, 030201, 2006), run on the M-cover of the factor graph: factor copy (μ, b) reads
/// weight copy (i, π_{iμ}(b)) on every edge and sends its message back along the same edge. Q = identity runs M
/// independent BP instances; docs/physics/message-passing.md.
/// </summary>
/// <remarks>
/// Messages in field units, stored as float32, one per edge of the cover (M·N·P):
/// <code>
/// m_{i→μb}  = tanh(H_{i,a} − u_{μb→i}),   a = π_{iμ}(b),   H_{i,a} = r_{i,a} + Σ_μ u_{μ π⁻¹(a)→i}
/// ω_{μb→i} = Σ_{j≠i} ξ_μj m_{j→μb},   V_{μb→i} = Σ_{j≠i} (1 − m_{j→μb}²)
/// u_{μb→i} = ½ ln[ Φ(σ_μ(ω + ξ_μi)/√V) / Φ(σ_μ(ω − ξ_μi)/√V) ]      (constraint σ_μ Σ_j ξ_μj w_j &gt; 0)
/// </code>
/// Factors are updated sequentially in a random order per sweep (seed, PatternOrder); for each pattern all M factor copies
/// are computed from the current fields first, then the fields are updated. Reinforcement after sweep t:
/// r_{i,a} ← ρ_t H_{i,a}, ρ_t = min(1, ρ₀ + t Δρ): the field carries a growing memory of itself and the marginals
/// polarise onto one solution. Copy a starts from r_{i,a} = ±<see cref="InitialField"/> with random signs from (seed, InitialState, a);
/// with ρ = 0 that field is gone after the first sweep (plain BP).
/// </remarks>
public static class BeliefPropagation
{
    /// <summary>Amplitude of the random initial external fields.</summary>
    public const double InitialField = 0.1;

    /// <summary>Largest |u| kept (a message of ±20 is a certainty to float precision).</summary>
    public const double MaxMessage = 20;

    /// <summary>Runs (reinforced) BP on the lift of <paramref name="data"/>'s factor graph.</summary>
    public static MessagePassingResult Run(Dataset data, ILift lift, ulong seed, MessagePassingOptions options)
        => MessagePassingResult.From(Learn(data, lift, seed, options, null));

    /// <summary>Runs (reinforced) BP on the lift of <paramref name="data"/>'s factor graph; <paramref name="observer"/> sees the
    /// signs of the fields (= of the means tanh H) after every sweep. Without routing (the identity lift: M independent
    /// instances) copy b's factors read and write copy b only, so each sweep runs the copies as independent sweeps in the same
    /// pattern order, spread over <paramref name="threads"/> (the same bits on any number of threads).</summary>
    internal static LearningResult Learn(Dataset data, ILift lift, ulong seed, MessagePassingOptions options, IStepObserver? observer, int threads = 1)
    {
        int m = lift.Copies, n = data.N, p = data.P, len = PackedRows.PaddedLength(n);
        var routing = lift.NeedsRouting ? lift.Routing(n, p, seed, 0) : null;
        PatternRouting? spare = null;
        var u = new float[p][];
        for (int mu = 0; mu < p; mu++) u[mu] = new float[m * n];
        var field = new double[m][];
        var reinforcement = new double[m][];
        for (int a = 0; a < m; a++)
        {
            field[a] = new double[n];
            reinforcement[a] = new double[n];
            var init = RngStream.For(seed, StreamTag.InitialState, (ulong)a);
            for (int i = 0; i < n; i++) field[a][i] = reinforcement[a][i] = InitialField * (init.NextULong() >> 63 == 0 ? 1 : -1);
        }
        // each copy's padded rows; the routed loop reads the pattern and gathers into copy 0's and keeps every copy's fresh row
        var copies = Enumerable.Range(0, m).Select(_ => new CopyWork(len)).ToArray();
        var sources = routing is null ? [] : Enumerable.Range(0, m).Select(_ => new int[n]).ToArray();
        var change = new double[m];
        var order = Enumerable.Range(0, p).ToArray();
        var orders = RngStream.For(seed, StreamTag.PatternOrder);
        var weights = new ulong[m][];
        for (int a = 0; a < m; a++) weights[a] = new ulong[PackedSpins.WordCount(n)];
        var errors = new int[m];
        var progress = new EpochProgress(m);
        var view = new PackedWeights(weights, n);
        double d = options.Damping;
        int t = 0;
        bool converged = false;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Action<int> sweepCopy = b => SweepCopy(data, u, field[b], b, n, order, d, copies[b], ref change[b]);
        while (t < options.MaxIterations && !converged)
        {
            if (routing is not null && lift.Schedule == Schedule.Annealed && t > 0)
            {
                // Annealed: the edges are rewired, and each message moves with its edge to its new weight copy.
                var next = lift.Routing(n, p, seed, t, reuse: spare); // into the table of two sweeps back (no longer read)
                for (int mu = 0; mu < p; mu++)
                {
                    var (was, wasRow) = routing.For(mu);
                    var (now, nowRow) = next.For(mu);
                    for (int b = 0; b < m; b++)
                        for (int i = 0; i < n; i++)
                        {
                            double msg = u[mu][b * n + i];
                            field[was.Source(wasRow, b, i)][i] -= msg;
                            field[now.Source(nowRow, b, i)][i] += msg;
                        }
                }
                spare = routing;
                routing = next;
            }
            Array.Clear(change);
            orders.Shuffle(order);
            if (routing is null)
            {
                if (m > 1 && threads > 1) Parallel.For(0, m, parallel, sweepCopy);
                else for (int b = 0; b < m; b++) sweepCopy(b);
            }
            else foreach (int mu in order)
            {
                var (xi, routed, old) = (copies[0].Xi, copies[0].Routed, copies[0].Old);
                PackedRows.Expand(data.Patterns.Row(mu), xi);
                xi.AsSpan(n).Clear(); // padding coordinates take no part
                double sigma = data.Labels[mu];
                var um = u[mu];
                for (int b = 0; b < m; b++) // every factor copy from the current fields first
                {
                    var src = sources[b];
                    var (table, row) = routing.For(mu);
                    for (int i = 0; i < n; i++) src[i] = table.Source(row, b, i);
                    for (int i = 0; i < n; i++) { routed[i] = field[src[i]][i]; old[i] = um[b * n + i]; }
                    FactorMessages(routed, old, xi, sigma, d, copies[0].Cavity, copies[b].Fresh);
                }
                for (int b = 0; b < m; b++) // then deliver: factor copy b's message goes to weight copy π_{iμ}(b)
                {
                    var src = sources[b];
                    var next = copies[b].Fresh;
                    for (int i = 0; i < n; i++)
                    {
                        float msg = (float)next[i];
                        double delta = (double)msg - um[b * n + i];
                        int a = src[i];
                        field[a][i] += delta;
                        change[a] = Math.Max(change[a], Math.Abs(delta) / (1 - d)); // undamped step
                        um[b * n + i] = msg;
                    }
                }
            }
            t++;
            double rho = Math.Min(1, options.Reinforcement + (t - 1) * options.ReinforcementStep);
            for (int a = 0; a < m; a++) // ρ = 0 clears the initial fields after the first sweep: plain BP
                    for (int i = 0; i < n; i++)
                    {
                        double r = rho * field[a][i];
                        field[a][i] += r - reinforcement[a][i];
                        reinforcement[a][i] = r;
                    }
            bool solved = true;
            for (int a = 0; a < m; a++)
            {
                PackedRows.Signs(field[a], weights[a]);
                errors[a] = data.TrainingErrors(weights[a]);
                solved &= errors[a] == 0;
            }
            converged = Array.TrueForAll(change, c => c < options.Tolerance);
            progress.Record(t, errors);
            observer?.OnStep(t, errors, view);
            if (solved && rho > 0) break; // reinforced BP: a solution is what it is run for
        }
        var means = field.Select(h => h.Select(Math.Tanh).ToArray()).ToArray();
        // A copy counts as converged when its messages stopped moving or, under reinforcement, when its signs solve every pattern.
        bool reinforced = options.Reinforcement > 0 || options.ReinforcementStep > 0;
        var done = change.Select((c, a) => c < options.Tolerance || (reinforced && data.TrainingErrors(weights[a]) == 0)).ToArray();
        if (t == 0) for (int a = 0; a < m; a++) errors[a] = data.TrainingErrors(weights[a]);
        return new LearningResult(weights, 1, StepUnit.Iteration, t, errors, progress.FirstSolved, RoutedErrors(data, routing, weights, m))
        {
            MessagePassing = new MessagePassingExtras(means, done),
        };
    }

    /// <summary>One sweep of copy <paramref name="b"/> of the identity lift in the pattern order <paramref name="order"/>: its
    /// factors from its own fields, its messages delivered to them (the routed loop's operations for src ≡ b, in its order).</summary>
    private static void SweepCopy(Dataset data, float[][] u, double[] field, int b, int n, int[] order, double d, CopyWork w, ref double change)
    {
        foreach (int mu in order)
        {
            PackedRows.Expand(data.Patterns.Row(mu), w.Xi);
            w.Xi.AsSpan(n).Clear(); // padding coordinates take no part
            var um = u[mu];
            for (int i = 0; i < n; i++) { w.Routed[i] = field[i]; w.Old[i] = um[b * n + i]; }
            FactorMessages(w.Routed, w.Old, w.Xi, data.Labels[mu], d, w.Cavity, w.Fresh);
            for (int i = 0; i < n; i++)
            {
                float msg = (float)w.Fresh[i];
                double delta = (double)msg - um[b * n + i];
                field[i] += delta;
                change = Math.Max(change, Math.Abs(delta) / (1 - d)); // undamped step
                um[b * n + i] = msg;
            }
        }
    }

    /// <summary>
    /// The messages of one factor copy from its routed total fields H̃_i and old messages u_i (padded to 8 lanes; ξ's
    /// padding is 0, so padding lanes drop out of ω and V): m_i = tanh(H̃_i − u_i), then the Gaussian message per edge.
    /// </summary>
    internal static void FactorMessages(ReadOnlySpan<double> routed, ReadOnlySpan<double> old, ReadOnlySpan<double> xi, double sigma, double damping,
        Span<double> cavity, Span<double> next)
    {
        int len = xi.Length;
        var omega = Vector512<double>.Zero;
        var variance = Vector512<double>.Zero;
        for (int i = 0; i < len; i += 8)
        {
            var x = Vector512.Create(xi.Slice(i, 8));
            var mi = VectorMath.Tanh(Vector512.Create(routed.Slice(i, 8)) - Vector512.Create(old.Slice(i, 8)));
            mi.CopyTo(cavity.Slice(i, 8));
            omega = Vector512.FusedMultiplyAdd(x, mi, omega);
            variance = Vector512.FusedMultiplyAdd(x * x, Vector512<double>.One - mi * mi, variance);
        }
        var w0 = Vector512.Create(Vector512.Sum(omega));
        var v0 = Vector512.Create(Vector512.Sum(variance));
        var sig = Vector512.Create(sigma);
        var keep = Vector512.Create(damping);
        var take = Vector512.Create(1 - damping);
        var half = Vector512.Create(0.5);
        var cap = Vector512.Create(MaxMessage);
        for (int i = 0; i < len; i += 8)
        {
            var x = Vector512.Create(xi.Slice(i, 8));
            var mi = Vector512.Create(cavity.Slice(i, 8));
            var w = w0 - x * mi;                                                        // ω_{μb→i}
            var vi = Vector512.Max(v0 - x * x * (Vector512<double>.One - mi * mi), Vector512.Create(1e-12)); // V_{μb→i}
            var s = sig / Vector512.Sqrt(vi);
            var msg = half * (NormalFunctions.FastLogCdf(s * (w + x)) - NormalFunctions.FastLogCdf(s * (w - x)));
            msg = Vector512.Min(Vector512.Max(msg, -cap), cap);
            (take * msg + keep * Vector512.Create(old.Slice(i, 8))).CopyTo(next.Slice(i, 8));
        }
    }

    /// <summary>Factor copies (μ, b) violated by the routed signs w̃_i = sign(H_{i, π_{iμ}(b)}).</summary>
    private static int RoutedErrors(Dataset data, PatternRouting? routing, ulong[][] weights, int m)
    {
        int errors = 0;
        var routed = new ulong[PackedSpins.WordCount(data.N)];
        for (int mu = 0; mu < data.P; mu++)
            for (int b = 0; b < m; b++)
            {
                if (routing is null) weights[b].CopyTo(routed, 0);
                else
                {
                    var (table, row) = routing.For(mu);
                    Array.Clear(routed);
                    for (int i = 0; i < data.N; i++)
                        if (((weights[table.Source(row, b, i)][i >> 6] >> (i & 63)) & 1) != 0) routed[i >> 6] |= 1UL << (i & 63);
                }
                if (data.Labels[mu] * PackedSpins.Dot(routed, data.Patterns.Row(mu), data.N) <= 0) errors++;
            }
        return errors;
    }
}
