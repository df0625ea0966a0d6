using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>Budget and resources of a training run (not part of the physics: results never depend on them).</summary>
public sealed record TrainingOptions
{
    /// <summary>Epoch budget; training stops earlier once every copy has zero training error.</summary>
    public int MaxEpochs { get; init; } = 1000;
    /// <summary>Worker threads over copies (identity lift). Results are identical for any value.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Kernel width.</summary>
    public LaneWidth Lanes { get; init; } = LaneWidth.Auto;
    /// <summary>Receives each epoch's training errors.</summary>
    public ITrainingObserver? Observer { get; init; }
}

/// <summary>
/// Online training of M binary perceptrons by a local rule: each epoch presents the P patterns in one random order
/// shared by all copies; each copy computes its stability, the rule decides, the kernels update the hidden states;
/// then an error pass (no updates). Stops when every copy has zero training error or the budget is spent.
/// </summary>
/// <remarks>
/// Streams: initial states (seed, InitialState, a), rule decisions (seed, Rule, a), orders (seed, PatternOrder).
/// A copy touches only its own state and stream, so splitting copies over threads never changes a result.
/// </remarks>
public sealed class OnlineTrainer
{
    private readonly Dataset _data;
    private readonly IOnlineRule _rule;
    private readonly TrainingOptions _options;
    private readonly HiddenStates _states;
    private readonly RngStream[] _rules;
    private readonly int[] _order;
    private readonly int[] _errors;
    private readonly int _groups;
    private readonly Action<int> _epochOfGroup;
    private readonly ParallelOptions _parallel;

    /// <summary>Prepares M students with random ±1 hidden states.</summary>
    /// <param name="data">Training set.</param>
    /// <param name="lift">How factor copies see weight copies; only the identity lift is implemented so far.</param>
    /// <param name="rule">Local rule.</param>
    /// <param name="bound">Clip bound H (odd).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Budget and threads.</param>
    public OnlineTrainer(Dataset data, ILift lift, IOnlineRule rule, int bound, ulong seed, TrainingOptions options)
    {
        if (!lift.IsIdentity)
            throw new NotSupportedException($"kernel '{lift.Kernel}': routed M-cover lifts are not implemented yet; use the identity lift");
        if (options.MaxEpochs < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxEpochs must be ≥ 0");
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be ≥ 1");
        _data = data;
        _rule = rule;
        _options = options;
        int m = lift.Copies;
        _states = new HiddenStates(m, data.N, bound, options.Lanes);
        _rules = new RngStream[m];
        for (int a = 0; a < m; a++)
        {
            _states.InitRandom(a, RngStream.Key(seed, StreamTag.InitialState, (ulong)a));
            _rules[a] = RngStream.For(seed, StreamTag.Rule, (ulong)a);
        }
        _order = Enumerable.Range(0, data.P).ToArray();
        _errors = new int[m];
        _groups = Math.Min(options.Threads, m);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = _groups };
        _epochOfGroup = g => TrainGroup(g * m / _groups, (g + 1) * m / _groups);
        _orderStream = RngStream.For(seed, StreamTag.PatternOrder);
    }

    private RngStream _orderStream;

    /// <summary>The students' hidden states (live).</summary>
    public HiddenStates States => _states;

    /// <summary>Runs until every copy has zero training error or the epoch budget is spent.</summary>
    public TrainedStudents Run(CancellationToken cancel = default)
    {
        int m = _states.Copies;
        var first = Enumerable.Repeat(-1, m).ToArray();
        int epoch = 0;
        if (_options.MaxEpochs == 0) CountErrors(0, m);
        while (epoch < _options.MaxEpochs)
        {
            cancel.ThrowIfCancellationRequested();
            _orderStream.Shuffle(_order);
            if (_groups == 1) _epochOfGroup(0);
            else Parallel.For(0, _groups, _parallel, _epochOfGroup);
            epoch++;
            bool all = true;
            for (int a = 0; a < m; a++)
            {
                if (_errors[a] == 0 && first[a] < 0) first[a] = epoch;
                all &= _errors[a] == 0;
            }
            _options.Observer?.OnEpoch(epoch, _errors);
            if (all) break;
        }
        return new TrainedStudents(_states, epoch, (int[])_errors.Clone(), first);
    }

    /// <summary>One epoch for copies [a0, a1): all presentations, then the error pass.</summary>
    private void TrainGroup(int a0, int a1)
    {
        var patterns = _data.Patterns;
        var labels = _data.Labels;
        int n = _data.N;
        foreach (int mu in _order)
        {
            var xi = patterns.Row(mu);
            int sigma = labels[mu];
            for (int a = a0; a < a1; a++)
            {
                int delta = sigma * PackedSpins.Dot(_states.Weights(a), xi, n); // Δ = σ w·ξ
                var action = _rule.Decide(delta, ref _rules[a]);
                if (action != RuleAction.None) ApplyAction(_states, a, xi, sigma, action);
            }
        }
        CountErrors(a0, a1);
    }

    /// <summary>Applies a rule's decision to copy a for pattern ξ with label σ.</summary>
    internal static void ApplyAction(HiddenStates states, int a, ReadOnlySpan<ulong> xi, int sigma, RuleAction action)
    {
        if ((action & RuleAction.Perceptron) != 0) states.Apply(a, xi, new PerceptronMask(sigma));
        else if ((action & RuleAction.Metaplastic) != 0) states.Apply(a, xi, new MetaplasticMask(sigma));
        if ((action & RuleAction.Reinforce) != 0) states.Apply(a, xi, new ReinforceMask());
    }

    private void CountErrors(int a0, int a1)
    {
        for (int a = a0; a < a1; a++) _errors[a] = 0;
        var patterns = _data.Patterns;
        var labels = _data.Labels;
        int n = _data.N;
        for (int mu = 0; mu < _data.P; mu++)
        {
            var xi = patterns.Row(mu);
            for (int a = a0; a < a1; a++)
                if (labels[mu] * PackedSpins.Dot(_states.Weights(a), xi, n) <= 0) _errors[a]++;
        }
    }
}
