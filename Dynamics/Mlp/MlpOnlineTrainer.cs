using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// Online least-action training of M binary MLPs by the clipped-perceptron family (cp, cpr, sbpi) with integer hidden states
/// h ∈ [−H_l, H_l] per weight, w = sign h (docs/physics/mlp.md#least-action). One sample at a time: all M (routed) networks
/// run the forward pass on the current weights and decide (<see cref="MlpLeastAction"/>); then each decision's CP (or
/// metaplastic) step h_i += 2t·x_i goes, weight by weight, to the copy the routed weight was read from; CP+R's reinforcement
/// h += 2 sign h acts on every hidden weight of the copy b that drew it. The readout layer keeps its initial weights, so a
/// one-hidden-layer network with a sign output is the fully connected committee machine trained by the committee's rule.
/// </summary>
/// <remarks>
/// Streams as the committee trainer's: initial states h = ±1 (layer 0's unit j of copy a from (seed, InitialState, aW_0 + j),
/// the deeper rows after them; the sign readout is all +1, which loses nothing since sign is odd and the fan-ins odd, the
/// argmax readout random), rule noise (seed, Rule, b), one order stream (seed, PatternOrder) shuffled every epoch,
/// routing (<see cref="MlpRouting"/>, one draw per sample: batch index = the sample's position in the epoch). Without routing
/// (or with Q = identity) every copy is an independent network. Single-threaded: sweeps run points in parallel.
/// </remarks>
public sealed class MlpOnlineTrainer : ILearningDynamics
{
    private readonly MlpDataset _data;
    private readonly MlpShape _shape;
    private readonly IReadOnlyList<IOnlineRule> _rules;
    private readonly int[] _bounds;
    private readonly MlpRouting? _routing;
    private readonly int _epochs;
    private readonly StopRule _stop;
    private readonly ulong _seed;
    private readonly MlpNetwork[] _nets;
    private readonly int[][] _h;
    private readonly RngStream[] _rng;
    private readonly ulong[][] _routed;
    private readonly int[][] _fields;
    private readonly MlpUnitStep[][] _steps;
    private readonly int[] _stepCounts;
    private readonly ulong[][] _acts;
    private readonly bool[] _reinforce;
    private readonly int[] _scratch, _order;
    private readonly int _actWords;
    private readonly MlpTrialFlip _trial;
    private readonly MlpPredictor _predictor;
    private readonly byte[] _trainClasses, _testClasses;
    private readonly int[] _errors;
    private readonly double[] _trainHistory, _testHistory;   // [epoch][copy], allocated for the whole budget
    private RngStream _orders;

    /// <summary>Prepares <paramref name="copies"/> networks of <paramref name="shape"/> (at least one hidden layer).</summary>
    /// <param name="data">Training and test samples.</param>
    /// <param name="shape">The students' shape.</param>
    /// <param name="rules">The rule of each hidden layer l (margin κ√n_l with n_l its fan-in).</param>
    /// <param name="bounds">Clip bound H_l (odd) of each hidden layer.</param>
    /// <param name="copies">M ≥ 1.</param>
    /// <param name="routing">The M-cover's routing, or null for independent networks.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="epochs">Epoch budget ≥ 0.</param>
    /// <param name="stop">When to stop before the budget.</param>
    public MlpOnlineTrainer(MlpDataset data, MlpShape shape, IReadOnlyList<IOnlineRule> rules, int[] bounds, int copies, MlpRouting? routing, ulong seed, int epochs, StopRule stop = StopRule.Any)
    {
        if (shape.Layers < 2) throw new ArgumentException("least action needs at least one hidden layer");
        if (shape.Inputs != data.N || shape.Classes != data.Classes) throw new ArgumentException($"the network {shape} does not fit the data (N = {data.N}, {data.Classes} classes)");
        if (rules.Count != shape.Layers - 1 || bounds.Length != shape.Layers - 1) throw new ArgumentException("one rule and one bound per hidden layer");
        if (copies < 1) throw new ArgumentOutOfRangeException(nameof(copies));
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs));
        (_data, _shape, _rules, _bounds, _routing, _seed, _epochs, _stop) = (data, shape, rules, bounds, routing, seed, epochs, stop);
        long w = shape.WeightCount;
        _nets = new MlpNetwork[copies];
        _h = new int[copies][];
        int first = shape.Width(0), units = shape.UnitCount;
        for (int a = 0; a < copies; a++)
        {
            _nets[a] = new MlpNetwork(shape);
            _h[a] = new int[w];
            for (int l = 0; l < shape.Layers; l++)
                for (int j = 0; j < shape.Width(l); j++)
                {
                    var row = _nets[a].Row(l, j);
                    int n = shape.FanIn(l);
                    bool unitReadout = l == shape.Layers - 1 && shape.Outputs == 1;
                    // Layer 0's unit j of copy a draws as committee unit (a, j) (slab aW_0 + j); the other rows follow all of layer 0's.
                    ulong key = RngStream.Key(seed, StreamTag.InitialState, l == 0 ? (ulong)(a * first + j) : (ulong)(copies * first + a * (units - first) + shape.RowOffset(l) + j - first));
                    for (int k = 0; k < row.Length; k++)
                        row[k] = (unitReadout ? ulong.MaxValue : RngStream.Hash(key, (ulong)k)) & (k == row.Length - 1 ? PackedSpins.LastWordMask(n) : ulong.MaxValue);
                    long at = shape.WeightOffset(l) + (long)j * n;
                    for (int i = 0; i < n; i++) _h[a][at + i] = PackedSpins.Get(row, i);
                }
        }
        _rng = Enumerable.Range(0, copies).Select(a => RngStream.For(seed, StreamTag.Rule, (ulong)a)).ToArray();
        _routed = Enumerable.Range(0, copies).Select(_ => routing is null ? [] : new ulong[shape.PackedWords]).ToArray();
        _actWords = Math.Max(1, MlpForward.ActivationWords(shape));
        _fields = Enumerable.Range(0, copies).Select(_ => new int[shape.UnitCount]).ToArray();
        _acts = Enumerable.Range(0, copies).Select(_ => new ulong[_actWords]).ToArray();
        _steps = Enumerable.Range(0, copies).Select(_ => new MlpUnitStep[shape.UnitCount]).ToArray();
        _stepCounts = new int[copies];
        _reinforce = new bool[copies];
        _scratch = new int[2 * shape.MaxWidth];
        _trial = new MlpTrialFlip(shape);
        _order = Enumerable.Range(0, data.P).ToArray();
        _orders = RngStream.For(seed, StreamTag.PatternOrder);
        _predictor = new MlpPredictor(shape);
        _trainClasses = new byte[data.P];
        _testClasses = new byte[data.TestInputs.Rows];
        _errors = new int[copies];
        _trainHistory = new double[(long)epochs * copies];
        _testHistory = new double[(long)epochs * copies];
    }

    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Epoch;

    /// <summary>The copies' current networks.</summary>
    public IReadOnlyList<MlpNetwork> Networks => _nets;

    /// <summary>The copies' hidden states h (row-major, layer after layer, as <see cref="MlpShape.WeightOffset"/>).</summary>
    public IReadOnlyList<int[]> States => _h;

    /// <inheritdoc />
    /// <remarks>At one thread an epoch allocates nothing (an observer's weight copies aside): the error passes and the
    /// per-epoch histories use buffers made in the constructor, and the history rows are built once at the end.</remarks>
    public LearningResult Learn(IStepObserver? observer = null)
    {
        int m = _nets.Length, epoch = 0;
        var errors = _errors;
        TrainErrors(errors);
        var first = Enumerable.Repeat(-1, m).ToArray();
        long routedErrors = 0;
        while (epoch < _epochs && !(epoch > 0 && EpochProgress.Stops(_stop, AllZero(errors), routedErrors == 0)))
        {
            epoch++;
            _orders.Shuffle(_order);
            routedErrors = 0;
            for (int t = 0; t < _order.Length; t++) routedErrors += Present(epoch, t, _order[t]);
            TrainErrors(errors);
            for (int a = 0; a < m; a++) if (errors[a] == 0 && first[a] < 0) first[a] = epoch;
            var train = History(_trainHistory, epoch);
            for (int a = 0; a < m; a++) train[a] = (double)errors[a] / _data.P;
            TestErrors(History(_testHistory, epoch));
            observer?.OnStep(epoch, errors, new PackedWeights(Flattened(), checked((int)_shape.WeightCount)));
        }
        double routed = epoch == 0 ? double.NaN : (double)routedErrors / ((double)_data.P * m);
        var states = _h.Select(h => h.Select(x => (float)x).ToArray()).ToArray();
        return new LearningResult(Flattened(), 1, StepUnit.Epoch, epoch, (int[])errors.Clone(), first, (int)Math.Min(int.MaxValue, routedErrors))
        {
            Mlp = new MlpExtras(_nets, states, Histories(_trainHistory, epoch), Histories(_testHistory, epoch), true, routed),
        };
    }

    private static bool AllZero(int[] errors)
    {
        foreach (int e in errors) if (e != 0) return false;
        return true;
    }

    /// <summary>Epoch <paramref name="epoch"/>'s (1-based) row of a history.</summary>
    private Span<double> History(double[] history, int epoch) => history.AsSpan((epoch - 1) * _nets.Length, _nets.Length);

    private double[][] Histories(double[] history, int epochs) => Enumerable.Range(1, epochs).Select(e => History(history, e).ToArray()).ToArray();

    /// <summary>One sample: all M decisions on the current weights, then the messages, then reinforcement; returns the
    /// number of misclassifying (routed) networks.</summary>
    private int Present(int epoch, int t, int mu)
    {
        int m = _nets.Length, wrong = 0, label = _data.Labels[mu];
        _routing?.Draw(epoch, t);
        var input = _data.Inputs.Row(mu);
        for (int b = 0; b < m; b++)
        {
            ulong[] bits = _nets[b].Bits;
            if (_routing is not null) { _routing.Assemble(b, _nets, _routed[b]); bits = _routed[b]; }
            int predicted = MlpForward.Forward(_shape, bits, input, _fields[b], _acts[b]);
            if (predicted != label) wrong++;
            _reinforce[b] = MlpLeastAction.Decide(_shape, bits, _fields[b], predicted, label, _rules, ref _rng[b], _steps[b], out _stepCounts[b], _scratch, _trial);
        }
        for (int b = 0; b < m; b++)
            for (int s = 0; s < _stepCounts[b]; s++)
            {
                var step = _steps[b][s];
                if ((step.Action & (RuleAction.Perceptron | RuleAction.Metaplastic)) != 0)
                    Step(b, step, step.Layer == 0 ? input : _acts[b].AsSpan(MlpForward.ActivationOffset(_shape, step.Layer - 1)));
            }
        for (int b = 0; b < m; b++) if (_reinforce[b]) Reinforce(b);
        return wrong;
    }

    /// <summary>Routed network b's step on unit j of layer l with inputs <paramref name="x"/>: h_i += 2t·x_i
    /// (metaplastic: only where the routed w_i·x_i·t = +1), each weight's message to the copy it was read from.</summary>
    private void Step(int b, MlpUnitStep unit, ReadOnlySpan<ulong> x)
    {
        int l = unit.Layer, j = unit.Unit, t = unit.Sign, n = _shape.FanIn(l), words = _shape.RowWords(l), bound = _bounds[l];
        bool metaplastic = (unit.Action & RuleAction.Perceptron) == 0;
        int k0 = _shape.WeightOffset(l) + j * n;
        ReadOnlySpan<ulong> routedRow = (_routing is null ? _nets[b].Bits : _routed[b]).AsSpan(_shape.PackedOffset(l) + j * words, words);
        for (int i = 0; i < n; i++)
        {
            int step = t * PackedSpins.Get(x, i);
            if (metaplastic && PackedSpins.Get(routedRow, i) != step) continue;
            int a = _routing?.Source(b, l, j, i) ?? b;
            ref int h = ref _h[a][k0 + i];
            h = Math.Clamp(h + 2 * step, -bound, bound);
            PackedSpins.Set(_nets[a].Row(l, j), i, h >= 0 ? 1 : -1);
        }
    }

    /// <summary>CP+R's unsupervised step h += 2 sign h (clipped) on every hidden-layer weight of copy a.</summary>
    private void Reinforce(int a)
    {
        for (int l = 0; l < _shape.Layers - 1; l++)
        {
            int first = _shape.WeightOffset(l), count = _shape.Width(l) * _shape.FanIn(l), bound = _bounds[l];
            var h = _h[a].AsSpan(first, count);
            for (int k = 0; k < h.Length; k++) h[k] = Math.Clamp(h[k] + (h[k] >= 0 ? 2 : -2), -bound, bound);
        }
    }

    private void TrainErrors(int[] errors)
    {
        for (int a = 0; a < _nets.Length; a++) errors[a] = _predictor.Errors(_nets[a].Bits, _data.Inputs, _data.Labels, _trainClasses);
    }

    private void TestErrors(Span<double> errors)
    {
        for (int a = 0; a < _nets.Length; a++)
            errors[a] = _data.TestInputs.Rows == 0 ? double.NaN : (double)_predictor.Errors(_nets[a].Bits, _data.TestInputs, _data.TestLabels, _testClasses) / _data.TestInputs.Rows;
    }

    private ulong[][] Flattened() => _nets.Select(n => n.Flatten()).ToArray();
}
