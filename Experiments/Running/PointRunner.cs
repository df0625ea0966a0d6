using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Runs one config end to end: data → lift → rule → dynamics (<see cref="Learners"/>) → order parameters.</summary>
public static class PointRunner
{
    /// <summary>
    /// Runs <paramref name="config"/>; <paramref name="threads"/> parallelises over copies (results do not depend on it);
    /// <paramref name="observer"/> (a progress bar) sees every step of every rule.
    /// </summary>
    public static PointResult Run(RunConfig config, int threads = 1, bool trace = false, IStepObserver? observer = null)
        => Run(config, new RunOptions { Threads = threads, Trace = trace, Observer = observer });

    /// <summary>Runs <paramref name="config"/> with <paramref name="options"/>.</summary>
    public static PointResult Run(RunConfig config, RunOptions options) => new PointRun(config, options).Run();

    /// <summary>The committee training set (with the test set for the teacher task) of <paramref name="config"/>.</summary>
    public static Models.Committee.CommitteeDataset CommitteeData(RunConfig config) => config.Data.CreateCommittee(config.Shape, config.Seed);

    /// <summary>Runs the rule of <paramref name="config"/> on perceptron data <paramref name="data"/>: the final students and how it got there.</summary>
    public static LearningResult Learn(RunConfig config, Dataset data, int threads = 1, IStepObserver? observer = null)
        => Learners.For(config, data, threads).Learn(observer);

    /// <summary>Trains the M committees of <paramref name="config"/> (an online rule); each copy's units concatenated.</summary>
    public static (TrainedStudents Students, List<ulong[]> Copies) TrainCommittee(RunConfig config, Models.Committee.CommitteeDataset data, IStepObserver? observer = null)
    {
        var result = Learners.For(config, data).Learn(observer);
        return (TrainedStudents.From(result), result.Weights.ToList());
    }

    /// <summary>Runs the Monte Carlo rule of <paramref name="config"/> (mc, sa or pt) on <paramref name="data"/>.</summary>
    public static MonteCarloResult Sample(RunConfig config, Dataset data)
        => MonteCarloResult.From(Learn(Of<MonteCarloRuleSpec>(config, "a Monte Carlo"), data));

    /// <summary>Runs the message-passing rule of <paramref name="config"/> (amp or rbp) on <paramref name="data"/>.</summary>
    public static MessagePassingResult Solve(RunConfig config, Dataset data)
        => MessagePassingResult.From(Learn(Of<MessagePassingRuleSpec>(config, "a message-passing"), data));

    /// <summary>Trains the M students of <paramref name="config"/> (an online rule or hebb) on <paramref name="data"/>.</summary>
    public static TrainedStudents Train(RunConfig config, Dataset data, int threads, IStepObserver? observer = null)
        => TrainedStudents.From(Learn(config.Rule.Family == RuleFamily.OneShot ? config : Of<OnlineRuleSpec>(config, "an online"), data, threads, observer));

    private static RunConfig Of<T>(RunConfig config, string family) where T : RuleSpec
        => config.Rule is T ? config : throw new InvalidOperationException($"rule '{config.Rule.Name}' is not {family} rule");
}
