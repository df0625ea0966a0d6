using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// Minibatch training of M binary MLPs by a local rule, on the copies themselves (Q = identity) or on the M-cover: each epoch
/// shuffles the samples once for all copies; for each minibatch, routed network b (copy b itself without routing) runs the
/// forward and straight-through backward pass, its gradient is delivered weight by weight to the copies the weights came
/// from, then every copy applies the rule. Stops when every copy has zero training error, or at the budget.
/// </summary>
/// <remarks>
/// docs/physics/mlp.md. Streams: initial states (seed, InitialState, a), orders (seed, PatternOrder, epoch), routing
/// (<see cref="MlpRouting"/>). Buffers (the error passes' and the per-epoch histories' included) are allocated before the first epoch:
/// at one thread an epoch allocates nothing (an observer's weight copies and edge routing's parallel draw aside).
/// </remarks>
public sealed class MlpTrainer : ILearningDynamics
{
    private readonly MlpDataset _data;
    private readonly MlpShape _shape;
    private readonly IMlpRule _rule;
    private IMlpRule _active;
    private readonly MlpRouting? _routing;
    private readonly MlpTrainingOptions _options;
    private readonly ulong _seed;
    private readonly MlpNetwork[] _nets;
    private readonly float[][] _states, _gradients;
    private readonly float[]? _routedGradient;
    private readonly ulong[]? _routedBits;
    private readonly MlpBatchStep _step;
    private readonly int[] _order;
    private readonly double[] _trainHistory, _testHistory;   // [epoch][copy], allocated for the whole budget
    private readonly MlpPredictor _predictor;
    private readonly byte[] _trainClasses, _testClasses;
    private readonly int[] _errors;
    private readonly ParallelOptions _parallel;
    private int _epoch;
    private int _currentCopy;
    private readonly Action<int> _updateRow;
    private readonly CopyCoupling _coupling;
    private readonly RngStream[] _couplingRng;

    /// <summary>Prepares <paramref name="copies"/> networks of <paramref name="shape"/> for <paramref name="data"/>.</summary>
    /// <param name="data">Training (and test) samples.</param>
    /// <param name="shape">The students' shape (inputs and classes as the data's).</param>
    /// <param name="rule">The local rule.</param>
    /// <param name="copies">M ≥ 1.</param>
    /// <param name="routing">The M-cover's routing, or null for M independent networks.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Budget, minibatch, threads.</param>
    /// <param name="coupling">A coupling of the copies that needs their center (replicated): after every minibatch each weight of
    /// each copy is set to the center sign(Σ_a w^a) (ties +1) with probability γ_t; none by default.</param>
    public MlpTrainer(MlpDataset data, MlpShape shape, IMlpRule rule, int copies, MlpRouting? routing, ulong seed, MlpTrainingOptions options, CopyCoupling? coupling = null)
    {
        _coupling = coupling ?? CopyCoupling.None;
        if (_coupling.Couples && !_coupling.NeedsCenter) throw new ArgumentException($"the MLP trainer couples copies through their center only, not by '{_coupling.Name}'", nameof(coupling));
        _couplingRng = Enumerable.Range(0, copies).Select(a => RngStream.For(seed, StreamTag.Coupling, (ulong)a)).ToArray();
        if (shape.Inputs != data.N) throw new ArgumentException($"the network has {shape.Inputs} inputs, the data {data.N}");
        if (shape.Classes != data.Classes) throw new ArgumentException($"the network has {shape.Classes} classes, the data {data.Classes}");
        if (copies < 1) throw new ArgumentOutOfRangeException(nameof(copies));
        if (options.Batch < 1 || options.Epochs < 0) throw new ArgumentOutOfRangeException(nameof(options));
        (_data, _shape, _rule, _routing, _options, _seed) = (data, shape, rule, routing, options, seed);
        _active = rule;
        long w = shape.WeightCount;
        _nets = new MlpNetwork[copies];
        _states = new float[copies][];
        _gradients = new float[copies][];
        for (int a = 0; a < copies; a++)
        {
            _nets[a] = new MlpNetwork(shape);
            _states[a] = new float[w];
            _gradients[a] = new float[w];
            var rng = RngStream.For(seed, StreamTag.InitialState, (ulong)a);
            var init = new RngStream(rng.NextULong());
            int k = 0;
            for (int l = 0; l < shape.Layers; l++)
                for (int j = 0; j < shape.Width(l); j++)
                {
                    var row = _nets[a].Row(l, j);
                    for (int i = 0; i < shape.FanIn(l); i++, k++)
                    {
                        bool plus = (init.NextULong() & 1) != 0;
                        double u = init.NextDouble();
                        // The state's sign agrees with the weight: |h| uniform for STE, m = 0 for BOP.
                        _states[a][k] = (plus ? 1 : -1) * Math.Abs(rule.InitialState(0.5 + 0.5 * u));
                        if (plus) row[i >> 6] |= 1UL << (i & 63);
                    }
                }
        }
        if (routing is not null)
        {
            _routedGradient = new float[w];
            _routedBits = new ulong[shape.PackedWords];
        }
        _step = new MlpBatchStep(shape, Math.Min(options.Batch, data.P), options.Threads);
        _order = Enumerable.Range(0, data.P).ToArray();
        _updateRow = UpdateRow;
        _trainHistory = new double[(long)options.Epochs * copies];
        _testHistory = new double[(long)options.Epochs * copies];
        _predictor = new MlpPredictor(shape, options.Threads);
        _trainClasses = new byte[data.P];
        _testClasses = new byte[data.TestInputs.Rows];
        _errors = new int[copies];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
    }

    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Epoch;

    /// <summary>The copies' current networks.</summary>
    public IReadOnlyList<MlpNetwork> Networks => _nets;

    /// <inheritdoc />
    public LearningResult Learn(IStepObserver? observer = null)
    {
        int m = _nets.Length, batch = Math.Min(_options.Batch, _data.P), batches = (_data.P + batch - 1) / batch;
        var errors = _errors;
        if (_options.MeasureErrors) TrainErrors(errors);
        var first = new int[m];
        Array.Fill(first, -1);
        long routedErrors = 0;
        while (_epoch < _options.Epochs && !(_options.StopWhenSolved && AllZero(errors)))
        {
            _epoch++;
            _active = _rule.AtEpoch(_epoch);
            var orderRng = RngStream.For(_seed, StreamTag.PatternOrder, (ulong)_epoch);
            orderRng.Shuffle(_order);
            routedErrors = 0;
            for (int t = 0; t < batches; t++)
            {
                int start = t * batch, count = Math.Min(batch, _data.P - start);
                _routing?.Draw(_epoch, t);
                for (int b = 0; b < m; b++)
                {
                    if (_routing is null) _step.Run(_nets[b].Bits, _data.Inputs, _data.Labels, _order, start, count, _gradients[b]);
                    else
                    {
                        _routing.Assemble(b, _nets, _routedBits!);
                        _step.Run(_routedBits!, _data.Inputs, _data.Labels, _order, start, count, _routedGradient!);
                        _routing.Deliver(b, _routedGradient!, _gradients);
                    }
                    routedErrors += _step.Errors;
                }
                for (int a = 0; a < m; a++) Update(a);
                if (_coupling.NeedsCenter && m >= 2) Pull(_coupling.PullAt(_epoch));
            }
            if (_options.MeasureErrors) TrainErrors(errors);
            for (int a = 0; a < m; a++) if (errors[a] == 0 && first[a] < 0) first[a] = _epoch;
            var train = History(_trainHistory, _epoch);
            for (int a = 0; a < m; a++) train[a] = (double)errors[a] / _data.P;
            if (_options.MeasureErrors && (_options.TestEveryEpoch || _epoch == _options.Epochs)) TestErrors(History(_testHistory, _epoch));
            else History(_testHistory, _epoch).Fill(double.NaN);
            // An observer gets copies of the weights (allocated per epoch only when one is attached).
            observer?.OnStep(_epoch, errors, new PackedWeights(Flattened(), checked((int)_shape.WeightCount)));
        }
        if (_options.MeasureErrors && _epoch > 0 && double.IsNaN(History(_testHistory, _epoch)[0])) TestErrors(History(_testHistory, _epoch));
        double routed = _epoch == 0 ? double.NaN : (double)routedErrors / ((double)_data.P * m);
        errors = (int[])errors.Clone();
        return new LearningResult(Flattened(), 1, StepUnit.Epoch, _epoch, errors, first, (int)Math.Min(int.MaxValue, errors.Sum(e => (long)e)))
        {
            Mlp = new MlpExtras(_nets, _states, Histories(_trainHistory), Histories(_testHistory), _rule.StateIsLatentWeight, routed),
        };
    }

    private static bool AllZero(int[] errors)
    {
        foreach (int e in errors) if (e != 0) return false;
        return true;
    }

    /// <summary>Epoch <paramref name="epoch"/>'s (1-based) row of a history.</summary>
    private Span<double> History(double[] history, int epoch) => history.AsSpan((epoch - 1) * _nets.Length, _nets.Length);

    private double[][] Histories(double[] history) => Enumerable.Range(1, _epoch).Select(e => History(history, e).ToArray()).ToArray();

    private void TrainErrors(int[] errors)
    {
        for (int a = 0; a < _nets.Length; a++) errors[a] = _predictor.Errors(_nets[a].Bits, _data.Inputs, _data.Labels, _trainClasses);
    }

    private void TestErrors(Span<double> errors)
    {
        for (int a = 0; a < _nets.Length; a++)
            errors[a] = _data.TestInputs.Rows == 0 ? double.NaN : (double)_predictor.Errors(_nets[a].Bits, _data.TestInputs, _data.TestLabels, _testClasses) / _data.TestInputs.Rows;
    }

    /// <summary>Every copy's weights as one packed vector of Σ_l n_l·W_l spins (row-major), for overlaps q_ab.</summary>
    private ulong[][] Flattened() => _nets.Select(n => n.Flatten()).ToArray();

    /// <summary>The replicated coupling: each weight of each copy is set to the center with probability p (geometric skips from
    /// the copy's coupling stream, so only the pulled weights are visited).</summary>
    private void Pull(double p)
    {
        if (p <= 0) return;
        long w = _shape.WeightCount;
        double logKeep = p >= 1 ? double.NegativeInfinity : Math.Log(1 - p);
        for (int a = 0; a < _nets.Length; a++)
        {
            ref var rng = ref _couplingRng[a];
            for (long k = -1; ;)
            {
                k += p >= 1 ? 1 : 1 + (long)Math.Floor(Math.Log(1 - rng.NextDouble()) / logKeep);
                if (k >= w) break;
                int l = 0;
                while (l < _shape.Layers - 1 && k >= _shape.WeightOffset(l + 1)) l++;
                int n = _shape.FanIn(l), j = (int)((k - _shape.WeightOffset(l)) / n), i = (int)((k - _shape.WeightOffset(l)) % n);
                int votes = 0;
                foreach (var net in _nets) votes += net.Get(l, j, i);
                int center = votes >= 0 ? 1 : -1;
                _nets[a].Set(l, j, i, center);
                _states[a][k] = _rule.Pulled(_states[a][k], center);
            }
        }
    }

    private void Update(int a)
    {
        _currentCopy = a;
        if (_options.Threads == 1) for (int r = 0; r < _shape.UnitCount; r++) UpdateRow(r);
        else Parallel.For(0, _shape.UnitCount, _parallel, _updateRow);
    }

    /// <summary>The rule on every weight of global row r of the current copy.</summary>
    private void UpdateRow(int r)
    {
        int l = 0;
        while (l < _shape.Layers - 1 && r >= _shape.RowOffset(l + 1)) l++;
        int j = r - _shape.RowOffset(l), n = _shape.FanIn(l), k = _shape.WeightOffset(l) + j * n;
        _active.UpdateRow(_nets[_currentCopy].Row(l, j), _states[_currentCopy].AsSpan(k, n), _gradients[_currentCopy].AsSpan(k, n));
    }
}
