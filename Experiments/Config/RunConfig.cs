using System.Globalization;
using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Config;

/// <summary>
/// The full physics configuration of one run (one grid point and one seed), typed: model → data → rule → lift or
/// coupling → copies and seed. A result depends on this record alone. Build one in code,
/// <c>new RunConfig { Data = new TeacherStudentData { Alpha = 2 }, Rule = new SbpiRule() }</c>, and run it with
/// <see cref="Simulation.Run"/>; or from text (flags, config files) with <see cref="FromValues"/>.
/// </summary>
public sealed record RunConfig
{
    /// <summary>Largest number of copies M.</summary>
    public const int MaxCopies = 1024;

    /// <summary>The defaults of the parameter table.</summary>
    public static readonly RunConfig Default = new();

    /// <summary>Model family and shape (N inside).</summary>
    public ModelSpec Model { get; init; } = new PerceptronModel();
    /// <summary>Training data (α and the test set inside).</summary>
    public DataSpec Data { get; init; } = new TeacherStudentData();
    /// <summary>Learning rule with its own parameters.</summary>
    public RuleSpec Rule { get; init; } = new CprRule();
    /// <summary>Lift of the copies (identity: independent copies).</summary>
    public LiftSpec Lift { get; init; } = new();
    /// <summary>Coupling between copies of the identity lift.</summary>
    public CopyCoupling Coupling { get; init; } = CopyCoupling.None;
    /// <summary>Copies M (1 … 1024).</summary>
    public int Copies { get; init; } = 8;
    /// <summary>Seed; data, initial states, orders and rule noise derive from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of inputs N.</summary>
    public int N => Model.N;
    /// <summary>Load α = P/N.</summary>
    public double Alpha => Model.IsMlp ? (double)P / Model.LoadUnit : Data.LoadFor(N);
    /// <summary>Number of training patterns P.</summary>
    public int P => Data.PatternCount((int)Math.Min(int.MaxValue, Model.LoadUnit));
    /// <summary>Teacher–student or storage.</summary>
    public LearningTask Task => Data.Task;
    /// <summary>Test-set size.</summary>
    public int TestPatterns => Data.TestSetSize;
    /// <summary>True for the committee machine.</summary>
    public bool IsCommittee => Model.IsCommittee;
    /// <summary>Hidden units K (1 for the perceptron).</summary>
    public int HiddenUnits => Model.HiddenUnits;
    /// <summary>The committee's shape (the perceptron is the K = 1 tree).</summary>
    public CommitteeShape Shape => Model.Shape;
    /// <summary>Inputs per hidden unit n (N for the perceptron).</summary>
    public int UnitInputs => Model.UnitInputs;
    /// <summary>The kernel's canonical spec ("ring:sigma=1" for "ring:sigma=1.0").</summary>
    public string KernelSpec => Lift.KernelFor(Copies).Spec;
    /// <summary>λ₂ of the mixing kernel (NaN for M = 1).</summary>
    public double Lambda2 => Lift.KernelFor(Copies).Lambda2;
    /// <summary>True when Q = identity (M independent copies).</summary>
    public bool IsIdentityLift => Lift.IsIdentityFor(Copies);

    /// <summary>Builds the lift: the identity lift for Q = identity, else the M-cover lift with routing.</summary>
    /// <param name="threads">The task's thread budget for drawing routing tables (0: unbounded); results do not depend on it.</param>
    public ILift BuildLift(int threads = 0) => Lift.Build(Copies, Rule.Budget, threads);

    /// <summary>Throws a <see cref="UsageException"/> naming the first field out of range.</summary>
    public RunConfig Validate()
    {
        Model.Validate();
        UsageException.Require(Parameters.Rule, Rule.Name, !IsCommittee || Rule.TrainsCommittees, $"does not train committee machines; expected {string.Join(", ", RuleRegistry.CommitteeRules)}");
        UsageException.Require(Parameters.Rule, Rule.Name, !Model.IsMlp || Rule.TrainsMlps, $"does not train --model mlp; expected {string.Join(", ", RuleRegistry.MlpRules)}");
        string granularity = Parameters.Word(Parameters.Granularity, Lift.Granularity, Parameters.Granularities);
        UsageException.Require(Parameters.Granularity, granularity, IsCommittee || Model.IsMlp || Lift.Granularity != Granularity.Unit,
            "routes whole hidden units: it needs --model committee or mlp; expected edge, word");
        UsageException.Require(Parameters.Granularity, granularity, Model.IsMlp || Lift.Granularity != Granularity.Layer, "routes whole layers: it needs --model mlp; expected edge, word, unit");
        UsageException.Require(Parameters.Granularity, granularity, !Model.IsMlp || Lift.Granularity != Granularity.Word, "routes 64-weight words of the perceptron and committee; the mlp routes edge, unit or layer");
        Data.Validate(Model);
        UsageException.Require(Parameters.Copies, Copies, Copies >= 1, "must be ≥ 1");
        UsageException.Require(Parameters.Copies, Copies, Copies <= MaxCopies, $"must be ≤ {MaxCopies}");
        var q = Lift.KernelFor(Copies);
        UsageException.Require(Parameters.Copies, Copies, !Model.IsMlp || q.IsIdentity || Copies <= 256, "must be ≤ 256 for the mlp on a kernel other than identity");
        UsageException.Require(Parameters.Kernel, q.Spec, Copies >= 2 || q.IsIdentity, "needs M ≥ 2 copies to route between (with --copies 1 every kernel is the identity)");
        UsageException.Require(Parameters.Sampler, Parameters.Word(Parameters.Sampler, Lift.Sampler, Parameters.Samplers), Lift.Sampler != SamplerKind.Exact || Copies <= ExactSampler.MaxCopies || q.IsIdentity || q.IsUniform,
            $"needs M ≤ {ExactSampler.MaxCopies}; use gumbel or sequential");
        UsageException.Require(Parameters.Sampler, Parameters.Word(Parameters.Sampler, Lift.Sampler, Parameters.Samplers), Lift.Sampler != SamplerKind.Sequential || Copies <= SequentialSampler.MaxCopies || q.IsIdentity || q.IsUniform,
            $"needs M ≤ {SequentialSampler.MaxCopies} (a 32-bit mask of used columns); use gumbel");
        // The perceptron's online rules read the table copy-interleaved, M padded to whole registers (8, or 4 for M ≤ 4).
        int interleave = HiddenUnits == 1 && Rule.Family == RuleFamily.Online && Copies >= 3 ? (Copies > 4 ? 8 : 4) : 0;
        long table = RoutingTable.BytesFor(UnitInputs, P * HiddenUnits, Copies, interleave);
        UsageException.Require(Parameters.Routing, "stored", q.IsIdentity || Lift.Routing != RoutingStorage.Stored || table <= PatternRouting.MaxStoredBytes,
            $"needs a {table >> 20} MiB routing table (limit 4 GiB); use hashed or auto");
        Lift.Validate(Copies, HiddenUnits == 1 && !IsCommittee && Rule.Family == RuleFamily.Online);
        if (Model.IsMlp && !q.IsIdentity)
        {
            // The MLP routes with the kernel's plain law from per-slot tables: these controls would be recorded and ignored.
            const string mlpRoutes = "does not apply to --model mlp (it routes with the kernel's plain law, one table per minibatch slot)";
            UsageException.Require(Parameters.CycleWeight, Lift.CycleWeight.ToString("R", CultureInfo.InvariantCulture), Lift.CycleWeight == 1, mlpRoutes);
            UsageException.Require(Parameters.KernelTo, Lift.KernelTo, !Lift.HasTarget, mlpRoutes);
            UsageException.Require(Parameters.Wiring, "asymmetric", Lift.Wiring == Wiring.Symmetric, mlpRoutes);
            UsageException.Require(Parameters.Routing, Parameters.Word(Parameters.Routing, Lift.Routing, Parameters.RoutingStorages), Lift.Routing == RoutingStorage.Auto, mlpRoutes);
        }
        Rule.Validate(this);
        if (Rule.LiftProblem is { } problem) UsageException.Require(Parameters.Kernel, q.Spec, q.IsIdentity, problem);
        CouplingRegistry.Validate(Coupling, Rule.Family == RuleFamily.MonteCarlo);
        UsageException.Require(Parameters.Coupling, Coupling.Name, !Coupling.Couples || q.IsIdentity, $"couples copies of the identity lift; it cannot be combined with kernel {q.Spec}");
        UsageException.Require(Parameters.Coupling, Coupling.Name, !Coupling.Couples || Rule.Accepts(Coupling), $"acts with the online rules cp, cpr, sbpi, not with rule {Rule.Name}{(Coupling.NeedsCenter ? " (replicated also acts with mc, sa, ste, bop)" : "")}");
        UsageException.Require(Parameters.Coupling, Coupling.Name, !Coupling.Couples || Copies >= 2, "needs M ≥ 2 copies");
        return this;
    }


    /// <summary>
    /// Parses and validates one value per parameter name (flag names: "alpha", "theta-m", …); absent names take their
    /// defaults, empty values count as absent. A value for a parameter that the chosen model, data, rule or coupling does
    /// not use is refused (naming who uses it) unless <paramref name="strict"/> is false (reading back result records).
    /// </summary>
    public static RunConfig FromValues(IReadOnlyDictionary<string, string> values, bool strict = true)
    {
        var given = values.Where(kv => kv.Value.Trim().Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value);
        var r = new ParameterReader(given);
        int copies = r.Int(Parameters.Copies);
        var model = ModelSpec.ReadSpec(r);
        var data = DataSpec.ReadSpec(r, model);
        if (data.InputWidth is { } width && !r.Given(Parameters.N)) model = model.WithInputWidth(width);
        var config = new RunConfig
        {
            Model = model,
            Data = data,
            Rule = RuleRegistry.Read(r, model.IsMlp ? MlpRuleSpec.DefaultRule : null),
            Lift = LiftSpec.Read(r, copies, model.IsMlp),
            Coupling = CouplingRegistry.Read(r),
            Copies = copies,
            Seed = ulong.TryParse(r.Text(Parameters.Seed), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? s : throw UsageException.Field("seed", r.Text(Parameters.Seed), "is not an integer ≥ 0"),
        };
        if (strict) r.RefuseUnread(Users);
        return config.Validate();
    }

    /// <summary>Who uses parameter <paramref name="p"/>, for the error on a parameter that does not apply.</summary>
    private static string Users(Parameter p) => p.Name switch
    {
        "hidden" or "arch" => "--model committee",
        "widths" => "--model mlp",
        "teacher-widths" => "--model mlp --task teacher",
        "classes" => "--task fashion-mnist",
        "alpha" => "--task teacher or storage",
        "test-patterns" => "--task teacher",
        "schedule" or "granularity" or "sampler" => "a --kernel other than identity",
        "routing" or "cycle-weight" or "wiring" or "kernel-to" => "a --kernel other than identity, with --model perceptron or committee",
        "kernel-ramp" => "--kernel-to",
        _ => CouplingRegistry.UsersOf(p) is { Length: > 0 } c ? c : RuleRegistry.UsersOf(p),
    };

    /// <summary>
    /// The values as text, one per parameter in table order (resolved: k and pr-c as used); a parameter this run does
    /// not use is empty. Keys are the flag names; CSV columns are the same with '_'.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToValues()
    {
        var used = new Dictionary<Parameter, string>();
        foreach (var (p, v) in Model.Values().Concat(Data.Values()).Concat(Rule.Values(this)).Concat(Lift.Values(Copies, Model.IsMlp)).Concat(CouplingRegistry.Values(Coupling)))
            used[p] = v;
        used[Parameters.Rule] = Rule.Name;
        used[Parameters.Copies] = Copies.ToString(CultureInfo.InvariantCulture);
        used[Parameters.Seed] = Seed.ToString(CultureInfo.InvariantCulture);
        return Parameters.All.Select(p => new KeyValuePair<string, string>(p.Name, used.GetValueOrDefault(p, ""))).ToList();
    }

    /// <summary>The value of parameter <paramref name="p"/> as <see cref="ToValues"/> writes it.</summary>
    public string ValueOf(Parameter p) => ToValues().First(kv => kv.Key == p.Name).Value;
}
