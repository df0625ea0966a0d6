using System.Collections.Concurrent;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// The lift of the M copies: the mixing kernel Q (a spec such as "ring:sigma=1", or any user matrix through
/// <see cref="FromMatrix"/>), quenched or annealed permutations, their granularity, sampler and storage (docs/mcover.md).
/// Q = identity is M independent students.
/// </summary>
public sealed record LiftSpec
{
    /// <summary>The kernel spec (identity, uniform, ring:sigma=S, band:m=M,h=H, block:b=B,sigma=S, block:size=L,sigma=S,
    /// directional:sigma=S,shift=D,skew=K, directional-amp:sigma=S,shift=D,skew=K, or file:PATH for a CSV matrix).</summary>
    public string Kernel { get; init; } = "identity";

    /// <summary>A kernel given as a matrix (overrides <see cref="Kernel"/>); its size must equal the copies M.</summary>
    public MixingKernel? Matrix { get; init; }

    /// <summary>Quenched (a graph cover) or annealed (redrawn each epoch).</summary>
    public Schedule Schedule { get; init; } = Schedule.Quenched;

    /// <summary>Edge, word or (committee) unit routing.</summary>
    public Granularity Granularity { get; init; } = Granularity.Edge;

    /// <summary>Permutation sampler.</summary>
    public SamplerKind Sampler { get; init; } = SamplerKind.Auto;

    /// <summary>Stored table or permutations drawn on the fly.</summary>
    public RoutingStorage Routing { get; init; } = RoutingStorage.Auto;

    /// <summary>Cycle weight θ ∈ (0, 1] of the long-cycle law P(π) ∝ ∏_a Q_{a,π(a)}·θ^{#cycles(π)} (1: the plain law).</summary>
    public double CycleWeight { get; init; } = 1;

    /// <summary>Deliveries through the read permutation (symmetric) or an independent one (asymmetric).</summary>
    public Wiring Wiring { get; init; } = Wiring.Symmetric;

    /// <summary>The kernel spec an annealed schedule moves to, Q_t = (1 − s_t) Q + s_t Q_to ("none": Q throughout).</summary>
    public string KernelTo { get; init; } = "none";

    /// <summary>How s_t moves from 0 to 1 over the step budget.</summary>
    public KernelRamp Ramp { get; init; } = KernelRamp.Linear;

    /// <summary>True when a time-dependent kernel is given.</summary>
    public bool HasTarget => KernelTo.Trim() != "none";

    /// <summary>Q_to for <paramref name="copies"/> copies (null without one); a bad spec or another M is a <see cref="UsageException"/> naming --kernel-to.</summary>
    public MixingKernel? TargetFor(int copies)
    {
        if (!HasTarget) return null;
        try { return Parsed.GetOrAdd((KernelTo, copies, FileStamp(KernelTo)), key => MixingKernel.Parse(key.Item1, key.Item2)); }
        catch (ArgumentException e) { throw UsageException.Field(Parameters.KernelTo.Name, KernelTo, e.Message); }
    }

    /// <summary>The lift with a user matrix Q (rows are normalised; see <see cref="MixingKernel.FromMatrix"/>).</summary>
    public static LiftSpec FromMatrix(double[,] q, string name = "matrix") => new() { Matrix = MixingKernel.FromMatrix(q, name) };

    // Kernels are immutable, so each (spec, M) is parsed and diagonalised once per process: results, keys and reports read Q for every row.
    // A file: kernel is keyed by the file's time stamp and length too, so a file rewritten in the same process is read again.
    private static readonly ConcurrentDictionary<(string, int, string), MixingKernel> Parsed = new();

    /// <summary>Q for <paramref name="copies"/> copies; a bad spec is a <see cref="UsageException"/> naming --kernel.</summary>
    public MixingKernel KernelFor(int copies)
    {
        if (Matrix is not null)
            return Matrix.Copies == copies ? Matrix : throw UsageException.Field(Parameters.Kernel.Name, Matrix.Spec, $"is {Matrix.Copies}×{Matrix.Copies}; it needs M = copies = {copies}");
        try { return Parsed.GetOrAdd((Kernel, copies, FileStamp(Kernel)), key => MixingKernel.Parse(key.Item1, key.Item2)); }
        catch (ArgumentException e) { throw UsageException.Field(Parameters.Kernel.Name, Kernel, e.Message); }
    }

    private static string FileStamp(string spec)
    {
        if (!spec.TrimStart().StartsWith("file:", StringComparison.Ordinal)) return "";
        var file = new FileInfo(spec.Trim()[5..].Trim());
        return file.Exists ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "";
    }

    /// <summary>True when Q is the identity for <paramref name="copies"/> copies.</summary>
    public bool IsIdentityFor(int copies) => KernelFor(copies).IsIdentity;

    /// <summary>The lift of <paramref name="copies"/> copies: the identity lift for Q = identity, else the M-cover lift
    /// (a time-dependent kernel ramps over <paramref name="horizon"/> epochs, the rule's step budget; routing tables are drawn
    /// on at most <paramref name="threads"/> threads, 0: unbounded).</summary>
    public ILift Build(int copies, int horizon = 1, int threads = 0)
    {
        var q = KernelFor(copies);
        return q.IsIdentity ? new IdentityLift(copies) : new MCoverLift(q, Schedule, Granularity, Sampler, Routing)
        {
            CycleWeight = CycleWeight, Wiring = Wiring, Target = TargetFor(copies), Ramp = Ramp, Horizon = horizon, Threads = threads,
        };
    }

    /// <summary>
    /// Reads the lift of <paramref name="copies"/> copies: the kernel, and the schedule, granularity, sampler and routing
    /// only for a kernel other than identity (Q = identity routes nothing: they would be recorded and ignored, so a given
    /// one is refused). The binary MLP routes with the kernel's plain law, one table per minibatch slot: it reads schedule,
    /// granularity and sampler only, so cycle weight, wiring, kernel target and routing storage are refused there.
    /// </summary>
    public static LiftSpec Read(ParameterReader r, int copies, bool mlp = false)
    {
        var lift = new LiftSpec { Kernel = r.Text(Parameters.Kernel) };
        // An M out of range is refused by RunConfig.Validate, naming --copies; Q is not built for it here.
        if (copies is < 1 or > RunConfig.MaxCopies || lift.IsIdentityFor(copies)) return lift;
        if (mlp)
            return lift with
            {
                Schedule = r.Choice(Parameters.Schedule, Schedule.Quenched, Schedule.Annealed),
                Granularity = r.Choice(Parameters.Granularity, Parameters.Granularities),
                Sampler = r.Choice(Parameters.Sampler, Parameters.Samplers),
            };
        lift = lift with
        {
            Schedule = r.Choice(Parameters.Schedule, Schedule.Quenched, Schedule.Annealed),
            Granularity = r.Choice(Parameters.Granularity, Parameters.Granularities),
            Sampler = r.Choice(Parameters.Sampler, Parameters.Samplers),
            Routing = r.Choice(Parameters.Routing, Parameters.RoutingStorages),
            CycleWeight = r.Real(Parameters.CycleWeight),
            Wiring = r.Choice(Parameters.Wiring, Wiring.Symmetric, Wiring.Asymmetric),
            KernelTo = r.Text(Parameters.KernelTo),
        };
        return lift.HasTarget ? lift with { Ramp = r.Choice(Parameters.KernelRamp, KernelRamp.Linear, KernelRamp.Geometric) } : lift;
    }

    /// <summary>The parameters a routing lift adds to its kernel.</summary>
    public static readonly Parameter[] RoutingParameters = [Parameters.Schedule, Parameters.Granularity, Parameters.Sampler, Parameters.Routing,
        Parameters.CycleWeight, Parameters.Wiring, Parameters.KernelTo];

    /// <summary>
    /// Throws a <see cref="UsageException"/> naming the first lift control out of range for <paramref name="copies"/> copies
    /// of a routed kernel (θ, the sampler that draws it, the wiring, the time-dependent kernel).
    /// </summary>
    public void Validate(int copies, bool routedPerceptronOnline)
    {
        var q = KernelFor(copies);
        if (q.IsIdentity) return;
        string sampler = Parameters.Word(Parameters.Sampler, Sampler, Parameters.Samplers);
        UsageException.Require(Parameters.CycleWeight, CycleWeight, CycleWeight > 0 && CycleWeight <= 1, "must be in (0, 1] (θ < 1 favours long cycles)");
        UsageException.Require(Parameters.Sampler, sampler, CycleWeight == 1 || Sampler is SamplerKind.Auto or SamplerKind.Alias,
            "cannot draw the long-cycle law (--cycle-weight ≠ 1); expected auto or alias");
        UsageException.Require(Parameters.Sampler, sampler, Sampler != SamplerKind.Alias || copies <= AliasSampler.MaxCopies || (q.IsUniform && CycleWeight == 1),
            $"enumerates the M! permutations: it needs M ≤ {AliasSampler.MaxCopies}; use auto, exact or gumbel");
        UsageException.Require(Parameters.Wiring, "asymmetric", Wiring == Wiring.Symmetric || routedPerceptronOnline,
            "is implemented for the perceptron's online rules (cp, cpr, sbpi) only");
        if (!HasTarget) return;
        var target = TargetFor(copies)!;
        UsageException.Require(Parameters.KernelTo, KernelTo, Schedule == Schedule.Annealed, "needs --schedule annealed (a quenched routing is drawn once, from Q)");
        UsageException.Require(Parameters.KernelTo, KernelTo, target.Copies == copies, $"is {target.Copies}×{target.Copies}; it needs M = copies = {copies}");
    }

    /// <summary>The lift parameters as results write them (the kernel's canonical spec; for Q = identity the kernel alone;
    /// for the MLP the kernel, schedule, granularity and sampler it reads).</summary>
    public IEnumerable<KeyValuePair<Parameter, string>> Values(int copies, bool mlp = false) => KernelFor(copies).IsIdentity
        ? [new(Parameters.Kernel, KernelFor(copies).Spec)]
        : mlp
        ?
    [
        new(Parameters.Kernel, KernelFor(copies).Spec),
        new(Parameters.Schedule, Parameters.Word(Parameters.Schedule, Schedule, Schedule.Quenched, Schedule.Annealed)),
        new(Parameters.Granularity, Parameters.Word(Parameters.Granularity, Granularity, Parameters.Granularities)),
        new(Parameters.Sampler, Parameters.Word(Parameters.Sampler, Sampler, Parameters.Samplers)),
    ]
        :
    [
        new(Parameters.Kernel, KernelFor(copies).Spec),
        new(Parameters.CycleWeight, CycleWeight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        new(Parameters.Wiring, Parameters.Word(Parameters.Wiring, Wiring, Wiring.Symmetric, Wiring.Asymmetric)),
        new(Parameters.KernelTo, TargetFor(copies)?.Spec ?? "none"),
        .. HasTarget ? [new KeyValuePair<Parameter, string>(Parameters.KernelRamp, Parameters.Word(Parameters.KernelRamp, Ramp, KernelRamp.Linear, KernelRamp.Geometric))] : Array.Empty<KeyValuePair<Parameter, string>>(),
        new(Parameters.Schedule, Parameters.Word(Parameters.Schedule, Schedule, Schedule.Quenched, Schedule.Annealed)),
        new(Parameters.Granularity, Parameters.Word(Parameters.Granularity, Granularity, Parameters.Granularities)),
        new(Parameters.Sampler, Parameters.Word(Parameters.Sampler, Sampler, Parameters.Samplers)),
        new(Parameters.Routing, Parameters.Word(Parameters.Routing, Routing, Parameters.RoutingStorages)),
    ];
}
