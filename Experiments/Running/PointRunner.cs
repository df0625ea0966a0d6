using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Runs one config end to end: data → lift → rule → trainer → order parameters. The rule picks its dynamics.</summary>
public static class PointRunner
{
    /// <summary>
    /// Runs <paramref name="config"/>; <paramref name="threads"/> parallelises over copies (results do not depend on it);
    /// <paramref name="observer"/> (a progress bar) sees every epoch of the online rules.
    /// </summary>
    public static PointResult Run(RunConfig config, int threads = 1, bool trace = false, ITrainingObserver? observer = null)
        => Run(config, new RunOptions { Threads = threads, Trace = trace, Observer = observer });

    /// <summary>Runs <paramref name="config"/> with <paramref name="options"/>.</summary>
    public static PointResult Run(RunConfig config, RunOptions options) => config.Rule.Run(new PointRun(config, options));

    /// <summary>The committee training set (with the test set for the teacher task) of <paramref name="config"/>.</summary>
    public static Models.Committee.CommitteeDataset CommitteeData(RunConfig config) => config.Data.CreateCommittee(config.Shape, config.Seed);

    /// <summary>Trains the M committees of <paramref name="config"/> (an online rule); each copy's units concatenated.</summary>
    public static (TrainedStudents Students, List<ulong[]> Copies) TrainCommittee(RunConfig config, Models.Committee.CommitteeDataset data, ITrainingObserver? observer = null)
        => PointRun.TrainCommittee(config, Online(config), data, observer);

    /// <summary>Runs the Monte Carlo rule of <paramref name="config"/> (mc, sa or pt) on <paramref name="data"/>.</summary>
    public static MonteCarloResult Sample(RunConfig config, Dataset data)
        => new MetropolisChain(data, config.BuildLift(), config.Seed, (config.Rule as MonteCarloRuleSpec ?? throw NotOf(config, "a Monte Carlo")).Options).Run();

    /// <summary>Runs the message-passing rule of <paramref name="config"/> (amp or rbp) on <paramref name="data"/>.</summary>
    public static MessagePassingResult Solve(RunConfig config, Dataset data)
        => (config.Rule as MessagePassingRuleSpec ?? throw NotOf(config, "a message-passing")).Solve(config, data);

    /// <summary>Trains the M students of <paramref name="config"/> (an online rule or hebb) on <paramref name="data"/>.</summary>
    public static TrainedStudents Train(RunConfig config, Dataset data, int threads, ITrainingObserver? observer = null)
        => config.Rule.Family == RuleFamily.OneShot ? ClippedHebb.Train(data, config.Copies, config.Seed) : PointRun.Train(config, Online(config), data, threads, observer);

    private static OnlineRuleSpec Online(RunConfig config) => config.Rule as OnlineRuleSpec ?? throw NotOf(config, "an online");

    private static InvalidOperationException NotOf(RunConfig config, string family) => new($"rule '{config.Rule.Name}' is not {family} rule");
}
