using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// The one place that knows every rule: its name, one line of help and how to read it from parameter values. The rule
/// flag's choices, the parameters each rule uses (found by reading a rule at its defaults) and the error for a parameter
/// that does not apply all come from here. Adding a rule is one line.
/// </summary>
public static class RuleRegistry
{
    /// <summary>A registered rule.</summary>
    /// <param name="Name">Name in flags, config files and results.</param>
    /// <param name="Help">One line for --help.</param>
    /// <param name="Read">Reads the rule's parameters (absent ones at their defaults).</param>
    public sealed record Entry(string Name, string Help, Func<ParameterReader, RuleSpec> Read)
    {
        private IReadOnlyList<string>? _uses;

        /// <summary>Names of the parameters the rule reads.</summary>
        public IReadOnlyList<string> Uses => _uses ??= ReadAtDefaults(this);

        private static IReadOnlyList<string> ReadAtDefaults(Entry e)
        {
            var reader = new ParameterReader(new Dictionary<string, string>());
            e.Read(reader);
            return reader.Read.ToList();
        }
    }

    /// <summary>Every rule, in the order of --help.</summary>
    public static readonly IReadOnlyList<Entry> All =
    [
        new("cp", "clipped perceptron", CpRule.Read),
        new("cpr", "CP + reinforcement", CprRule.Read),
        new("sbpi", "stochastic binary perceptron", SbpiRule.Read),
        new("hebb", "one-shot clipped Hebb", HebbRule.Read),
        new("amp", "approximate message passing (Bayes-optimal, teacher)", AmpRule.Read),
        new("rbp", "(reinforced) belief propagation, on the M-cover when the kernel is not identity", RbpRule.Read),
        new("mc", "Metropolis at fixed β on the (lifted) training energy (Gibbs learning, never stops early)", MetropolisRule.Read),
        new("sa", "simulated annealing from beta0 to beta1", AnnealingRule.Read),
        new("pt", "replica exchange (parallel tempering) of M = copies replicas on the geometric β ladder beta0…beta1 (identity kernel), stops when one replica solves", ReplicaExchangeRule.Read),
        new("ste", "mlp: straight-through latent-weight SGD, h ← clip(h − η·∂L/∂w, −1, 1), w = sign(h)", SteRule.Read),
        new("bop", "mlp: the binary optimiser BOP (Helwegen et al. 2019), flip w when the gradient's moving average exceeds τ against w", BopRule.Read),
        new("bp", "belief propagation (committee BP: Gaussian unit fields, exact majority output; the perceptron as K = 1), on the M-cover when the kernel is not identity", BpRule.Read),
        new("fbp", "focusing belief propagation (y replicas traced out; protocols standard, pseudo, scoping), committee or perceptron, on the M-cover when the kernel is not identity", FbpRule.Read),
    ];

    /// <summary>The rule names.</summary>
    public static string[] Names => All.Select(e => e.Name).ToArray();

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>Reads the rule named by the "rule" parameter, with its own parameters.</summary>
    public static RuleSpec Read(ParameterReader r) => Read(r, null);

    /// <summary>Reads the rule named by "rule", or <paramref name="defaultName"/> when none is given (the model's own default).</summary>
    public static RuleSpec Read(ParameterReader r, string? defaultName)
    {
        var name = r.Text(Parameters.Rule);
        if (defaultName is not null && !r.Given(Parameters.Rule)) name = defaultName;
        var entry = Find(name) ?? throw UsageException.Field(Parameters.Rule.Name, name, $"is not a rule; expected {string.Join(", ", Names)}");
        return entry.Read(r);
    }

    /// <summary>"rule sbpi" or "rules cp, cpr, sbpi": the rules that read <paramref name="p"/>; empty when none does.</summary>
    public static string UsersOf(Parameter p)
    {
        var users = All.Where(e => e.Uses.Contains(p.Name)).Select(e => e.Name).ToList();
        return users.Count switch { 0 => "", 1 => $"rule {users[0]}", _ => $"rules {string.Join(", ", users)}" };
    }

    /// <summary>Rules that train binary MLPs.</summary>
    public static IEnumerable<string> MlpRules => All.Where(e => e.Read(new ParameterReader(new Dictionary<string, string>())).TrainsMlps).Select(e => e.Name);

    /// <summary>Rules that train committee machines.</summary>
    public static IEnumerable<string> CommitteeRules => All.Where(e => e.Read(new ParameterReader(new Dictionary<string, string>())).TrainsCommittees).Select(e => e.Name);
}
