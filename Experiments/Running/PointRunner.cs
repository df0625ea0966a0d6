using System.Diagnostics;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Committee;
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

    /// <summary>Teacher–student overlaps R_kl = w_k·w*_l/n of every copy, flattened [copy][k][l] (M·K·K values; the perceptron's
    /// K = 1 gives R per copy). Empty for storage.</summary>
    public double[] RRaw { get; init; } = [];

    /// <summary><see cref="RRaw"/> with each copy's student units relabelled by the Hungarian assignment maximising Σ_k |R_{k,π(k)}|
    /// (fully connected committee; equal to <see cref="RRaw"/> for the tree and the perceptron).</summary>
    public double[] RAligned { get; init; } = [];

    /// <summary>Mean over copies of (1/K) Σ_k R_kk, raw (NaN for storage).</summary>
    public double RDiagRaw { get; init; } = double.NaN;

    /// <summary>Mean over copies of (1/K) Σ_k R_kk, aligned (= overlap_R; NaN for storage).</summary>
    public double RDiagAligned { get; init; } = double.NaN;

    /// <summary>Mean over copies of the aligned off-diagonal |R_kl|, k ≠ l (NaN for K = 1, the tree or storage).</summary>
    public double ROffDiagAligned { get; init; } = double.NaN;

    /// <summary>ε_g from the overlaps, mean over copies: arccos(R)/π for the perceptron, the Gaussian majority-vote disagreement
    /// for committees (NaN for storage).</summary>
    public double EpsGOverlap { get; init; } = double.NaN;

    /// <summary>Monte Carlo standard error of <see cref="EpsGOverlap"/> (0 where it is exact: perceptron, tree committee).</summary>
    public double EpsGOverlapError { get; init; } = double.NaN;

    /// <summary>mc/sa: accepted / proposed single flips over the run. NaN for the other rules.</summary>
    public double AcceptanceRate { get; init; } = double.NaN;

    /// <summary>mc/sa: final training energy per copy, E/M, E = violated factor copies (μ, b) with Δ ≤ κ√N. NaN for the other rules.</summary>
    public double Energy { get; init; } = double.NaN;

    /// <summary>pt: accepted / proposed temperature swaps between neighbouring replicas. NaN for the other rules.</summary>
    public double ExchangeRate { get; init; } = double.NaN;

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
        if (config.IsCommittee) return RunCommittee(config, trace, observer);
        var clock = Stopwatch.StartNew();
        var data = Dataset.Create(config.Task, config.N, config.P, config.Task == LearningTask.TeacherStudent ? config.TestPatterns : 0, config.Seed);
        if (config.IsMessagePassing) return RunMessagePassing(config, data, clock);
        if (config.IsMonteCarlo) return RunMonteCarlo(config, data, clock);
        var trajectory = trace ? new TrajectoryRecorder(data.P) : null;
        var students = Train(config, data, threads, Both(trajectory, observer));
        var weights = Enumerable.Range(0, config.Copies).Select(a => students.States.Weights(a).ToArray()).ToList();
        var observables = OrderParameterMeter.Measure(data, weights);
        return WithPerceptronOverlaps(Finish(config, students, observables, clock, trajectory), data);
    }

    /// <summary>Either observer, or both in turn.</summary>
    private static ITrainingObserver? Both(ITrainingObserver? first, ITrainingObserver? second) => (first, second) switch
    {
        (null, var o) => o,
        (var t, null) => t,
        var (t, o) => new ObserverPair(t, o),
    };

    /// <summary>The perceptron as the K = 1 committee: R_11 = R per copy, ε_g from the overlaps = arccos(R)/π (exact).</summary>
    private static PointResult WithPerceptronOverlaps(PointResult r, Dataset data) => data.Teacher is null ? r : r with
    {
        RRaw = r.Observables.Copies.Select(c => c.OverlapR).ToArray(),
        RAligned = r.Observables.Copies.Select(c => c.OverlapR).ToArray(),
        RDiagRaw = r.Observables.OverlapR,
        RDiagAligned = r.Observables.OverlapR,
        EpsGOverlap = r.Observables.EpsG,
        EpsGOverlapError = 0,
    };

    private static PointResult Finish(RunConfig config, TrainedStudents students, EnsembleObservables observables, Stopwatch clock, TrajectoryRecorder? trajectory)
    {
        int solved = students.TrainErrorCounts.Count(e => e == 0);
        var firsts = students.FirstSolvedEpoch.Where(e => e >= 0).ToArray();
        return new PointResult(config, students.EpochsRun, observables, solved, clock.Elapsed.TotalSeconds,
            (double)students.RoutedErrorCount / ((double)config.P * config.Copies), firsts.Length == 0 ? double.NaN : firsts.Average(),
            trajectory?.Points ?? []);
    }

    /// <summary>Committee machines: least-action training of M committees, then the hidden-unit order parameters.</summary>
    private static PointResult RunCommittee(RunConfig config, bool trace, ITrainingObserver? observer)
    {
        var clock = Stopwatch.StartNew();
        var data = CommitteeData(config);
        int kk = config.HiddenUnits;
        var trajectory = trace ? new TrajectoryRecorder(data.P, kk, config.Arch == Architecture.Full) : null;
        var (students, copies) = TrainCommittee(config, data, Both(trajectory, observer));
        var measured = CommitteeMeter.Measure(data, copies, config.Seed);
        static double[] Flat(double[][,] r) => r.SelectMany(m => m.Cast<double>()).ToArray();
        double offDiagonal = double.NaN;
        if (config.Arch == Architecture.Full && kk > 1 && measured.RAligned.Length > 0)
            offDiagonal = measured.RAligned.Average(r => Enumerable.Range(0, kk).SelectMany(k => Enumerable.Range(0, kk).Where(l => l != k).Select(l => Math.Abs(r[k, l]))).Average());
        return Finish(config, students, measured.Ensemble, clock, trajectory) with
        {
            RRaw = Flat(measured.RRaw),
            RAligned = Flat(measured.RAligned),
            RDiagRaw = measured.RDiagRaw,
            RDiagAligned = measured.RDiagAligned,
            ROffDiagAligned = offDiagonal,
            EpsGOverlap = measured.EpsGFromOverlaps,
            EpsGOverlapError = measured.EpsGOverlapError.Length == 0 ? double.NaN : Math.Sqrt(measured.EpsGOverlapError.Sum(e => e * e)) / measured.EpsGOverlapError.Length,
        };
    }

    /// <summary>The committee training set (with the test set for the teacher task) of <paramref name="config"/>.</summary>
    public static CommitteeDataset CommitteeData(RunConfig config)
        => CommitteeDataset.Create(config.Task, config.Shape, config.P, config.Task == LearningTask.TeacherStudent ? config.TestPatterns : 0, config.Seed);

    /// <summary>Trains the M committees of <paramref name="config"/>; each copy's units concatenated (unit k at word k·⌈n/64⌉).</summary>
    public static (TrainedStudents Students, List<ulong[]> Copies) TrainCommittee(RunConfig config, CommitteeDataset data, ITrainingObserver? observer = null)
    {
        int kk = config.HiddenUnits, w = config.Shape.UnitWords;
        var options = new TrainingOptions { MaxEpochs = config.Epochs, Observer = observer, Stop = config.Stop };
        var students = new CommitteeTrainer(data, config.BuildLift(), config.BuildRule(), config.Bound, config.Seed, options, config.BuildCoupling()).Run();
        var copies = Enumerable.Range(0, config.Copies).Select(a =>
        {
            var units = new ulong[kk * w];
            for (int k = 0; k < kk; k++) students.States.Weights(a * kk + k).CopyTo(units.AsSpan(k * w, w));
            return units;
        }).ToList();
        return (students, copies);
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
        return WithPerceptronOverlaps(new PointResult(config, solution.Iterations, observables, solved, clock.Elapsed.TotalSeconds,
            (double)solution.RoutedErrorCount / ((double)data.P * config.Copies), double.NaN, [])
        {
            OverlapPosteriorMean = posterior,
            EpsPosterior = eps,
            ConvergedCopies = solution.Converged.Count(c => c),
        }, data);
    }

    /// <summary>Runs the Monte Carlo rule of <paramref name="config"/> (mc, sa or pt) on <paramref name="data"/>.</summary>
    public static MonteCarloResult Sample(RunConfig config, Dataset data) => new MetropolisChain(data, config.BuildLift(), config.Seed, config.MonteCarlo).Run();

    /// <summary>mc, sa or pt: Metropolis on the (lifted) training energy; epochs_run counts sweeps.</summary>
    private static PointResult RunMonteCarlo(RunConfig config, Dataset data, Stopwatch clock)
    {
        var chain = Sample(config, data);
        var observables = OrderParameterMeter.Measure(data, chain.Weights);
        var firsts = chain.FirstSolvedSweep.Where(e => e >= 0).ToArray();
        return WithPerceptronOverlaps(new PointResult(config, chain.SweepsRun, observables, chain.TrainErrorCounts.Count(e => e == 0), clock.Elapsed.TotalSeconds,
            (double)chain.RoutedErrorCount / ((double)data.P * config.Copies), firsts.Length == 0 ? double.NaN : firsts.Average(), [])
        {
            AcceptanceRate = chain.AcceptanceRate,
            ExchangeRate = chain.ExchangeRate,
            Energy = (double)chain.Energy / config.Copies,
        }, data);
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
            { NeedsRouting: true } lift => new RoutedTrainer(data, lift, config.BuildRule(), config.Bound, config.Seed, options).Run(),
            var lift => new OnlineTrainer(data, lift, config.BuildRule(), config.Bound, config.Seed, options, config.BuildCoupling()).Run(),
        };
    }
}
