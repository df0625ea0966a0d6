using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>The one contract: every rule family runs as an <see cref="ILearningDynamics"/>, is observed after every step, and
/// returns the same <see cref="LearningResult"/> with an observer as without.</summary>
[TestClass]
public sealed class LearningDynamicsTests
{
    private static readonly Dataset Teacher = Dataset.Create(LearningTask.TeacherStudent, 101, 80, 0, 3);
    private static readonly Dataset Storage = Dataset.Create(LearningTask.Storage, 65, 30, 0, 4);
    private static readonly CommitteeDataset Committee = CommitteeDataset.Create(LearningTask.Storage, new CommitteeShape(65, 3, Architecture.Full), 40, 0, 2);

    /// <summary>Every family, each built fresh per call (a dynamics runs once), with its step unit.</summary>
    public static IEnumerable<object[]> Families() =>
    [
        ["online", StepUnit.Epoch, (Func<ILearningDynamics>)(() => new OnlineTrainer(Teacher, new IdentityLift(3), new CpReinforced(101, C: 0.5), 21, 5, new TrainingOptions { MaxEpochs = 30, Threads = 2 }))],
        ["routed", StepUnit.Epoch, (Func<ILearningDynamics>)(() => new RoutedTrainer(Teacher, new MCoverLift(MixingKernel.Uniform(4)), new ClippedPerceptron(101), 21, 5, new TrainingOptions { MaxEpochs = 20 }))],
        ["committee", StepUnit.Epoch, (Func<ILearningDynamics>)(() => new CommitteeTrainer(Committee, new IdentityLift(2), new ClippedPerceptron(65), 9, 4, new TrainingOptions { MaxEpochs = 15, Stop = StopRule.Budget }))],
        ["hebb", StepUnit.Epoch, (Func<ILearningDynamics>)(() => new HebbDynamics(Teacher, 3, 5))],
        ["amp", StepUnit.Iteration, (Func<ILearningDynamics>)(() => new AmpDynamics(Teacher, 3, 5, new MessagePassingOptions { MaxIterations = 200 }))],
        ["bp", StepUnit.Iteration, (Func<ILearningDynamics>)(() => new BeliefPropagationDynamics(Storage, new IdentityLift(2), 5, new MessagePassingOptions { MaxIterations = 40, Reinforcement = 0.5, ReinforcementStep = 0.01 }))],
        ["bp-cover", StepUnit.Iteration, (Func<ILearningDynamics>)(() => new BeliefPropagationDynamics(Storage, new MCoverLift(MixingKernel.Uniform(3)), 5, new MessagePassingOptions { MaxIterations = 15 }))],
        ["mc", StepUnit.Sweep, (Func<ILearningDynamics>)(() => new MetropolisChain(Storage, new IdentityLift(2), 5, new MonteCarloOptions { Sweeps = 25, Beta = 3 }))],
        ["pt", StepUnit.Sweep, (Func<ILearningDynamics>)(() => new MetropolisChain(Storage, new IdentityLift(4), 5, new MonteCarloOptions { Sweeps = 25, Schedule = BetaSchedule.ReplicaExchange, Beta0 = 0.5, Beta1 = 4 }))],
    ];

    /// <summary>Records every step: its number, the error counts and a copy of the weights.</summary>
    private sealed class Recorder : IStepObserver
    {
        public List<(int Step, int[] Errors, ulong[][] Weights, int N)> Steps { get; } = [];

        public void OnStep(int step, ReadOnlySpan<int> trainErrorCounts, IWeightView weights)
            => Steps.Add((step, trainErrorCounts.ToArray(), Enumerable.Range(0, weights.Count).Select(a => weights.Weights(a).ToArray()).ToArray(), weights.N));
    }

    [TestMethod]
    [DynamicData(nameof(Families))]
    public void EveryStepIsObservedAndObservingChangesNothing(string name, StepUnit unit, Func<ILearningDynamics> build)
    {
        var plain = build().Learn();
        var recorder = new Recorder();
        var dynamics = build();
        Assert.AreEqual(unit, dynamics.Unit, name);
        var observed = dynamics.Learn(recorder);
        Assert.AreEqual(unit, observed.Unit, name);
        Assert.AreEqual(plain.StepsRun, observed.StepsRun, name);
        Assert.IsGreaterThan(0, observed.StepsRun, name);
        CollectionAssert.AreEqual(plain.TrainErrorCounts, observed.TrainErrorCounts, name);
        CollectionAssert.AreEqual(plain.FirstSolvedStep, observed.FirstSolvedStep, name);
        Assert.AreEqual(plain.RoutedErrorCount, observed.RoutedErrorCount, name);
        for (int a = 0; a < plain.Copies; a++) CollectionAssert.AreEqual(plain.Weights[a], observed.Weights[a], $"{name}: copy {a}");
        CollectionAssert.AreEqual(Enumerable.Range(1, observed.StepsRun).ToArray(), recorder.Steps.Select(s => s.Step).ToArray(), $"{name}: one call per step");
        var last = recorder.Steps[^1];
        CollectionAssert.AreEqual(observed.TrainErrorCounts, last.Errors, $"{name}: the last step's errors are the result's");
        // The view's vectors are the copies (committee: their K units in turn), and the last ones are the result's students.
        int hidden = observed.Hidden;
        Assert.AreEqual(observed.Copies * hidden, last.Weights.Length, name);
        for (int a = 0; a < observed.Copies; a++)
            CollectionAssert.AreEqual(observed.Weights[a], last.Weights.Skip(a * hidden).Take(hidden).SelectMany(w => w).ToArray(), $"{name}: copy {a}");
        // The first solved step is the first observed step with zero errors.
        for (int a = 0; a < observed.Copies; a++)
        {
            int first = recorder.Steps.FirstOrDefault(s => s.Errors[a] == 0).Step;
            Assert.AreEqual(first == 0 ? -1 : first, observed.FirstSolvedStep[a], $"{name}: copy {a}");
        }
    }

    /// <summary>For the perceptron the observed error counts are the training errors of the observed weights.</summary>
    [TestMethod]
    [DynamicData(nameof(Families))]
    public void ObservedErrorsAreThoseOfTheObservedWeights(string name, StepUnit unit, Func<ILearningDynamics> build)
    {
        if (name == "committee") return; // a committee's error is that of its majority vote, not of a unit
        var recorder = new Recorder();
        build().Learn(recorder);
        var data = unit == StepUnit.Iteration && name != "amp" || unit == StepUnit.Sweep ? Storage : Teacher;
        foreach (var (step, errors, weights, n) in recorder.Steps)
        {
            Assert.AreEqual(data.N, n, name);
            CollectionAssert.AreEqual(weights.Select(w => data.TrainingErrors(w)).ToArray(), errors, $"{name}: step {step}");
        }
    }

    /// <summary>The family's own extras are there (and only there), readable without type tests.</summary>
    [TestMethod]
    [DynamicData(nameof(Families))]
    public void ExtrasBelongToTheirFamily(string name, StepUnit unit, Func<ILearningDynamics> build)
    {
        var result = build().Learn();
        Assert.AreEqual(unit == StepUnit.Epoch, result.States is not null, name);
        Assert.AreEqual(unit == StepUnit.Iteration, result.MessagePassing is not null, name);
        Assert.AreEqual(unit == StepUnit.Sweep, result.MonteCarlo is not null, name);
        if (result.MessagePassing is { } mp)
        {
            Assert.HasCount(result.Copies, mp.Means);
            Assert.HasCount(result.Copies, mp.Converged);
        }
        if (result.MonteCarlo is { } mc)
        {
            Assert.AreEqual((long)25 * result.Copies * Storage.N, mc.Proposed, name);
            Assert.AreEqual(name == "pt", !double.IsNaN(mc.ExchangeRate), name);
        }
    }

    /// <summary>AMP's copies run side by side are each the copy run alone (Amp.Solve), bit for bit.</summary>
    [TestMethod]
    public void AmpCopiesSideBySideEqualCopiesAlone()
    {
        var options = new MessagePassingOptions { MaxIterations = 300, Damping = 0.2 };
        foreach (var data in new[] { Teacher, Storage })
        {
            var together = Amp.Run(data, 3, 9, options);
            int iterations = 0;
            for (int c = 0; c < 3; c++)
            {
                var init = RngStream.For(9, StreamTag.InitialState, (ulong)c);
                var (means, converged, its) = Amp.Solve(data, ref init, options);
                CollectionAssert.AreEqual(means, together.Means[c], $"copy {c}");
                Assert.AreEqual(converged, together.Converged[c], $"copy {c}");
                iterations = Math.Max(iterations, its);
            }
            Assert.AreEqual(iterations, together.Iterations);
        }
    }
}
