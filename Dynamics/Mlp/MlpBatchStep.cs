using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// Forward and backward pass of one (routed) binary network on one minibatch: the bit-packed forward pass, then the
/// straight-through backward pass in float32, giving ∂L/∂w for every weight (mean over the batch).
/// </summary>
/// <remarks>
/// docs/physics/mlp.md. Normalised fields u_{l,j} = h_{l,j}/√n_l. Loss: softmax cross-entropy of the output u's for C ≥ 2
/// outputs, hinge max(0, 1 − σu) for the sign output. Hidden units: x = sign(u) forward, ∂x/∂u = 1{|u| ≤ 1} backward
/// (the straight-through estimator with the hard-tanh window). Every output (a sample's errors, a row's gradient) is
/// written by one worker summing in a fixed order, so the result never depends on the thread count. Buffers are
/// allocated once, for the largest batch.
/// </remarks>
public sealed class MlpBatchStep
{
    private readonly MlpShape _shape;
    private readonly int _units, _actWords, _maxBatch, _threads;
    private readonly int[] _fields;       // [s][unit]
    private readonly ulong[] _acts;       // [s][hidden activation words]
    private readonly float[][] _x;        // per layer: [s][fan-in] ±1 inputs of the layer
    private readonly float[] _e;          // [s][unit] e = δ·s_l/B
    private readonly float[] _wf;         // ±1 floats of the weights of layers 1 … L−1
    private readonly float[] _gx;         // [s][fan-in] back-propagated ∂L/∂x
    private readonly int[] _predicted;
    private readonly MlpBlockedNetwork _blocked;
    private readonly float[] _loss;
    private readonly ParallelOptions _parallel;
    // The current call's arguments, read by the cached loop bodies (no closure per call).
    private ulong[] _bits = [];
    private PatternMatrix _inputs = new(0, 1);
    private byte[] _labels = [];
    private int[] _samples = [];
    private int _first, _count, _layer, _forwardChunks, _gradientChunks;
    private readonly int _expandChunks;
    private float[] _gradient = [];
    private readonly Action<int> _forward, _gradientRows;

    /// <summary>Buffers for batches of up to <paramref name="maxBatch"/> samples; <paramref name="threads"/> workers.</summary>
    public MlpBatchStep(MlpShape shape, int maxBatch, int threads = 1)
    {
        _shape = shape;
        _units = shape.UnitCount;
        _actWords = Math.Max(1, MlpForward.ActivationWords(shape));
        _maxBatch = maxBatch;
        _threads = Math.Max(1, threads);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        _fields = new int[maxBatch * _units];
        _acts = new ulong[maxBatch * _actWords];
        _x = Enumerable.Range(0, shape.Layers).Select(l => new float[maxBatch * shape.FanIn(l)]).ToArray();
        _e = new float[maxBatch * _units];
        int maxFan = Enumerable.Range(0, shape.Layers).Max(shape.FanIn);
        _wf = new float[shape.Layers == 1 ? 0 : shape.WeightCount - shape.WeightOffset(1)];
        _expandChunks = shape.Layers == 1 ? 0 : (_units - shape.RowOffset(1) + ChunkRows - 1) / ChunkRows;
        _gx = new float[maxBatch * maxFan];
        _predicted = new int[maxBatch];
        _blocked = new MlpBlockedNetwork(shape);
        _loss = new float[maxBatch];
        _forward = Forward;
        _gradientRows = GradientRow;
    }

    /// <summary>Samples of the last batch that the network misclassified.</summary>
    public int Errors { get; private set; }

    /// <summary>Mean loss over the last batch.</summary>
    public double Loss { get; private set; }

    /// <summary>
    /// Runs network <paramref name="bits"/> on samples <paramref name="samples"/>[first … first + count) and writes the mean
    /// gradient ∂L/∂w (row-major, layer after layer, <see cref="MlpShape.WeightOffset"/>) into <paramref name="gradient"/>.
    /// </summary>
    public void Run(ulong[] bits, PatternMatrix inputs, byte[] labels, int[] samples, int first, int count, float[] gradient)
    {
        if (count < 1 || count > _maxBatch) throw new ArgumentOutOfRangeException(nameof(count));
        (_bits, _inputs, _labels, _samples, _first, _count, _gradient) = (bits, inputs, labels, samples, first, count, gradient);
        _blocked.Load(bits);
        _forwardChunks = (count + ForwardChunk - 1) / ForwardChunk;
        For(_forwardChunks + _expandChunks, _forward);
        int errors = 0;
        double loss = 0;
        for (int s = 0; s < count; s++) { errors += _predicted[s] != labels[samples[first + s]] ? 1 : 0; loss += _loss[s]; }
        (Errors, Loss) = (errors, loss / count);
        for (int l = _shape.Layers - 1; l >= 0; l--)
        {
            // The gradient rows of layer l and the errors of layer l − 1 read layer l's errors and write apart: one parallel loop.
            _layer = l;
            _gradientChunks = Tiles(_shape.Width(l));
            For(_gradientChunks + (l == 0 ? 0 : Tiles(count)), _gradientRows);
        }
    }

    private static int Tiles(int rows) => (rows + ChunkRows - 1) / ChunkRows;

    // Rows of a product handed to one worker: a multiple of the kernel's tile; the partition does not change any bit.
    private const int ChunkRows = 8 * SignGemm.TileRows;

    // Samples per forward task (a multiple of the blocked pass's four samples per weight load).
    private const int ForwardChunk = 16;

    private void For(int count, Action<int> body)
    {
        if (_threads == 1 || count < 2) { for (int i = 0; i < count; i++) body(i); return; }
        Parallel.For(0, count, _parallel, body);
    }

    /// <summary>Samples of chunk <paramref name="chunk"/>: the blocked forward pass, then per sample the inputs of every layer as
    /// ±1 floats and the output errors e_L.</summary>
    private void Forward(int chunk)
    {
        if (chunk >= _forwardChunks) { ExpandWeightRows(chunk - _forwardChunks); return; }
        int from = chunk * ForwardChunk, to = Math.Min(_count, from + ForwardChunk), g = to - from;
        _blocked.Forward(_inputs, _samples.AsSpan(_first + from, g), _fields.AsSpan(from * _units, g * _units), _acts.AsSpan(from * _actWords, g * _actWords), _predicted.AsSpan(from, g));
        for (int s = from; s < to; s++) SampleErrors(s);
    }

    private void SampleErrors(int s)
    {
        int mu = _samples[_first + s];
        var fields = _fields.AsSpan(s * _units, _units);
        var acts = _acts.AsSpan(s * _actWords, _actWords);
        var input = _inputs.Row(mu);
        FloatKernels.ExpandSigns(input, _x[0].AsSpan(s * _shape.Inputs, _shape.Inputs));
        for (int l = 1; l < _shape.Layers; l++)
        {
            int n = _shape.FanIn(l);
            FloatKernels.ExpandSigns(acts.Slice(MlpForward.ActivationOffset(_shape, l - 1)), _x[l].AsSpan(s * n, n));
        }
        int last = _shape.Layers - 1, outputs = _shape.Outputs, row = _units - outputs;
        float scale = 1f / MathF.Sqrt(_shape.FanIn(last)), norm = scale / _count;
        var e = _e.AsSpan(s * _units, _units);
        int label = _labels[mu];
        if (outputs == 1)
        {
            float sigma = label == 1 ? 1f : -1f, margin = sigma * fields[row] * scale;
            _loss[s] = Math.Max(0f, 1f - margin);
            e[row] = margin < 1f ? -sigma * norm : 0f;
            return;
        }
        float max = float.NegativeInfinity;
        for (int c = 0; c < outputs; c++) max = Math.Max(max, fields[row + c] * scale);
        float sum = 0;
        for (int c = 0; c < outputs; c++) sum += MathF.Exp(fields[row + c] * scale - max);
        _loss[s] = MathF.Log(sum) + max - fields[row + label] * scale;
        for (int c = 0; c < outputs; c++)
            e[row + c] = (MathF.Exp(fields[row + c] * scale - max) / sum - (c == label ? 1f : 0f)) * norm;
    }

    /// <summary>Rows j … j+31 (chunk <paramref name="tile"/>) of the current layer: ∂L/∂w_{j,·} = Σ_s e_{s,j}·x_s, summed over s in order.</summary>
    private void GradientRow(int tile)
    {
        if (tile >= _gradientChunks) { BackSample(tile - _gradientChunks); return; }
        int l = _layer, n = _shape.FanIn(l), j = tile * ChunkRows, rows = Math.Min(ChunkRows, _shape.Width(l) - j);
        SignGemm.Multiply(_e.AsSpan(_shape.RowOffset(l) + j), 1, _units, rows, _count, _x[l], n, _gradient.AsSpan(_shape.WeightOffset(l) + j * n), n);
    }

    /// <summary>Rows r … r+31 of the layers above the first (global rows from the first of layer 1) as ±1 floats.</summary>
    private void ExpandWeightRows(int chunk)
    {
        int first = _shape.RowOffset(1) + chunk * ChunkRows, end = Math.Min(_units, first + ChunkRows);
        for (int r = first; r < end; r++)
        {
            int l = 1;
            while (l < _shape.Layers - 1 && r >= _shape.RowOffset(l + 1)) l++;
            int j = r - _shape.RowOffset(l), n = _shape.FanIn(l), words = _shape.RowWords(l);
            FloatKernels.ExpandSigns(_bits.AsSpan(_shape.PackedOffset(l) + j * words, words), _wf.AsSpan(WeightFloatOffset(l) + j * n, n));
        }
    }

    /// <summary>First ±1 float of layer l ≥ 1 in the expanded weights.</summary>
    private int WeightFloatOffset(int l) => _shape.WeightOffset(l) - _shape.WeightOffset(1);

    /// <summary>Samples s … s+31 (chunk <paramref name="tile"/>): ∂L/∂x of the layer's inputs, Σ_j e_j·w_j (in order of j), then the
    /// errors of the layer below through the straight-through window, e = 1{|u| ≤ 1}·(∂L/∂x)/√n.</summary>
    private void BackSample(int tile)
    {
        int l = _layer, n = _shape.FanIn(l), width = _shape.Width(l), top = _shape.RowOffset(l), below = _shape.RowOffset(l - 1);
        int first = tile * ChunkRows, rows = Math.Min(ChunkRows, _count - first);
        SignGemm.Multiply(_e.AsSpan(first * _units + top), _units, 1, rows, width, _wf.AsSpan(WeightFloatOffset(l), width * n), n, _gx.AsSpan(first * n), n);
        float scale = 1f / MathF.Sqrt(_shape.FanIn(l - 1));
        for (int s = first; s < first + rows; s++)
        {
            var gx = _gx.AsSpan(s * n, n);
            var fields = _fields.AsSpan(s * _units + below, n);
            var e1 = _e.AsSpan(s * _units + below, n);
            for (int i = 0; i < n; i++) e1[i] = Math.Abs(fields[i]) * scale <= 1f ? gx[i] * scale : 0f;
        }
    }
}
