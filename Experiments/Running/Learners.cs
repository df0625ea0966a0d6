using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// Trainer selection, in one place: each rule type builds the learning dynamics it runs as (<see cref="RuleSpec.Dynamics"/>), built on its data, lift, coupling and
/// seed. Every one is an <see cref="ILearningDynamics"/>; <see cref="PointRun"/> runs it and measures.
/// </summary>
public static class Learners
{
    /// <summary>The dynamics of <paramref name="config"/>'s rule on perceptron data <paramref name="data"/>;
    /// <paramref name="threads"/> splits the copies of the identity lift's online trainer (results do not depend on it).</summary>
    public static ILearningDynamics For(RunConfig config, Dataset data, int threads = 1) => config.Rule.Dynamics(config, data, threads);

    /// <summary>The dynamics of <paramref name="config"/>'s rule (an online rule, by least action) on committee data <paramref name="data"/>;
    /// <paramref name="threads"/> bounds the routing draws and may split the copies (committee BP's identity lift); results do not depend on it.</summary>
    public static ILearningDynamics For(RunConfig config, CommitteeDataset data, int threads = 1) => config.Rule.CommitteeDynamics(config, data, threads);
}
