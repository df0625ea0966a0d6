using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// A kernel as people want to see it (<c>mcover kernel</c>): Q, λ₂ in both conventions, and its permutation law's
/// fixed-point probability and mean number of cycles — exact for M ≤ <see cref="PermutationLaw.MaxExactCopies"/>, and
/// sampled from the package's sampler with <see cref="Draws"/> &gt; 0. Writes Q.csv, kernel.json and a heat map of Q.
/// </summary>
public sealed class KernelReport
{
    /// <summary>The files <see cref="Write"/> creates.</summary>
    public static readonly string[] Files = ["Q.csv", "kernel.json", "Q.png"];

    /// <summary>Largest M shown (Q is printed in full and diagonalised).</summary>
    public const int MaxCopies = 1024;

    private KernelReport(MixingKernel kernel, PermutationStatistics? exact, PermutationStatistics? sampled, long draws, ulong seed, SamplerKind sampler)
        => (Kernel, Exact, Sampled, Draws, Seed, Sampler) = (kernel, exact, sampled, draws, seed, sampler);

    /// <summary>The kernel.</summary>
    public MixingKernel Kernel { get; }
    /// <summary>The exact law's statistics; null beyond M = <see cref="PermutationLaw.MaxExactCopies"/> (not computed).</summary>
    public PermutationStatistics? Exact { get; }
    /// <summary>The sampled statistics; null without draws.</summary>
    public PermutationStatistics? Sampled { get; }
    /// <summary>Permutations drawn (0: none).</summary>
    public long Draws { get; }
    /// <summary>Seed of the draws.</summary>
    public ulong Seed { get; }
    /// <summary>The sampler asked for (auto: exact up to M = 14, else gumbel; identity and uniform are always exact).</summary>
    public SamplerKind Sampler { get; }
    /// <summary>The cycle weight θ of the law (1: the plain law).</summary>
    public double Theta { get; private init; } = 1;
    /// <summary>The sampler that draws: exact, gumbel, sequential, or the exact identity and uniform (Fisher–Yates) samplers.</summary>
    public string SamplerUsed { get; private init; } = "";

    /// <summary>
    /// Reads Q from <paramref name="spec"/> for <paramref name="copies"/> copies and computes its statistics. Bad input is a
    /// <see cref="UsageException"/> naming --kernel, --copies, --draws or --sampler.
    /// </summary>
    public static KernelReport Compute(string spec, int copies, long draws = 0, ulong seed = 1, SamplerKind sampler = SamplerKind.Auto, double theta = 1)
    {
        string m = copies.ToString(CultureInfo.InvariantCulture);
        UsageException.Require(Parameters.Copies, m, copies >= 1, "must be ≥ 1");
        UsageException.Require(Parameters.Copies, m, copies <= MaxCopies, $"must be ≤ {MaxCopies} here (Q is printed in full)");
        UsageException.Require(new Parameter("draws", ParameterKind.Integer, "0", ""), draws, draws >= 0, "must be ≥ 0");
        var kernel = new LiftSpec { Kernel = spec }.KernelFor(copies);
        var kind = kernel.IsIdentity || kernel.IsUniform ? SamplerKind.Auto : sampler;
        UsageException.Require(Parameters.Sampler, "exact", kind != SamplerKind.Exact || copies <= ExactSampler.MaxCopies, $"needs M ≤ {ExactSampler.MaxCopies}; use gumbel or sequential");
        UsageException.Require(Parameters.Sampler, "sequential", kind != SamplerKind.Sequential || copies <= SequentialSampler.MaxCopies, $"needs M ≤ {SequentialSampler.MaxCopies} (a 32-bit mask of used columns); use gumbel");
        UsageException.Require(Parameters.CycleWeight, theta, theta > 0 && theta <= 1, "must be in (0, 1] (θ < 1 favours long cycles)");
        UsageException.Require(Parameters.Sampler, Parameters.Word(Parameters.Sampler, sampler, Parameters.Samplers), theta == 1 || kernel.IsIdentity || sampler is SamplerKind.Auto or SamplerKind.Alias,
            "cannot draw the long-cycle law (--cycle-weight ≠ 1); expected auto or alias");
        UsageException.Require(Parameters.Sampler, "alias", sampler != SamplerKind.Alias || copies <= AliasSampler.MaxCopies || kernel.IsIdentity || (kernel.IsUniform && theta == 1),
            $"enumerates the M! permutations: it needs M ≤ {AliasSampler.MaxCopies}; use auto, exact or gumbel");
        var drawer = PermutationSampler.For(kernel, sampler, kernel.IsIdentity ? 1 : theta);
        var sampled = draws > 0 ? PermutationLaw.Sampled(drawer, draws, seed) : null;
        return new KernelReport(kernel, PermutationLaw.Exact(kernel, kernel.IsIdentity ? 1 : theta), sampled, draws, seed, sampler) { Theta = theta, SamplerUsed = drawer.GetType().Name.Replace("Sampler", "", StringComparison.Ordinal).ToLowerInvariant() };
    }

    /// <summary>Q as CSV: M rows of M numbers (round-trip precision), no header — readable back as <c>file:Q.csv</c>.</summary>
    public string QCsv()
    {
        var text = new StringBuilder();
        for (int a = 0; a < Kernel.Copies; a++)
            text.Append(string.Join(",", Enumerable.Range(0, Kernel.Copies).Select(b => R(Kernel[a, b])))).Append('\n');
        return text.ToString();
    }

    /// <summary>The console text: Q, λ₂, the exact and the sampled statistics.</summary>
    public string Text()
    {
        int m = Kernel.Copies;
        var text = new StringBuilder();
        text.Append($"kernel {Kernel.Spec} at M = {m}\n");
        text.Append("Q (row a: factor copy; column b: the weight copy it reads; rows sum to 1):\n");
        text.Append(QCsv());
        text.Append($"lambda2 = {G(Kernel.Lambda2)} (second-largest eigenvalue modulus; the lambda2 column); second-largest real part = {G(Kernel.Lambda2Real)}\n");
        string law = Theta == 1 ? "P(π) ∝ ∏_a Q[a,π(a)]" : $"P(π) ∝ ∏_a Q[a,π(a)]·θ^#cycles(π), θ = {G(Theta)}";
        text.Append(Exact is { } e
            ? $"exact law {law} ({e.Count} permutations of positive weight): fixed-point probability P(π(a) = a) = {G(e.FixedPoint)}, mean cycles = {G(e.Cycles)}\n"
            : $"exact law {law}: not computed (M = {m} > {PermutationLaw.MaxExactCopies})\n");
        if (Sampled is { } s)
            text.Append($"sampled ({Draws} draws, sampler {Word(Sampler)}: {SamplerUsed}, seed {Seed}): fixed-point probability = {G(s.FixedPoint)} ± {G(s.FixedPointSem)}, mean cycles = {G(s.Cycles)} ± {G(s.CyclesSem)} (± sem)\n");
        return text.ToString();
    }

    /// <summary>kernel.json: the spec, M, λ₂ (both conventions), Q and the statistics.</summary>
    public string Json()
    {
        JsonNode? Stats(PermutationStatistics? s, bool sampled) => s is null ? null : sampled
            ? new JsonObject { ["fixed_point_probability"] = s.FixedPoint, ["fixed_point_probability_sem"] = s.FixedPointSem, ["mean_cycles"] = s.Cycles, ["mean_cycles_sem"] = s.CyclesSem, ["draws"] = s.Count, ["sampler"] = Word(Sampler), ["sampler_used"] = SamplerUsed, ["seed"] = Seed }
            : new JsonObject { ["fixed_point_probability"] = s.FixedPoint, ["mean_cycles"] = s.Cycles, ["permutations"] = s.Count };
        var q = new JsonArray();
        for (int a = 0; a < Kernel.Copies; a++) q.Add(new JsonArray(Enumerable.Range(0, Kernel.Copies).Select(b => (JsonNode?)Kernel[a, b]).ToArray()));
        var json = new JsonObject
        {
            ["kernel"] = Kernel.Spec,
            ["copies"] = Kernel.Copies,
            ["lambda2"] = Number(Kernel.Lambda2),
            ["lambda2_real"] = Number(Kernel.Lambda2Real),
            ["law"] = "P(pi) proportional to prod_a Q[a,pi(a)] * theta^cycles(pi)",
            ["cycle_weight"] = Number(Theta),
            ["exact"] = Stats(Exact, false),
            ["exact_note"] = Exact is null ? $"not computed: M > {PermutationLaw.MaxExactCopies}" : "enumerated over S_M",
            ["sampled"] = Stats(Sampled, true),
            ["q"] = q,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes Q.csv, kernel.json and Q.png (a heat map of Q) into <paramref name="dir"/>, refusing one that holds them.</summary>
    public string[] Write(string dir)
    {
        ResultWriter.CheckFresh(dir, Files, "a kernel");
        ResultWriter.CreateDirectory(dir);
        ResultWriter.CheckWritable(dir);
        var paths = Files.Select(f => Path.Combine(dir, f)).ToArray();
        AtomicFile.WriteAllText(paths[0], QCsv());
        AtomicFile.WriteAllText(paths[1], Json());
        Heatmap(paths[2]);
        return paths;
    }

    /// <summary>A heat map of Q (row a downwards, column b across) with a colour bar, as PNG.</summary>
    public void Heatmap(string png)
    {
        int m = Kernel.Copies;
        var plot = new ScottPlot.Plot();
        var map = plot.Add.Heatmap(Kernel.ToArray());
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        // The bitmap's row 0 is drawn at the top (y = M − 1): the ticks label the row y = M − 1 − a as a, matrix-style.
        map.Rectangle = new ScottPlot.CoordinateRect(-0.5, m - 0.5, -0.5, m - 0.5);
        plot.Add.ColorBar(map).Label = "Q_ab";
        if (m <= 32)
        {
            var ticks = Enumerable.Range(0, m).ToArray();
            plot.Axes.Bottom.SetTicks(ticks.Select(b => (double)b).ToArray(), ticks.Select(b => b.ToString(CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.Left.SetTicks(ticks.Select(a => (double)(m - 1 - a)).ToArray(), ticks.Select(a => a.ToString(CultureInfo.InvariantCulture)).ToArray());
        }
        FigureStyle.Decorate(plot, $"Q = {Kernel.Spec}, M = {m}, λ₂ = {G(Kernel.Lambda2)}", "weight copy b (column: the copy read)", "factor copy a (row)", legend: false);
        plot.Axes.SetLimits(-0.5, m - 0.5, -0.5, m - 0.5);
        AtomicFile.Write(png, tmp => plot.SavePng(tmp, 800, 700));
    }

    private static string Word(SamplerKind kind) => kind.ToString().ToLowerInvariant();
    private static JsonNode? Number(double x) => double.IsFinite(x) ? x : null;
    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private static string G(double x) => double.IsNaN(x) ? "NaN" : x.ToString("G6", CultureInfo.InvariantCulture);
}
