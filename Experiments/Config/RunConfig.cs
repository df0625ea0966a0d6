using System.Globalization;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Config;

/// <summary>
/// The full physics configuration of one run (one grid point and one seed). A result depends on this record alone.
/// Build one in code with <c>RunConfig.Default with { Alpha = 2, Rule = "sbpi" }</c>, or from text with <see cref="FromValues"/>.
/// </summary>
public sealed record RunConfig
{
    /// <summary>The defaults of the parameter table.</summary>
    public static readonly RunConfig Default = new();

    /// <summary>Model family ("perceptron" or "committee").</summary>
    public string Model { get; init; } = "perceptron";
    /// <summary>Hidden units K of the committee; null: 3 for the committee, 1 for the perceptron.</summary>
    public int? Hidden { get; init; }
    /// <summary>Committee wiring (tree or fully connected).</summary>
    public Architecture Arch { get; init; } = Architecture.Tree;
    /// <summary>Teacher–student or storage.</summary>
    public LearningTask Task { get; init; } = LearningTask.TeacherStudent;
    /// <summary>cp, cpr, sbpi, hebb, amp, rbp, mc, sa or pt.</summary>
    public string Rule { get; init; } = "cpr";
    /// <summary>Number of synapses N (odd).</summary>
    public int N { get; init; } = 1001;
    /// <summary>Load α = P/N.</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>Copies M.</summary>
    public int Copies { get; init; } = 8;
    /// <summary>Mixing kernel of the lift.</summary>
    public string Kernel { get; init; } = "identity";
    /// <summary>Quenched or annealed permutations.</summary>
    public Schedule Schedule { get; init; } = Schedule.Quenched;
    /// <summary>Edge or word routing.</summary>
    public Granularity Granularity { get; init; } = Granularity.Edge;
    /// <summary>Permutation sampler.</summary>
    public SamplerKind Sampler { get; init; } = SamplerKind.Auto;
    /// <summary>Stored or on-the-fly routing.</summary>
    public RoutingStorage Routing { get; init; } = RoutingStorage.Auto;
    /// <summary>Stopping rule.</summary>
    public StopRule Stop { get; init; } = StopRule.Any;
    /// <summary>Epoch budget.</summary>
    public int Epochs { get; init; } = 1000;
    /// <summary>Clip bound H; null: the odd number nearest 2√N.</summary>
    public int? K { get; init; }
    /// <summary>Margin κ.</summary>
    public double Kappa { get; init; }
    /// <summary>SBPI θ_m.</summary>
    public double ThetaM { get; init; } = 1;
    /// <summary>SBPI p_s.</summary>
    public double Ps { get; init; } = 0.3;
    /// <summary>CP+R c; null: 0.16 (teacher) or 0.08 (storage).</summary>
    public double? PrC { get; init; }
    /// <summary>Coupling between copies: none, replicated or consensus.</summary>
    public string Coupling { get; init; } = "none";
    /// <summary>Replicated coupling: γ of epoch 1.</summary>
    public double Gamma { get; init; } = DefaultGamma;
    /// <summary>Replicated coupling: Δγ per epoch.</summary>
    public double GammaStep { get; init; } = DefaultGammaStep;
    /// <summary>Output consensus: λ.</summary>
    public double Lambda { get; init; } = DefaultLambda;
    /// <summary>γ, Δγ and λ when none is given (also the values written for a run whose coupling does not use them).</summary>
    public const double DefaultGamma = 0.0001, DefaultGammaStep = 0.00002, DefaultLambda = 0.1;
    /// <summary>AMP/BP damping.</summary>
    public double Damping { get; init; }
    /// <summary>AMP/BP iteration budget.</summary>
    public int Iters { get; init; } = 1000;
    /// <summary>AMP/BP convergence tolerance.</summary>
    public double Tol { get; init; } = 1e-6;
    /// <summary>rBP reinforcement ρ₀; null: <see cref="DefaultReinforcement"/>.</summary>
    public double? Reinforcement { get; init; }
    /// <summary>rBP reinforcement step; null: <see cref="DefaultReinforcementStep"/>.</summary>
    public double? ReinforcementStep { get; init; }
    /// <summary>Largest BP message store (M·N·P float32) a run may ask for.</summary>
    public const long MaxMessageBytes = 16L << 30;
    /// <summary>ρ₀ used when none is given.</summary>
    public const double DefaultReinforcement = 0.5;
    /// <summary>Δρ used when none is given.</summary>
    public const double DefaultReinforcementStep = 0.001;
    /// <summary>mc: inverse temperature β.</summary>
    public double Beta { get; init; } = 2;
    /// <summary>sa: β at the first sweep.</summary>
    public double Beta0 { get; init; } = 0.5;
    /// <summary>sa: β at the last sweep.</summary>
    public double Beta1 { get; init; } = 5;
    /// <summary>sa: linear or geometric β schedule.</summary>
    public BetaSchedule ScheduleBeta { get; init; } = BetaSchedule.Linear;
    /// <summary>mc/sa sweep budget.</summary>
    public int Sweeps { get; init; } = 1000;
    /// <summary>Largest inverse-routing table (N·M·⌈log₂M⌉·P bits) a lifted mc/sa run may ask for.</summary>
    public const long MaxInverseRoutingBytes = 4L << 30;
    /// <summary>Bytes of the inverse routing table of a lifted mc/sa run.</summary>
    public long InverseRoutingBytes => (long)N * Copies * Math.Max(1, (int)Math.Ceiling(Math.Log2(Copies))) * Models.Spins.PackedSpins.WordCount(P) * sizeof(ulong);
    /// <summary>Test-set size.</summary>
    public int TestPatterns { get; init; } = 2000;
    /// <summary>Seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of training patterns P = round(αN).</summary>
    public int P => Dataset.PatternCount(Alpha, N);
    /// <summary>True for the committee machine.</summary>
    public bool IsCommittee => Model == "committee";
    /// <summary>The number of hidden units K actually used (1 for the perceptron).</summary>
    public int HiddenUnits => Hidden ?? (IsCommittee ? 3 : 1);
    /// <summary>The committee's shape (the perceptron is the K = 1 tree).</summary>
    public CommitteeShape Shape => new(N, HiddenUnits, Arch);
    /// <summary>Inputs per hidden unit n (N for the perceptron): the N of every per-unit formula (κ√n, p_r, default H).</summary>
    public int UnitInputs => IsCommittee ? Shape.UnitInputs : N;
    /// <summary>The clip bound actually used.</summary>
    public int Bound => Rule == "hebb" ? 2 * P + 1 : K ?? HiddenStates.DefaultBound(UnitInputs);
    /// <summary>The CP+R strength actually used.</summary>
    public double ReinforcementC => PrC ?? (Task == LearningTask.Storage ? 0.08 : 0.16);

    /// <summary>True for the Monte Carlo rules (mc, sa), which sample the training energy instead of presenting patterns.</summary>
    public bool IsMonteCarlo => Rule is "mc" or "sa" or "pt";

    /// <summary>Schedule and budget of mc (constant β, full budget) or sa (β₀ → β₁, stops by <see cref="Stop"/>).</summary>
    public MonteCarloOptions MonteCarlo => new()
    {
        Sweeps = Sweeps, Kappa = Kappa, Beta = Beta, Beta0 = Beta0, Beta1 = Beta1,
        Schedule = Rule switch { "sa" => ScheduleBeta, "pt" => BetaSchedule.ReplicaExchange, _ => BetaSchedule.Constant },
        Stop = Rule == "mc" ? StopRule.Budget : Stop,
    };

    /// <summary>True for the message-passing rules (amp, rbp), which are not online rules.</summary>
    public bool IsMessagePassing => Rule is "amp" or "rbp";

    /// <summary>Iteration controls of amp/rbp.</summary>
    public Dynamics.MessagePassing.MessagePassingOptions MessagePassing => new()
    {
        MaxIterations = Iters, Tolerance = Tol, Damping = Damping,
        Reinforcement = Reinforcement ?? DefaultReinforcement, ReinforcementStep = ReinforcementStep ?? DefaultReinforcementStep,
    };

    /// <summary>Builds the local rule (not for "hebb", "amp" or "rbp", which are not online rules).</summary>
    public IOnlineRule BuildRule() => Rule switch
    {
        "cp" => new ClippedPerceptron(UnitInputs, Kappa),
        "cpr" => new CpReinforced(UnitInputs, Kappa, ReinforcementC),
        "sbpi" => new Sbpi(UnitInputs, Kappa, ThetaM, Ps),
        _ => throw new InvalidOperationException($"rule '{Rule}' is not an online rule"),
    };

    /// <summary>Builds the coupling between the copies.</summary>
    public Dynamics.Coupling.CopyCoupling BuildCoupling() => Coupling switch
    {
        "replicated" => new Dynamics.Coupling.ReplicatedCoupling(Gamma, GammaStep),
        "consensus" => new Dynamics.Coupling.OutputConsensusCoupling(Lambda),
        _ => Dynamics.Coupling.CopyCoupling.None,
    };

    /// <summary>Builds the lift: the identity lift for Q = identity, else the M-cover lift with routing.</summary>
    public ILift BuildLift()
    {
        var q = ParseKernel();
        return q.IsIdentity ? new IdentityLift(Copies) : new MCoverLift(q, Schedule, Granularity, Sampler, Routing);
    }

    /// <summary>λ₂ of the mixing kernel (NaN for M = 1).</summary>
    public double Lambda2 => ParseKernel().Lambda2;

    /// <summary>The kernel's canonical spec ("ring:sigma=1" for "ring:sigma=1.0").</summary>
    public string KernelSpec => ParseKernel().Spec;

    // Kernels are immutable, so each (spec, M) is parsed and diagonalised once per process: results, keys and reports
    // read Q for every row.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), MixingKernel> Kernels = new();

    private MixingKernel ParseKernel()
    {
        try { return Kernels.GetOrAdd((Kernel, Copies), key => MixingKernel.Parse(key.Item1, key.Item2)); }
        catch (ArgumentException e) { throw UsageException.Field("kernel", Kernel, e.Message); }
    }

    /// <summary>Throws a <see cref="UsageException"/> naming the first field out of range.</summary>
    public RunConfig Validate()
    {
        Check(Parameters.Model, Model, Parameters.Model.Choices!.Contains(Model), "is not a model; expected perceptron, committee");
        Check(Parameters.Rule, Rule, Parameters.Rule.Choices!.Contains(Rule), $"is not a rule; expected {string.Join(", ", Parameters.Rule.Choices!)}");
        Check(Parameters.Hidden, HiddenUnits, IsCommittee || HiddenUnits == 1, "needs --model committee (the perceptron has K = 1)");
        Check(Parameters.Hidden, HiddenUnits, HiddenUnits is >= 1 and <= 101 && HiddenUnits % 2 == 1, "must be odd in [1, 101] (majority vote without ties)");
        Check(Parameters.Rule, Rule, !IsCommittee || Rule is "cp" or "cpr" or "sbpi", "does not train committee machines; expected cp, cpr, sbpi");
        Check(Parameters.Granularity, Word(Parameters.Granularity, Granularity, Granularity.Edge, Granularity.Word, Granularity.Unit), IsCommittee || Granularity != Granularity.Unit,
            "routes whole hidden units: it needs --model committee; expected edge, word");
        Check(Parameters.N, N, N >= 1 && N % 2 == 1, "must be odd and ≥ 1 (sign outputs need odd N)");
        Check(Parameters.N, N, !IsCommittee || CommitteeShape.Problem(N, HiddenUnits, Arch) is null, $"does not fit --hidden {HiddenUnits} --arch {(Arch == Architecture.Tree ? "tree" : "full")}: {CommitteeShape.Problem(N, HiddenUnits, Arch)}");
        Check(Parameters.N, N, N <= 100_000_001, "must be ≤ 100000001");
        Check(Parameters.Alpha, Alpha, double.IsFinite(Alpha) && Alpha > 0, "must be > 0");
        Check(Parameters.Alpha, Alpha, Math.Round(Alpha * N, MidpointRounding.AwayFromZero) >= 1, $"gives P = round(αN) = 0 patterns at N = {N}");
        Check(Parameters.Alpha, Alpha, Alpha * N * Models.Spins.PackedSpins.WordCount(N) <= int.MaxValue,
            $"needs {Alpha * N * Models.Spins.PackedSpins.WordCount(N) * 8 / (1L << 30):F0} GiB of packed patterns at N = {N} (limit 16 GiB)");
        Check(Parameters.Copies, Copies, Copies >= 1, "must be ≥ 1");
        Check(Parameters.Copies, Copies, Copies <= 1024, "must be ≤ 1024");
        var q = ParseKernel();
        Check(Parameters.Sampler, Sampler, Sampler != SamplerKind.Exact || Copies <= ExactSampler.MaxCopies || q.IsIdentity || q.IsUniform,
            $"needs M ≤ {ExactSampler.MaxCopies}; use gumbel or sequential");
        // The perceptron's online rules read the table copy-interleaved, M padded to whole registers (8, or 4 for M ≤ 4).
        int interleave = HiddenUnits == 1 && Rule is "cp" or "cpr" or "sbpi" && Copies >= 3 ? (Copies > 4 ? 8 : 4) : 0;
        long table = RoutingTable.BytesFor(UnitInputs, P * HiddenUnits, Copies, interleave);
        Check(Parameters.Routing, "stored", q.IsIdentity || Routing != RoutingStorage.Stored || table <= PatternRouting.MaxStoredBytes,
            $"needs a {table >> 20} MiB routing table (limit 4 GiB); use hashed or auto");
        Check(Parameters.Epochs, Epochs, Epochs >= 0, "must be ≥ 0");
        Check(Parameters.K, K?.ToString(CultureInfo.InvariantCulture) ?? "auto", K is null || (K >= 1 && K % 2 == 1 && K <= 1_000_001), "must be odd in [1, 1000001] or auto");
        Check(Parameters.Kappa, Kappa, double.IsFinite(Kappa) && Kappa >= 0, "must be ≥ 0");
        Check(Parameters.ThetaM, ThetaM, double.IsFinite(ThetaM) && ThetaM >= 0, "must be ≥ 0");
        Check(Parameters.Ps, Ps, Ps is >= 0 and <= 1, "must be in [0, 1]");
        Check(Parameters.PrC, PrC?.ToString("R", CultureInfo.InvariantCulture) ?? "auto", PrC is null || (double.IsFinite(PrC.Value) && PrC >= 0 && PrC * Math.Sqrt(2 / (Math.PI * UnitInputs)) <= 1), "must be ≥ 0 with p_r = c·√(2/(πn)) ≤ 1 (n = inputs per unit), or auto");
        Check(Parameters.Kernel, Kernel, Rule != "amp" || q.IsIdentity, "must be identity for rule amp (M independent AMP runs); BP on the M-cover is rule rbp");
        Check(Parameters.Copies, Copies, Rule != "rbp" || (long)Copies * N <= int.MaxValue, $"× N = {(long)Copies * N} edges per pattern is too many for rule rbp (limit 2^31)");
        Check(Parameters.Alpha, Alpha, Rule != "rbp" || (double)Copies * N * P * sizeof(float) <= MaxMessageBytes,
            $"needs {(double)Copies * N * P * sizeof(float) / (1L << 30):F1} GiB of BP messages (M·N·P floats) at N = {N}, M = {Copies} (limit {MaxMessageBytes >> 30} GiB)");
        Check(Parameters.Coupling, Coupling, Parameters.Coupling.Choices!.Contains(Coupling), "is not a coupling; expected none, replicated, consensus");
        Check(Parameters.Coupling, Coupling, Coupling == "none" || q.IsIdentity, $"couples copies of the identity lift; it cannot be combined with kernel {Kernel}");
        Check(Parameters.Coupling, Coupling, Coupling == "none" || Rule is "cp" or "cpr" or "sbpi", $"acts with the online rules cp, cpr, sbpi, not with rule {Rule}");
        Check(Parameters.Coupling, Coupling, Coupling == "none" || Copies >= 2, "needs M ≥ 2 copies");
        Check(Parameters.Gamma, Gamma, Gamma is >= 0 and <= 1, "must be in [0, 1]");
        Check(Parameters.GammaStep, GammaStep, double.IsFinite(GammaStep) && GammaStep >= 0, "must be ≥ 0");
        Check(Parameters.Lambda, Lambda, Lambda is >= 0 and <= 1, "must be in [0, 1]");
        // A coupling strength given to a run that does not use it would split one physical point into several grid points.
        Check(Parameters.Gamma, Gamma, Coupling == "replicated" || Gamma == DefaultGamma, "is used by --coupling replicated only");
        Check(Parameters.GammaStep, GammaStep, Coupling == "replicated" || GammaStep == DefaultGammaStep, "is used by --coupling replicated only");
        Check(Parameters.Lambda, Lambda, Coupling == "consensus" || Lambda == DefaultLambda, "is used by --coupling consensus only");
        Check(Parameters.Damping, Damping, double.IsFinite(Damping) && Damping is >= 0 and < 1, "must be in [0, 1)");
        Check(Parameters.Iters, Iters, Iters >= 1, "must be ≥ 1");
        Check(Parameters.Tol, Tol, double.IsFinite(Tol) && Tol > 0, "must be > 0");
        Check(Parameters.Reinforcement, Reinforcement?.ToString("R", CultureInfo.InvariantCulture) ?? "auto", Reinforcement is null || Reinforcement is >= 0 and <= 1, "must be in [0, 1] or auto");
        Check(Parameters.ReinforcementStep, ReinforcementStep?.ToString("R", CultureInfo.InvariantCulture) ?? "auto", ReinforcementStep is null || (double.IsFinite(ReinforcementStep.Value) && ReinforcementStep >= 0), "must be ≥ 0 or auto");
        Check(Parameters.Beta, Beta, double.IsFinite(Beta) && Beta >= 0, "must be finite and ≥ 0");
        Check(Parameters.Beta0, Beta0, double.IsFinite(Beta0) && Beta0 >= 0, "must be finite and ≥ 0");
        Check(Parameters.Beta1, Beta1, double.IsFinite(Beta1) && Beta1 >= Beta0, $"must be finite and ≥ beta0 = {Beta0.ToString("R", CultureInfo.InvariantCulture)}");
        Check(Parameters.Beta0, Beta0, ScheduleBeta != BetaSchedule.Geometric || Beta0 > 0, "must be > 0 for schedule-beta geometric");
        Check(Parameters.Sweeps, Sweeps, Sweeps >= 0, "must be ≥ 0");
        Check(Parameters.Kernel, Kernel, Rule != "pt" || q.IsIdentity, "must be identity for rule pt (replica exchange between independent replicas)");
        Check(Parameters.Copies, Copies, Rule != "pt" || Copies >= 2, "must be ≥ 2 for rule pt (one replica per temperature)");
        Check(Parameters.Beta0, Beta0, Rule != "pt" || Beta0 > 0, "must be > 0 for rule pt (geometric ladder)");
        Check(Parameters.Alpha, Alpha, !IsMonteCarlo || q.IsIdentity || InverseRoutingBytes <= MaxInverseRoutingBytes,
            $"needs {InverseRoutingBytes / (double)(1L << 30):F1} GiB of inverse routing (N·M·⌈log₂M⌉·P bits) for rule {Rule} at N = {N}, M = {Copies} (limit {MaxInverseRoutingBytes >> 30} GiB)");
        Check(Parameters.TestPatterns, TestPatterns, TestPatterns >= 0, "must be ≥ 0");
        Check(Parameters.TestPatterns, TestPatterns, (double)TestPatterns * Models.Spins.PackedSpins.WordCount(N) <= int.MaxValue, "needs more than 16 GiB of test patterns");
        Check(Parameters.Arch, Arch == Architecture.Tree ? "tree" : "full", IsCommittee || Arch == Default.Arch, "is used by --model committee only");
        Check(Parameters.Beta, Beta, Rule == "mc" || Beta == Default.Beta, "is used by --rule mc only");
        Check(Parameters.Beta0, Beta0, Rule is "sa" or "pt" || Beta0 == Default.Beta0, "is used by --rule sa or pt only");
        Check(Parameters.Beta1, Beta1, Rule is "sa" or "pt" || Beta1 == Default.Beta1, "is used by --rule sa or pt only");
        Check(Parameters.ScheduleBeta, Word(Parameters.ScheduleBeta, ScheduleBeta, BetaSchedule.Linear, BetaSchedule.Geometric), Rule == "sa" || ScheduleBeta == Default.ScheduleBeta, "is used by --rule sa only");
        Check(Parameters.Sweeps, Sweeps, IsMonteCarlo || Sweeps == Default.Sweeps, "is used by --rule mc, sa or pt only");
        return this;
    }

    private static void Check(Parameter p, object value, bool ok, string problem)
    {
        if (!ok) throw UsageException.Field(p.Name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", problem);
    }

    /// <summary>
    /// Parses and validates one value per parameter name (flag names: "alpha", "theta-m", …); absent names take
    /// their defaults. Errors name the field.
    /// </summary>
    public static RunConfig FromValues(IReadOnlyDictionary<string, string> values)
    {
        foreach (var key in values.Keys)
            if (Parameters.Find(key) is null) throw new UsageException($"'{key}' is not a parameter; expected one of {string.Join(", ", Parameters.All.Select(p => p.Name))}");
        string Get(Parameter p) => values.TryGetValue(p.Name, out var v) ? v.Trim() : p.Default;
        var task = Get(Parameters.Task) switch
        {
            "teacher" => LearningTask.TeacherStudent,
            "storage" => LearningTask.Storage,
            var t => throw UsageException.Field("task", t, "is not a task; expected teacher, storage"),
        };
        return new RunConfig
        {
            Model = Get(Parameters.Model),
            Hidden = Get(Parameters.Hidden) == "auto" ? null : Int(Parameters.Hidden, Get(Parameters.Hidden)),
            Arch = Choice(Parameters.Arch, Get(Parameters.Arch), Architecture.Tree, Architecture.Full),
            Task = task,
            Rule = Get(Parameters.Rule),
            N = Int(Parameters.N, Get(Parameters.N)),
            Alpha = Real(Parameters.Alpha, Get(Parameters.Alpha)),
            Copies = Int(Parameters.Copies, Get(Parameters.Copies)),
            Kernel = Get(Parameters.Kernel),
            Schedule = Choice(Parameters.Schedule, Get(Parameters.Schedule), Schedule.Quenched, Schedule.Annealed),
            Granularity = Choice(Parameters.Granularity, Get(Parameters.Granularity), Granularity.Edge, Granularity.Word, Granularity.Unit),
            Sampler = Choice(Parameters.Sampler, Get(Parameters.Sampler), SamplerKind.Auto, SamplerKind.Exact, SamplerKind.Gumbel, SamplerKind.Sequential),
            Routing = Choice(Parameters.Routing, Get(Parameters.Routing), RoutingStorage.Auto, RoutingStorage.Stored, RoutingStorage.Hashed),
            Stop = Choice(Parameters.Stop, Get(Parameters.Stop), StopRule.Any, StopRule.Lifted, StopRule.Copies, StopRule.Budget),
            Epochs = Int(Parameters.Epochs, Get(Parameters.Epochs)),
            K = Get(Parameters.K) == "auto" ? null : Int(Parameters.K, Get(Parameters.K)),
            Kappa = Real(Parameters.Kappa, Get(Parameters.Kappa)),
            ThetaM = Real(Parameters.ThetaM, Get(Parameters.ThetaM)),
            Ps = Real(Parameters.Ps, Get(Parameters.Ps)),
            PrC = Get(Parameters.PrC) == "auto" ? null : Real(Parameters.PrC, Get(Parameters.PrC)),
            Coupling = Get(Parameters.Coupling),
            Gamma = Real(Parameters.Gamma, Get(Parameters.Gamma)),
            GammaStep = Real(Parameters.GammaStep, Get(Parameters.GammaStep)),
            Lambda = Real(Parameters.Lambda, Get(Parameters.Lambda)),
            Damping = Real(Parameters.Damping, Get(Parameters.Damping)),
            Iters = Int(Parameters.Iters, Get(Parameters.Iters)),
            Tol = Real(Parameters.Tol, Get(Parameters.Tol)),
            Reinforcement = Get(Parameters.Reinforcement) == "auto" ? null : Real(Parameters.Reinforcement, Get(Parameters.Reinforcement)),
            ReinforcementStep = Get(Parameters.ReinforcementStep) == "auto" ? null : Real(Parameters.ReinforcementStep, Get(Parameters.ReinforcementStep)),
            Beta = Real(Parameters.Beta, Get(Parameters.Beta)),
            Beta0 = Real(Parameters.Beta0, Get(Parameters.Beta0)),
            Beta1 = Real(Parameters.Beta1, Get(Parameters.Beta1)),
            ScheduleBeta = Choice(Parameters.ScheduleBeta, Get(Parameters.ScheduleBeta), BetaSchedule.Linear, BetaSchedule.Geometric),
            Sweeps = Int(Parameters.Sweeps, Get(Parameters.Sweeps)),
            TestPatterns = Int(Parameters.TestPatterns, Get(Parameters.TestPatterns)),
            Seed = ulong.TryParse(Get(Parameters.Seed), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? s : throw UsageException.Field("seed", Get(Parameters.Seed), "is not an integer ≥ 0"),
        }.Validate();
    }

    /// <summary>The choice word <paramref name="s"/> as the enum value at the same position as in the parameter's choices.</summary>
    private static T Choice<T>(Parameter p, string s, params T[] values)
    {
        int i = Array.IndexOf(p.Choices!, s);
        return i >= 0 ? values[i] : throw UsageException.Field(p.Name, s, $"is not a {p.Name}; expected {string.Join(", ", p.Choices!)}");
    }

    private static string Word<T>(Parameter p, T value, params T[] values) => p.Choices![Array.IndexOf(values, value)];

    private static int Int(Parameter p, string s)
        => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw UsageException.Field(p.Name, s, UsageException.NotA("an integer", s));

    private static double Real(Parameter p, string s)
        => Parameter.TryReal(s, out var v) ? v : throw UsageException.Field(p.Name, s, UsageException.NotA("a number", s));

    /// <summary>The values as text, one per parameter, in table order (resolved: k and pr-c as used).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToValues()
    {
        static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        return
        [
            new("model", Model), new("hidden", HiddenUnits.ToString(CultureInfo.InvariantCulture)),
            new("arch", Word(Parameters.Arch, Arch, Architecture.Tree, Architecture.Full)), new("task", Task == LearningTask.Storage ? "storage" : "teacher"), new("rule", Rule),
            new("n", N.ToString(CultureInfo.InvariantCulture)), new("alpha", R(Alpha)), new("copies", Copies.ToString(CultureInfo.InvariantCulture)),
            new("kernel", KernelSpec),
            new("schedule", Word(Parameters.Schedule, Schedule, Schedule.Quenched, Schedule.Annealed)),
            new("granularity", Word(Parameters.Granularity, Granularity, Granularity.Edge, Granularity.Word, Granularity.Unit)),
            new("sampler", Word(Parameters.Sampler, Sampler, SamplerKind.Auto, SamplerKind.Exact, SamplerKind.Gumbel, SamplerKind.Sequential)),
            new("routing", Word(Parameters.Routing, Routing, RoutingStorage.Auto, RoutingStorage.Stored, RoutingStorage.Hashed)),
            new("stop", Word(Parameters.Stop, Stop, StopRule.Any, StopRule.Lifted, StopRule.Copies, StopRule.Budget)),
            new("epochs", Epochs.ToString(CultureInfo.InvariantCulture)), new("k", Bound.ToString(CultureInfo.InvariantCulture)),
            new("kappa", R(Kappa)), new("theta-m", R(ThetaM)), new("ps", R(Ps)), new("pr-c", R(ReinforcementC)),
            new("coupling", Coupling), new("gamma", R(Gamma)), new("gamma-step", R(GammaStep)), new("lambda", R(Lambda)),
            new("damping", R(Damping)), new("iters", Iters.ToString(CultureInfo.InvariantCulture)), new("tol", R(Tol)),
            new("reinforcement", R(Reinforcement ?? DefaultReinforcement)), new("reinforcement-step", R(ReinforcementStep ?? DefaultReinforcementStep)),
            new("beta", R(Beta)), new("beta0", R(Beta0)), new("beta1", R(Beta1)),
            new("schedule-beta", Word(Parameters.ScheduleBeta, ScheduleBeta, BetaSchedule.Linear, BetaSchedule.Geometric)),
            new("sweeps", Sweeps.ToString(CultureInfo.InvariantCulture)),
            new("test-patterns", TestPatterns.ToString(CultureInfo.InvariantCulture)), new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
        ];
    }
}
