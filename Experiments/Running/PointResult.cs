using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Experiments.Config;

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

    /// <summary>mlp: test error of the consensus network sign(Σ_a w^a) (weight-wise majority, units as labelled). NaN otherwise.</summary>
    public double TestErrorConsensus { get; init; } = double.NaN;

    /// <summary>mlp: test error of the plurality vote of the M copies' outputs. NaN otherwise.</summary>
    public double TestErrorEnsemble { get; init; } = double.NaN;

    /// <summary>mlp: test error of the fused network (hidden units aligned, latent weights brought to a common weight scope per
    /// layer, averaged, signed). NaN otherwise or for M = 1.</summary>
    public double TestErrorFused { get; init; } = double.NaN;

    /// <summary>mlp: per layer, the mean inter-copy overlap of that layer's weights (raw, units as labelled). Empty otherwise.</summary>
    public double[] LayerOverlaps { get; init; } = [];

    /// <summary>mlp: <see cref="LayerOverlaps"/> after aligning each pair's hidden units layer by layer (Hungarian). Empty otherwise.</summary>
    public double[] AlignedLayerOverlaps { get; init; } = [];

    /// <summary>mlp: per epoch, the test error after it, mean over copies. Empty otherwise.</summary>
    public double[] TestErrorByEpoch { get; init; } = [];

    /// <summary>mc/sa: accepted / proposed single flips over the run. NaN for the other rules.</summary>
    public double AcceptanceRate { get; init; } = double.NaN;

    /// <summary>mc/sa: final training energy per copy, E/M, E = violated factor copies (μ, b) with Δ ≤ κ√N. NaN for the other rules.</summary>
    public double Energy { get; init; } = double.NaN;

    /// <summary>pt: accepted / proposed temperature swaps between neighbouring replicas. NaN for the other rules.</summary>
    public double ExchangeRate { get; init; } = double.NaN;

    /// <summary>Test error of the routed ensemble: each test pattern classified by the majority of the M routed models, with
    /// fresh permutations from the lift's (last) law (the copies' output majority for Q = identity; NaN without test patterns).</summary>
    public double TestErrorRouted { get; init; } = double.NaN;

    /// <summary>Every copy has zero training error.</summary>
    public bool Solved => SolvedCopies == Config.Copies;
}
