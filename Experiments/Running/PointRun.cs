using System.Diagnostics;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// One run in progress: the config, how to run it (threads, trace, observer) and the clock. Every rule takes the same
/// path: <see cref="Learners"/> builds its dynamics, the run observes and runs it, then measures the order parameters from
/// the <see cref="LearningResult"/> (its family's extras, where it has them, add their columns).
/// </summary>
internal sealed class PointRun(RunConfig config, RunOptions options)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>What is run.</summary>
    public RunConfig Config { get; } = config;

    /// <summary>Runs the config's rule on its model and measures.</summary>
    public PointResult Run() => Config.Model.IsMlp ? RunMlp() : Config.IsCommittee ? RunCommittee() : RunPerceptron();

    /// <summary>Binary MLPs: minibatch rules on the copies or the M-cover, then errors, overlaps, consensus and ensemble.</summary>
    private PointResult RunMlp()
    {
        var data = Config.Data.CreateMlp((Specs.MlpModel)Config.Model, Config.Seed, options.Threads);
        var trajectory = options.Trace ? new TrajectoryRecorder(data.P) : null;
        var result = Config.Rule.MlpDynamics(Config, data, options.Threads).Learn(ObserverPair.Of(trajectory, options.Observer));
        var extras = result.Mlp!;
        var measured = MlpMeter.Measure(data, extras.Networks, extras.StatesAreLatentWeights ? extras.States : null, options.Threads);
        // --trace: per epoch the copies' mean training error, the raw overlap of their flattened weights, and their mean test error.
        var traced = trajectory?.Points.Select((t, e) => t with { TestError = e < extras.TestErrors.Length ? extras.TestErrors[e].Average() : double.NaN }).ToList();
        var point = Finish(result, measured.Ensemble, data.P, null) with
        {
            Trajectory = traced ?? [],
            RoutedTrainError = extras.RoutedTrainError,
            TestErrorConsensus = measured.ConsensusTestError,
            TestErrorEnsemble = measured.EnsembleTestError,
            TestErrorFused = measured.FusedTestError,
            LayerOverlaps = measured.LayerOverlaps,
            AlignedLayerOverlaps = measured.AlignedLayerOverlaps,
            TestErrorByEpoch = extras.TestErrors.Select(e => e.Average()).ToArray(),
        };
        return point;
    }

    /// <summary>The perceptron: every rule family; the students are the result's packed weights.</summary>
    private PointResult RunPerceptron()
    {
        var data = Config.Data.Create(Config.Model, Config.Seed, options.Threads);
        var trajectory = options.Trace ? new TrajectoryRecorder(data.P) : null;
        var result = Learners.For(Config, data, options.Threads).Learn(ObserverPair.Of(trajectory, options.Observer));
        var observables = OrderParameterMeter.Measure(data, result.Weights);
        var point = Finish(result, observables, data.P, trajectory);
        if (result.MessagePassing is { } mp) point = WithPosterior(point, mp, data);
        return WithPerceptronOverlaps(point, data) with { TestErrorRouted = RoutedTestError(result, data) };
    }

    /// <summary>The routed ensemble's test error with the law of the last epoch run (quenched: Q; annealed: Q_t of that epoch).</summary>
    private double RoutedTestError(LearningResult result, Dataset data)
    {
        if (data.TestPatterns.Rows == 0) return double.NaN;
        var lift = Config.BuildLift(options.Threads);
        int last = lift.Schedule == Lifts.Routing.Schedule.Annealed ? Math.Max(0, result.StepsRun - 1) : 0;
        return Lifts.Routing.RoutedEnsemble.TestError(lift.SamplerAt(last), lift.Granularity, result.Weights, data.TestPatterns, data.TestLabels, data.N, Config.Seed, options.Threads);
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

    /// <summary>What every family reports, and the Monte Carlo and message-passing columns where the result has them.</summary>
    private PointResult Finish(LearningResult result, EnsembleObservables observables, int patterns, TrajectoryRecorder? trajectory)
    {
        int solved = result.TrainErrorCounts.Count(e => e == 0);
        var firsts = result.FirstSolvedStep.Where(e => e >= 0).ToArray();
        // points.csv has never reported a first solved iteration for message passing: epoch_first_solved stays NaN there.
        double first = firsts.Length == 0 || result.MessagePassing is not null ? double.NaN : firsts.Average();
        var point = new PointResult(Config, result.StepsRun, observables, solved, _clock.Elapsed.TotalSeconds,
            (double)result.RoutedErrorCount / ((double)patterns * Config.Copies), first, trajectory?.Points ?? []);
        if (result.MonteCarlo is { } mc)
            point = point with { AcceptanceRate = mc.AcceptanceRate, ExchangeRate = mc.ExchangeRate, Energy = (double)mc.Energy / Config.Copies };
        if (result.MessagePassing is { } mp) point = point with { ConvergedCopies = mp.Converged.Count(c => c) };
        return point;
    }

    /// <summary>amp/rbp: the overlap and predictor of the posterior means (teacher task, no reinforcement in the means).</summary>
    private PointResult WithPosterior(PointResult point, MessagePassingExtras solution, Dataset data)
    {
        // Under reinforcement tanh(H) carries the reinforcement field ρH: polarised means, not posterior ones.
        if (data.Teacher is not { } teacher || Config.Rule is not MessagePassingRuleSpec { PosteriorMeans: true }) return point;
        var overlaps = solution.Means.Select(m => m.Select((x, i) => x * PackedSpins.Get(teacher, i)).Sum() / data.N).ToArray();
        // The posterior-mean predictor sign(m·ξ) has teacher overlap m·w*/(|m||w*|), |w*| = √N.
        double eps = solution.Means.Zip(overlaps).Average(p =>
        {
            double norm = Math.Sqrt(p.First.Sum(x => x * x) / data.N);
            return OrderParameterMeter.GeneralizationError(norm > 0 ? p.Second / norm : 0);
        });
        return point with { OverlapPosteriorMean = overlaps.Average(), EpsPosterior = eps };
    }

    /// <summary>
    /// Committees (amp, plain bp): overlap_posterior_mean = mean over copies of (1/K) Σ_k m_π(k)·w*_k/n, the posterior means'
    /// unit overlaps with the teacher aligned by the Hungarian assignment on |m_k·w*_l| (identity for the tree); eps_g_posterior =
    /// the test error of the algorithm's own Bayes predictor where it reports one (committee AMP).
    /// </summary>
    private PointResult WithCommitteePosterior(PointResult point, MessagePassingExtras solution, CommitteeDataset data)
    {
        if (data.Teacher is null || Config.Rule is not MessagePassingRuleSpec { PosteriorMeans: true }) return point;
        var shape = data.Shape;
        int kk = shape.Hidden, n = shape.UnitInputs;
        var overlaps = solution.Means.Select(m =>
        {
            var r = new double[kk, kk];
            for (int k = 0; k < kk; k++)
                for (int l = 0; l < kk; l++)
                {
                    if (k != l && shape.Arch == Architecture.Tree) continue;
                    var teacher = data.TeacherUnit(l);
                    double s = 0;
                    for (int i = 0; i < n; i++) s += m[k * n + i] * PackedSpins.Get(teacher, i);
                    r[k, l] = s / n;
                }
            var aligned = CommitteeMeter.Aligned(r, CommitteeMeter.Alignment(shape, r));
            return Enumerable.Range(0, kk).Average(k => aligned[k, k]);
        }).ToArray();
        double eps = solution.PredictorTestErrors is { Length: > 0 } e ? e.Average() : double.NaN;
        return point with { OverlapPosteriorMean = overlaps.Average(), EpsPosterior = eps };
    }

    /// <summary>Committee machines: least-action training of M committees, then the hidden-unit order parameters.</summary>
    private PointResult RunCommittee()
    {
        var data = Config.Data.CreateCommittee(Config.Shape, Config.Seed, options.Threads);
        int kk = Config.HiddenUnits;
        var trajectory = options.Trace ? new TrajectoryRecorder(data.P, kk, Config.Shape.Arch == Architecture.Full) : null;
        var result = Learners.For(Config, data, options.Threads).Learn(ObserverPair.Of(trajectory, options.Observer));
        var measured = CommitteeMeter.Measure(data, result.Weights, Config.Seed);
        static double[] Flat(double[][,] r) => r.SelectMany(m => m.Cast<double>()).ToArray();
        double offDiagonal = double.NaN;
        if (Config.Shape.Arch == Architecture.Full && kk > 1 && measured.RAligned.Length > 0)
            offDiagonal = measured.RAligned.Average(r => Enumerable.Range(0, kk).SelectMany(k => Enumerable.Range(0, kk).Where(l => l != k).Select(l => Math.Abs(r[k, l]))).Average());
        var point = Finish(result, measured.Ensemble, data.P, trajectory);
        if (result.MessagePassing is { } mp) point = WithCommitteePosterior(point, mp, data);
        return point with
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
}
