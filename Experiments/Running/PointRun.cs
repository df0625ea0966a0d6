using System.Diagnostics;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Dynamics.MonteCarlo;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// One run in progress: the config, how to run it (threads, trace, observer) and the clock. Each rule family calls the
/// method for its kind of dynamics (<see cref="RuleSpec"/>), which trains and measures the order parameters.
/// </summary>
internal sealed class PointRun(RunConfig config, RunOptions options)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>What is run.</summary>
    public RunConfig Config { get; } = config;

    /// <summary>The perceptron's data set.</summary>
    private Dataset PerceptronData() => Config.Data.Create(Config.Model, Config.Seed);

    /// <summary>Online rules on the perceptron: the identity lift (with any coupling) or the M-cover lift.</summary>
    public PointResult TrainPerceptron(OnlineRuleSpec rule)
    {
        var data = PerceptronData();
        var trajectory = options.Trace ? new TrajectoryRecorder(data.P) : null;
        var students = Train(Config, rule, data, options.Threads, ObserverPair.Of(trajectory, options.Observer));
        return Measured(students, data, trajectory);
    }

    /// <summary>Trains the M students of an online rule on <paramref name="data"/>.</summary>
    public static TrainedStudents Train(RunConfig config, OnlineRuleSpec rule, Dataset data, int threads, ITrainingObserver? observer = null)
    {
        var training = new TrainingOptions { MaxEpochs = rule.Epochs, Threads = threads, Observer = observer, Stop = rule.Stop };
        var lift = config.BuildLift();
        return lift.NeedsRouting
            ? new RoutedTrainer(data, lift, rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, training).Run()
            : new OnlineTrainer(data, lift, rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, training, config.Coupling).Run();
    }

    /// <summary>The one-shot clipped Hebb rule.</summary>
    public PointResult TrainHebb()
    {
        var data = PerceptronData();
        return Measured(ClippedHebb.Train(data, Config.Copies, Config.Seed), data, null);
    }

    private PointResult Measured(TrainedStudents students, Dataset data, TrajectoryRecorder? trajectory)
    {
        var weights = Enumerable.Range(0, Config.Copies).Select(a => students.States.Weights(a).ToArray()).ToList();
        var observables = OrderParameterMeter.Measure(data, weights);
        return WithPerceptronOverlaps(Finish(students, observables, trajectory), data);
    }

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

    private PointResult Finish(TrainedStudents students, EnsembleObservables observables, TrajectoryRecorder? trajectory)
    {
        int solved = students.TrainErrorCounts.Count(e => e == 0);
        var firsts = students.FirstSolvedEpoch.Where(e => e >= 0).ToArray();
        return new PointResult(Config, students.EpochsRun, observables, solved, _clock.Elapsed.TotalSeconds,
            (double)students.RoutedErrorCount / ((double)Config.P * Config.Copies), firsts.Length == 0 ? double.NaN : firsts.Average(),
            trajectory?.Points ?? []);
    }

    /// <summary>Committee machines: least-action training of M committees, then the hidden-unit order parameters.</summary>
    public PointResult TrainCommittee(OnlineRuleSpec rule)
    {
        var data = Config.Data.CreateCommittee(Config.Shape, Config.Seed);
        int kk = Config.HiddenUnits;
        var trajectory = options.Trace ? new TrajectoryRecorder(data.P, kk, Config.Shape.Arch == Architecture.Full) : null;
        var (students, copies) = TrainCommittee(Config, rule, data, ObserverPair.Of(trajectory, options.Observer));
        var measured = CommitteeMeter.Measure(data, copies, Config.Seed);
        static double[] Flat(double[][,] r) => r.SelectMany(m => m.Cast<double>()).ToArray();
        double offDiagonal = double.NaN;
        if (Config.Shape.Arch == Architecture.Full && kk > 1 && measured.RAligned.Length > 0)
            offDiagonal = measured.RAligned.Average(r => Enumerable.Range(0, kk).SelectMany(k => Enumerable.Range(0, kk).Where(l => l != k).Select(l => Math.Abs(r[k, l]))).Average());
        return Finish(students, measured.Ensemble, trajectory) with
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

    /// <summary>Trains the M committees of <paramref name="config"/>; each copy's units concatenated (unit k at word k·⌈n/64⌉).</summary>
    public static (TrainedStudents Students, List<ulong[]> Copies) TrainCommittee(RunConfig config, OnlineRuleSpec rule, CommitteeDataset data, ITrainingObserver? observer = null)
    {
        int kk = config.HiddenUnits, w = config.Shape.UnitWords;
        var training = new TrainingOptions { MaxEpochs = rule.Epochs, Observer = observer, Stop = rule.Stop };
        var students = new CommitteeTrainer(data, config.BuildLift(), rule.Build(config), rule.BoundFor(config.UnitInputs), config.Seed, training, config.Coupling).Run();
        var copies = Enumerable.Range(0, config.Copies).Select(a =>
        {
            var units = new ulong[kk * w];
            for (int k = 0; k < kk; k++) students.States.Weights(a * kk + k).CopyTo(units.AsSpan(k * w, w));
            return units;
        }).ToList();
        return (students, copies);
    }

    /// <summary>amp or rbp: the students are the signs of the posterior means.</summary>
    public PointResult PassMessages(MessagePassingRuleSpec rule)
    {
        var data = PerceptronData();
        var solution = rule.Solve(Config, data);
        var observables = OrderParameterMeter.Measure(data, solution.Weights);
        int solved = observables.Copies.Count(c => c.TrainError == 0);
        double posterior = double.NaN, eps = double.NaN;
        // Under reinforcement tanh(H) carries the reinforcement field ρH: polarised means, not posterior ones.
        if (data.Teacher is { } teacher && rule.PosteriorMeans)
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
        return WithPerceptronOverlaps(new PointResult(Config, solution.Iterations, observables, solved, _clock.Elapsed.TotalSeconds,
            (double)solution.RoutedErrorCount / ((double)data.P * Config.Copies), double.NaN, [])
        {
            OverlapPosteriorMean = posterior,
            EpsPosterior = eps,
            ConvergedCopies = solution.Converged.Count(c => c),
        }, data);
    }

    /// <summary>mc, sa or pt: Metropolis on the (lifted) training energy; epochs_run counts sweeps.</summary>
    public PointResult Sample(MonteCarloRuleSpec rule)
    {
        var data = PerceptronData();
        var chain = new MetropolisChain(data, Config.BuildLift(), Config.Seed, rule.Options).Run();
        var observables = OrderParameterMeter.Measure(data, chain.Weights);
        var firsts = chain.FirstSolvedSweep.Where(e => e >= 0).ToArray();
        return WithPerceptronOverlaps(new PointResult(Config, chain.SweepsRun, observables, chain.TrainErrorCounts.Count(e => e == 0), _clock.Elapsed.TotalSeconds,
            (double)chain.RoutedErrorCount / ((double)data.P * Config.Copies), firsts.Length == 0 ? double.NaN : firsts.Average(), [])
        {
            AcceptanceRate = chain.AcceptanceRate,
            ExchangeRate = chain.ExchangeRate,
            Energy = (double)chain.Energy / Config.Copies,
        }, data);
    }
}
