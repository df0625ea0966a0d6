using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Dynamics.Learning;

/// <summary>What MLP training leaves besides the flattened weights: the networks, their per-weight rule states and the
/// error history.</summary>
/// <param name="Networks">Final ±1 networks, one per copy.</param>
/// <param name="States">Per copy and weight (row-major): the latent weight h (STE) or BOP's moving average m.</param>
/// <param name="TrainErrors">Per epoch and copy: training error after the epoch.</param>
/// <param name="TestErrors">Per epoch and copy: test error after the epoch (NaN without a test set or when not measured).</param>
/// <param name="StatesAreLatentWeights">True when <paramref name="States"/> are latent weights (STE), whose signs are the weights.</param>
/// <param name="RoutedTrainError">Fraction of (sample, routed network) pairs misclassified in the last epoch's minibatches,
/// before each update (the online training error of the routed networks).</param>
public sealed record MlpExtras(MlpNetwork[] Networks, float[][] States, double[][] TrainErrors, double[][] TestErrors, bool StatesAreLatentWeights, double RoutedTrainError);
