using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// Trainer selection, in one place: the learning dynamics a config's rule runs as, built on its data, lift, coupling and
/// seed. Every one is an <see cref="ILearningDynamics"/>; <see cref="PointRun"/> runs it and measures.
/// </summary>
public static class Learners
{
    /// <summary>The dynamics of <paramref name="config"/>'s rule on perceptron data <paramref name="data"/>;
    /// <paramref name="threads"/> splits the copies of the identity lift's online trainer (results do not depend on it).</summary>
    public static ILearningDynamics For(RunConfig config, Dataset data, int threads = 1) => config.Rule switch
    {
        OnlineRuleSpec rule => Online(config, rule, data, threads),
        HebbRule => new HebbDynamics(data, config.Copies, config.Seed),
        AmpRule rule => new AmpDynamics(data, config.Copies, config.Seed, rule.Options),
        RbpRule rule => new BeliefPropagationDynamics(data, config.BuildLift(), config.Seed, rule.Options),
        MonteCarloRuleSpec rule => new MetropolisChain(data, config.BuildLift(), config.Seed, rule.Options),
        var rule => throw new InvalidOperationException($"rule '{rule.Name}' has no perceptron dynamics"),
    };

    /// <summary>The dynamics of <paramref name="config"/>'s rule (an online rule, by least action) on committee data <paramref name="data"/>.</summary>
    public static ILearningDynamics For(RunConfig config, CommitteeDataset data)
    {
        var rule = config.Rule as OnlineRuleSpec ?? throw new InvalidOperationException($"rule '{config.Rule.Name}' does not train committee machines");
        var training = new TrainingOptions { MaxEpochs = rule.Epochs, Stop = rule.Stop };
        return new CommitteeTrainer(data, config.BuildLift(), rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, training, config.Coupling);
    }

    /// <summary>Online rules on the perceptron: the identity lift (with any coupling) or the M-cover lift.</summary>
    private static ILearningDynamics Online(RunConfig config, OnlineRuleSpec rule, Dataset data, int threads)
    {
        var training = new TrainingOptions { MaxEpochs = rule.Epochs, Threads = threads, Stop = rule.Stop };
        var lift = config.BuildLift();
        return lift.NeedsRouting
            ? new RoutedTrainer(data, lift, rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, training)
            : new OnlineTrainer(data, lift, rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, training, config.Coupling);
    }
}
