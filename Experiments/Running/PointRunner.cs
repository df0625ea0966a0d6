using System.Diagnostics;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Running;

/// <summary>Result of one (grid point, seed).</summary>
/// <param name="Config">What was run.</param>
/// <param name="EpochsRun">Epochs actually run.</param>
/// <param name="Observables">Order parameters at the end.</param>
/// <param name="SolvedCopies">Copies with zero training error.</param>
/// <param name="Seconds">Wall time of data generation, training and measurement.</param>
/// <param name="RoutedTrainError">Fraction of factor copies (μ, b) violated on their routed models.</param>
/// <param name="EpochFirstSolved">Mean over the copies that solved of the first epoch with zero base training error (NaN if none did).</param>
/// <param name="Trajectory">Per epoch (with tracing): mean training error and replica diversity 1 − q; else empty.</param>
public sealed record PointResult(RunConfig Config, int EpochsRun, EnsembleObservables Observables, int SolvedCopies, double Seconds,
    double RoutedTrainError, double EpochFirstSolved, IReadOnlyList<TrajectoryPoint> Trajectory)
{
    /// <summary>amp/rbp: m·w*/N of the posterior means, mean over copies (teacher task; at the Bayes-optimal fixed point it equals q). NaN otherwise.</summary>
    public double OverlapPosteriorMean { get; init; } = double.NaN;

    /// <summary>amp/rbp: ε of the posterior-mean predictor sign(m·ξ), arccos(m·w*/(|m|√N))/π, mean over copies (teacher task);
    /// = ε_Bayes = arccos(√q)/π at the Bayes-optimal fixed point. NaN otherwise.</summary>
    public double EpsPosterior { get; init; } = double.NaN;

    /// <summary>amp/rbp: copies whose messages converged within the budget. NaN for the online rules.</summary>
    public double ConvergedCopies { get; init; } = double.NaN;

    /// <summary>Every copy has zero training error.</summary>
    public bool Solved => SolvedCopies == Config.Copies;
}

/// <summary>Two observers, called in turn.</summary>
internal sealed class ObserverPair(ITrainingObserver first, ITrainingObserver second) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpoch(int epoch, ReadOnlySpan<int> trainErrorCounts, Dynamics.States.HiddenStates states)
    {
        first.OnEpoch(epoch, trainErrorCounts, states);
        second.OnEpoch(epoch, trainErrorCounts, states);
    }
}

/// <summary>Runs one config end to end: data → lift → rule → trainer → order parameters.</summary>
public static class PointRunner
{
    /// <summary>
    /// Runs <paramref name="config"/>; <paramref name="threads"/> parallelises over copies (results do not depend on it);
    /// <paramref name="observer"/> (a progress bar) sees every epoch of the online rules.
    /// </summary>
    public static PointResult Run(RunConfig config, int threads = 1, bool trace = false, ITrainingObserver? observer = null)
    {
        var clock = Stopwatch.StartNew();
        var data = Dataset.Create(config.Task, config.N, config.P, config.Task == LearningTask.TeacherStudent ? config.TestPatterns : 0, config.Seed);
        if (config.IsMessagePassing) return RunMessagePassing(config, data, clock);
        var trajectory = trace ? new TrajectoryRecorder(data.P) : null;
        var students = Train(config, data, threads, (trajectory, observer) switch
        {
            (null, var o) => o,
            (var t, null) => t,
            var (t, o) => new ObserverPair(t, o),
        });
        var weights = Enumerable.Range(0, config.Copies).Select(a => students.States.Weights(a).ToArray()).ToList();
        var observables = OrderParameterMeter.Measure(data, weights);
        int solved = students.TrainErrorCounts.Count(e => e == 0);
        var firsts = students.FirstSolvedEpoch.Where(e => e >= 0).ToArray();
        return new PointResult(config, students.EpochsRun, observables, solved, clock.Elapsed.TotalSeconds,
            (double)students.RoutedErrorCount / ((double)data.P * config.Copies), firsts.Length == 0 ? double.NaN : firsts.Average(),
            trajectory?.Points ?? []);
    }

    /// <summary>amp or rbp: the students are the signs of the posterior means.</summary>
    private static PointResult RunMessagePassing(RunConfig config, Dataset data, Stopwatch clock)
    {
        var solution = Solve(config, data);
        var observables = OrderParameterMeter.Measure(data, solution.Weights);
        int solved = observables.Copies.Count(c => c.TrainError == 0);
        double posterior = double.NaN, eps = double.NaN;
        // Under reinforcement tanh(H) carries the reinforcement field ρH: polarised means, not posterior ones.
        bool posteriorMeans = config.Rule == "amp" || config.MessagePassing is { Reinforcement: 0, ReinforcementStep: 0 };
        if (data.Teacher is { } teacher && posteriorMeans)
        {
            var overlaps = solution.Means.Select(m => m.Select((x, i) => x * PackedSpins.Get(teacher, i)).Sum() / data.N).ToArray();
            posterior = overlaps.Average();
            // The posterior-mean predictor sign(m·ξ) has teacher overlap m·w*/(|m||w*|), |w*| = √N.
            eps = solution.Means.Zip(overlaps).Average(p =>
            {
                double norm = Math.Sqrt(p.First.Sum(x => x * x) / data.N);
                return OrderParameterMeter.GeneralizationError(norm > 0 ? p.Second / norm : 0);
            });
        }
        return new PointResult(config, solution.Iterations, observables, solved, clock.Elapsed.TotalSeconds,
            (double)solution.RoutedErrorCount / ((double)data.P * config.Copies), double.NaN, [])
        {
            OverlapPosteriorMean = posterior,
            EpsPosterior = eps,
            ConvergedCopies = solution.Converged.Count(c => c),
        };
    }

    /// <summary>Runs the message-passing rule of <paramref name="config"/> (amp or rbp) on <paramref name="data"/>.</summary>
    public static MessagePassingResult Solve(RunConfig config, Dataset data) => config.Rule switch
    {
        "amp" => Amp.Run(data, config.Copies, config.Seed, config.MessagePassing),
        "rbp" => BeliefPropagation.Run(data, config.BuildLift(), config.Seed, config.MessagePassing),
        _ => throw new InvalidOperationException($"rule '{config.Rule}' is not a message-passing rule"),
    };

    /// <summary>Trains the M students of <paramref name="config"/> on <paramref name="data"/>.</summary>
    public static TrainedStudents Train(RunConfig config, Dataset data, int threads, ITrainingObserver? observer = null)
    {
        if (config.Rule == "hebb") return ClippedHebb.Train(data, config.Copies, config.Seed);
        var options = new TrainingOptions { MaxEpochs = config.Epochs, Threads = threads, Observer = observer, Stop = config.Stop };
        return config.BuildLift() switch
        {
            MCoverLift lift => new RoutedTrainer(data, lift, config.BuildRule(), config.Bound, config.Seed, options).Run(),
            var lift => new OnlineTrainer(data, lift, config.BuildRule(), config.Bound, config.Seed, options).Run(),
        };
    }
}
