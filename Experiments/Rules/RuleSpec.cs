using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>
/// A learning rule as a type: it owns its parameters (as init properties with their defaults), validates them, names
/// them for results, and runs. A new rule is one algorithm in Dynamics, one subclass here and one line in
/// <see cref="RuleRegistry"/>; flags, config keys and CSV columns follow from the parameters it reads.
/// </summary>
public abstract record RuleSpec
{
    /// <summary>The rule's name in flags, config files and results (cp, cpr, …).</summary>
    public abstract string Name { get; }

    /// <summary>How the rule learns.</summary>
    public abstract RuleFamily Family { get; }

    /// <summary>Iteration budget in the rule's own unit (epochs, iterations, sweeps; 1 for a one-shot rule).</summary>
    public abstract int Budget { get; }

    /// <summary>The budget in words, for messages: "1000 iterations"; fbp says its sweeps over all protocol steps.</summary>
    public virtual string BudgetText => $"{Budget} iterations";

    /// <summary>True when the rule trains committee machines as well as perceptrons.</summary>
    public virtual bool TrainsCommittees => false;

    /// <summary>True when the rule trains binary MLPs (and only those).</summary>
    public virtual bool TrainsMlps => false;

    /// <summary>True when the rule runs with a coupling between copies (replicated, consensus).</summary>
    public virtual bool AcceptsCoupling => false;

    /// <summary>True when the rule runs with coupling <paramref name="coupling"/> (default: <see cref="AcceptsCoupling"/>).</summary>
    public virtual bool Accepts(MCoverPhysics.Dynamics.Coupling.CopyCoupling coupling) => AcceptsCoupling;

    /// <summary>Why the rule cannot run on a lift with a mixing kernel other than identity, or null when it can.</summary>
    public virtual string? LiftProblem => null;

    /// <summary>The values of the rule's parameters as written in results (resolved: derived defaults as used), in table order.</summary>
    public abstract IEnumerable<KeyValuePair<Parameter, string>> Values(RunConfig config);

    /// <summary>Throws a <see cref="UsageException"/> naming the first parameter out of range for <paramref name="config"/>.</summary>
    public abstract void Validate(RunConfig config);

    /// <summary>The rule's learning dynamics on perceptron data, with the config's lift, coupling, copies and seed;
    /// <paramref name="threads"/> may split copies (results never depend on it).</summary>
    public abstract ILearningDynamics Dynamics(RunConfig config, Dataset data, int threads = 1);

    /// <summary>The rule's dynamics on committee data (least action); only rules with <see cref="TrainsCommittees"/>. Routing
    /// tables are drawn on at most <paramref name="threads"/> threads (the task's limit; results never depend on it).</summary>
    public virtual ILearningDynamics CommitteeDynamics(RunConfig config, CommitteeDataset data, int threads = 1)
        => throw new InvalidOperationException($"rule '{Name}' does not train committee machines");

    /// <summary>The rule's dynamics on MLP data; only rules with <see cref="TrainsMlps"/>.</summary>
    public virtual ILearningDynamics MlpDynamics(RunConfig config, Models.Mlp.MlpDataset data, int threads = 1)
        => throw new InvalidOperationException($"rule '{Name}' does not train MLPs");

    /// <summary>A real as results write it (round-trip).</summary>
    protected static string R(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An integer as results write it.</summary>
    protected static string I(long x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throws a <see cref="UsageException"/> for <paramref name="p"/> unless <paramref name="ok"/>.</summary>
    protected static void Check(Parameter p, object value, bool ok, string problem) => UsageException.Require(p, value, ok, problem);
}
