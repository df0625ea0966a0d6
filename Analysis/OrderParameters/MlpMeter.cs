using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>
/// Order parameters of M binary MLPs: per copy the training and test error (teacher task: ε_g is the test error, there is
/// no single overlap R), the overlaps q_ab of all weights, per-layer mean overlaps, the consensus network (weight-wise
/// majority sign(Σ_a w^a), ties +1, as labelled: no alignment) and the output ensemble (plurality vote of the M copies'
/// classes, ties to the smallest class).
/// </summary>
/// <remarks>docs/physics/mlp.md.</remarks>
public static class MlpMeter
{
    /// <summary>What <see cref="Measure"/> returns.</summary>
    /// <param name="Ensemble">Per-copy errors and q_ab (q over all weights).</param>
    /// <param name="ConsensusTestError">Test error of the weight-majority network (NaN without a test set).</param>
    /// <param name="EnsembleTestError">Test error of the plurality vote of the copies (NaN without a test set).</param>
    /// <param name="LayerOverlaps">Per layer: mean over pairs a &lt; b of w^a_l·w^b_l/(n_l·W_l) (NaN for M = 1).</param>
    /// <param name="AlignedLayerOverlaps">The same after aligning b's hidden units to a's (<see cref="MlpAlignment"/>).</param>
    /// <param name="FusedTestError">Test error of the fused network (<see cref="MlpFusion"/>; NaN for M = 1 or without a test set).</param>
    public sealed record Measured(EnsembleObservables Ensemble, double ConsensusTestError, double EnsembleTestError, double[] LayerOverlaps, double[] AlignedLayerOverlaps,
        double FusedTestError);

    /// <summary>Measures the networks <paramref name="nets"/> on <paramref name="data"/>.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="nets">The copies.</param>
    /// <param name="latent">Their latent weights (STE), or null: the fused network then averages the ±1 weights.</param>
    /// <param name="threads">Threads of the forward passes.</param>
    public static Measured Measure(MlpDataset data, IReadOnlyList<MlpNetwork> nets, IReadOnlyList<float[]>? latent = null, int threads = 1)
    {
        int m = nets.Count;
        var shape = nets[0].Shape;
        bool teacher = data.Teacher is not null;
        var testPredictions = nets.Select(n => MlpForward.PredictAll(shape, n.Bits, data.TestInputs, threads)).ToArray();
        var copies = new CopyObservables[m];
        for (int a = 0; a < m; a++)
        {
            double train = Error(MlpForward.PredictAll(shape, nets[a].Bits, data.Inputs, threads), data.Labels);
            double test = Error(testPredictions[a], data.TestLabels);
            copies[a] = new CopyObservables(train, test, double.NaN, teacher ? test : double.NaN);
        }
        var flat = nets.Select(n => n.Flatten()).ToArray();
        var q = OrderParameterMeter.OverlapMatrix(flat, checked((int)shape.WeightCount));
        var consensus = Consensus(nets);
        double consensusError = Error(MlpForward.PredictAll(shape, consensus.Bits, data.TestInputs, threads), data.TestLabels);
        var vote = new byte[data.TestInputs.Rows];
        var counts = new int[shape.Classes];
        for (int mu = 0; mu < vote.Length; mu++)
        {
            Array.Clear(counts);
            for (int a = 0; a < m; a++) counts[testPredictions[a][mu]]++;
            int best = 0;
            for (int c = 1; c < counts.Length; c++) if (counts[c] > counts[best]) best = c;
            vote[mu] = (byte)best;
        }
        var layers = new double[shape.Layers];
        var aligned = new double[shape.Layers];
        if (m < 2) { Array.Fill(layers, double.NaN); Array.Fill(aligned, double.NaN); }
        int pairs = m * (m - 1) / 2;
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++)
            {
                var raw = MlpAlignment.LayerOverlaps(nets[a], nets[b]);
                var relabelled = MlpAlignment.LayerOverlaps(nets[a], MlpAlignment.Align(nets[a], nets[b]));
                for (int l = 0; l < shape.Layers; l++) { layers[l] += raw[l] / pairs; aligned[l] += relabelled[l] / pairs; }
            }
        double fusedError = m < 2 ? double.NaN : Error(MlpForward.PredictAll(shape, MlpFusion.Fuse(nets, latent).Bits, data.TestInputs, threads), data.TestLabels);
        return new Measured(new EnsembleObservables(copies, q, double.NaN), consensusError, Error(vote, data.TestLabels), layers, aligned, fusedError);
    }

    /// <summary>The weight-wise majority sign(Σ_a w^a) of the networks (ties +1), units as labelled.</summary>
    public static MlpNetwork Consensus(IReadOnlyList<MlpNetwork> nets)
    {
        var shape = nets[0].Shape;
        var result = new MlpNetwork(shape);
        for (int l = 0; l < shape.Layers; l++)
            for (int j = 0; j < shape.Width(l); j++)
            {
                var stacked = nets.SelectMany(n => n.Row(l, j).ToArray()).ToArray();
                PackedSpins.Majority(stacked, nets.Count, shape.FanIn(l), result.Row(l, j));
            }
        return result;
    }

    private static double Error(byte[] predicted, byte[] labels)
    {
        if (labels.Length == 0) return double.NaN;
        int e = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] != labels[i]) e++;
        return (double)e / labels.Length;
    }
}
