using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Online training of M binary committee machines by the least-action rule (<see cref="LeastAction"/>), independently
/// (identity lift) or on the M-cover lift. Routed model of factor copy (μ, b): unit k's weight i comes from copy
/// π_{(k,i)μ}(b) (granularity edge or word) or unit k's whole vector from copy π_{kμ}(b) (granularity unit). For each
/// pattern all M routed fields are computed from the current weights first; the rule then decides per factor copy and its
/// update to unit k goes back, coordinate by coordinate, to the source copies (one message per edge and presentation).
/// CP+R's reinforcement acts on the weight copy b of the factor copy that drew it, on every unit.
/// </summary>
/// <remarks>
/// docs/physics/rules.md#committee-machines, docs/mcover.md#committee-machines. Unit (a, k) is hidden-state slab aK + k of
/// one <see cref="HiddenStates"/>; routing table row μK + k holds the permutations of (μ, k). Streams: unit (a, k) starts from
/// (seed, InitialState, aK + k), copy a's rule noise is (seed, Rule, a), orders (seed, PatternOrder): for K = 1 this is the
/// perceptron trainer's start, and Q = identity through the routing reproduces the identity lift bit for bit.
/// Single-threaded: sweeps run grid points and seeds in parallel.
/// </remarks>
public sealed class CommitteeTrainer : ILearningDynamics
{
    private readonly CommitteeDataset _data;
    private readonly CommitteeShape _shape;
    private readonly ILift? _lift; // null: every copy reads its own units (no routing)
    private readonly int _copies;
    private readonly IOnlineRule _rule;
    private readonly TrainingOptions _options;
    private readonly ulong _seed;
    private readonly HiddenStates _states;
    private readonly RngStream[] _rules;
    private RngStream _orders;
    private readonly ulong[] _routed;                 // routed vector of (factor copy b, unit k) at (bK + k)·words
    private readonly int _words;
    private readonly int[] _senders;                  // delivery of one unit: the factor copies that update it, and how
    private readonly RuleAction[] _kinds;
    private readonly int[] _fields;                   // [b][k] routed stabilities Δ_{bk}
    private readonly (int Unit, RuleAction Action)[] _decisions;
    private readonly PatternRouting? _quenched;
    private readonly CopyCoupling _coupling;
    private readonly RngStream[] _couplings;  // copy a's coupling stream (seed, Coupling, a)
    private readonly ulong[][] _center;       // replicated: per unit k, sign(Σ_a w_{k}^a)
    private readonly int[] _outputs;          // consensus: each copy's current output on the presented pattern

    /// <summary>Prepares M committees with random ±1 hidden states.</summary>
    /// <param name="data">Training set.</param>
    /// <param name="lift">The lift: independent copies, or routed factor copies when it <see cref="ILift.NeedsRouting"/>.</param>
    /// <param name="rule">Perceptron rule applied by least action; built with N = the unit fan-in n.</param>
    /// <param name="bound">Clip bound H (odd).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Budget, stop rule, observer (<see cref="TrainingOptions.Threads"/> is not used).</param>
    /// <param name="coupling">Coupling between the copies (identity lift only; default none), acting on every hidden unit
    /// (replicated: unit k of every copy is pulled toward the majority of the copies' unit k) or on the outputs
    /// (consensus: the least-action step toward the ring neighbours' majority output).</param>
    public CommitteeTrainer(CommitteeDataset data, ILift lift, IOnlineRule rule, int bound, ulong seed, TrainingOptions options, CopyCoupling? coupling = null)
    {
        if (options.MaxEpochs < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxEpochs must be ≥ 0");
        _data = data;
        _shape = data.Shape;
        _lift = lift.NeedsRouting ? lift : null;
        _copies = lift.Copies;
        _rule = rule;
        _options = options;
        _seed = seed;
        int units = _copies * _shape.Hidden, w = _shape.UnitWords;
        (_states, var rules, _orders) = StudentStreams.Start(units, _shape.UnitInputs, bound, seed, options);
        _rules = rules[.._copies];
        _words = w;
        _routed = new ulong[units * w];
        _senders = new int[_copies];
        _kinds = new RuleAction[_copies];
        _fields = new int[units];
        _decisions = new (int, RuleAction)[_copies];
        _quenched = _lift?.Routing(_shape.UnitInputs, _shape.Hidden * data.P, seed, 0);
        _coupling = coupling ?? CopyCoupling.None;
        if (_coupling.Couples && _lift is not null) throw new ArgumentException("couplings act on copies of the identity lift", nameof(coupling));
        _couplings = Enumerable.Range(0, _copies).Select(a => RngStream.For(seed, StreamTag.Coupling, (ulong)a)).ToArray();
        ulong centerKey = RngStream.Key(seed, StreamTag.Coupling, (ulong)_copies);
        _center = Enumerable.Range(0, _shape.Hidden).Select(k => Enumerable.Range(0, w).Select(j => RngStream.Hash(centerKey, (ulong)(k * w + j))).ToArray()).ToArray();
        _outputs = new int[_copies];
    }

    /// <summary>The routing lift (null: independent copies); tests: the task's thread limit reaches its routing draws.</summary>
    internal ILift? Lift => _lift;

    /// <summary>Hidden states of every unit: unit k of copy a is slab aK + k (live).</summary>
    public HiddenStates States => _states;

    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Epoch;

    /// <summary>Runs until the stop rule is met or the budget is spent.</summary>
    public TrainedStudents Run() => TrainedStudents.From(Learn());

    /// <summary>Runs until the stop rule is met or the budget is spent; <paramref name="observer"/> sees every epoch.</summary>
    /// <remarks>The observer receives the unit slabs (<see cref="IWeightView.Count"/> = M·K, unit k of copy a at aK + k); the
    /// result's weights are each copy's K units concatenated.</remarks>
    public LearningResult Learn(IStepObserver? observer = null)
    {
        int m = _copies, p = _data.P;
        var progress = new EpochProgress(m);
        var errors = new int[m];
        var order = Enumerable.Range(0, p).ToArray();
        var table = _quenched;
        bool routedEachEpoch = _lift is not null && _options.Stop is StopRule.Any or StopRule.Lifted;
        int routedErrors = _options.MaxEpochs == 0 ? CountErrors(table, errors) : 0, epoch = 0;
        while (epoch < _options.MaxEpochs)
        {
            if (_lift is { Schedule: Schedule.Annealed } && epoch > 0) // from the second redraw on, the previous epoch's table is overwritten
                table = _lift.Routing(_shape.UnitInputs, _shape.Hidden * p, _seed, epoch, reuse: epoch > 1 ? table : null);
            _orders.Shuffle(order);
            if (_coupling.NeedsCenter)
            {
                var storage = _states.WeightStorage(out int firstWord, out int stride);
                for (int k = 0; k < _shape.Hidden; k++) Center.Majority(storage, firstWord + k * stride, _shape.Hidden * stride, m, _shape.UnitInputs, _center[k]);
            }
            double gamma = _coupling.PullAt(epoch + 1);
            foreach (int mu in order)
                if (table is not null) PresentRouted(table, mu);
                else if (_coupling.Lockstep) PresentConsensus(mu, _coupling.ConsensusRate);
                else Present(mu, gamma);
            epoch++;
            routedErrors = CountErrors(routedEachEpoch ? table : null, errors);
            progress.Record(epoch, errors);
            observer?.OnStep(epoch, errors, _states);
            if (EpochProgress.Stops(_options.Stop, EpochProgress.AllSolved(errors), routedErrors == 0)) break;
        }
        if (!routedEachEpoch && epoch > 0) routedErrors = CountErrors(table, errors);
        return new LearningResult(LearningResult.WeightsOf(_states, _shape.Hidden), _shape.Hidden, StepUnit.Epoch, epoch, errors, progress.FirstSolved, routedErrors) { States = _states };
    }

    /// <summary>Independent copies: each decides on its own fields and updates its own units; replicated coupling: then,
    /// with probability γ_t, every unit k of the copy takes the step h_k += 2c_k toward the center.</summary>
    private void Present(int mu, double gamma)
    {
        int kk = _shape.Hidden;
        var fields = _fields.AsSpan(0, kk);
        for (int a = 0; a < _copies; a++)
        {
            RuleStep(a, mu, fields);
            if (gamma > 0 && _couplings[a].Bernoulli(gamma))
                for (int k = 0; k < kk; k++) _states.Apply(a * kk + k, _center[k], new PerceptronMask(1));
        }
    }

    /// <summary>
    /// Copy a's least-action rule step on pattern μ (CP+R's reinforcement on every unit); returns whether it changed any
    /// hidden state. <paramref name="fields"/> is scratch for the K stabilities.
    /// </summary>
    private bool RuleStep(int a, int mu, Span<int> fields)
    {
        int kk = _shape.Hidden, sigma = _data.Labels[mu];
        var storage = _states.WeightStorage(out int firstWord, out int stride);
        _shape.Fields(storage, firstWord + a * kk * stride, stride, _data.Inputs, mu, fields);
        for (int k = 0; k < kk; k++) fields[k] *= sigma;
        var (unit, action) = LeastAction.Decide(_rule, fields, ref _rules[a]);
        if ((action & ~RuleAction.Reinforce) != 0)
            OnlineTrainer.ApplyAction(_states, a * kk + unit, _shape.Input(_data.Inputs, mu, unit), sigma, action & ~RuleAction.Reinforce);
        if ((action & RuleAction.Reinforce) != 0) Reinforce(a, mu);
        return action != RuleAction.None;
    }

    /// <summary>Copy a's committee output on pattern μ (fields into <paramref name="fields"/>).</summary>
    private int Output(int a, int mu, Span<int> fields)
    {
        var storage = _states.WeightStorage(out int firstWord, out int stride);
        _shape.Fields(storage, firstWord + a * _shape.Hidden * stride, stride, _data.Inputs, mu, fields);
        return CommitteeShape.Output(fields);
    }

    /// <summary>
    /// Output consensus: the copies take turns a = 0 … M − 1; after its least-action rule step, copy a, if its output
    /// disagrees with τ = sign of its ring neighbours' current outputs, takes with probability λ the least-action step
    /// toward τ: h_k += 2τξ_k on the unit that least action would correct for label τ (the wrong unit with the smallest |h_k|).
    /// </summary>
    private void PresentConsensus(int mu, double lambda)
    {
        int kk = _shape.Hidden, m = _copies;
        var fields = _fields.AsSpan(0, kk);
        for (int a = 0; a < m; a++) _outputs[a] = Output(a, mu, fields);
        for (int a = 0; a < m; a++)
        {
            if (RuleStep(a, mu, fields)) _outputs[a] = Output(a, mu, fields);
            int tau = CopyCoupling.RingTarget(_outputs, a);
            if (tau == 0 || tau == _outputs[a] || !_couplings[a].Bernoulli(lambda)) continue;
            Output(a, mu, fields);
            for (int k = 0; k < kk; k++) fields[k] *= tau; // Δ_k toward τ
            int wrong = LeastAction.Unit(fields, 0);
            _states.Apply(a * kk + wrong, _shape.Input(_data.Inputs, mu, wrong), new PerceptronMask(tau));
            _outputs[a] = Output(a, mu, fields); // copy a + 1 sees the new output
        }
    }

    /// <summary>Routed factor copies: all fields first, then the messages, then reinforcement.</summary>
    private void PresentRouted(PatternRouting routing, int mu)
    {
        int m = _copies, kk = _shape.Hidden, n = _shape.UnitInputs, sigma = _data.Labels[mu];
        var storage = _states.WeightStorage(out int firstWord, out int stride);
        for (int k = 0; k < kk; k++)
        {
            var (table, row) = routing.For(mu * kk + k);
            var xi = _shape.Input(_data.Inputs, mu, k);
            for (int b = 0; b < m; b++)
            {
                table.Route(row, b, storage, firstWord + k * stride, kk * stride, Routed(b, k));
                _fields[b * kk + k] = sigma * PackedSpins.Dot(Routed(b, k), xi, n);
            }
        }
        bool supervised = false;
        for (int b = 0; b < m; b++)
        {
            _decisions[b] = LeastAction.Decide(_rule, _fields.AsSpan(b * kk, kk), ref _rules[b]);
            supervised |= (_decisions[b].Action & (RuleAction.Perceptron | RuleAction.Metaplastic)) != 0;
        }
        if (supervised)
            for (int k = 0; k < kk; k++)
            {
                int senders = 0;
                for (int b = 0; b < m; b++)
                {
                    if (_decisions[b].Unit != k) continue;
                    var action = _decisions[b].Action;
                    if ((action & RuleAction.Perceptron) != 0) (_senders[senders], _kinds[senders++]) = (b, RuleAction.Perceptron);
                    else if ((action & RuleAction.Metaplastic) != 0) (_senders[senders], _kinds[senders++]) = (b, RuleAction.Metaplastic);
                }
                if (senders == 0) continue;
                var (table, row) = routing.For(mu * kk + k);
                // Unit k of copy a is slab aK + k; factor copy b's routed unit k starts at (bK + k)·words.
                RoutedMessages.Deliver(_states, table, row, _shape.Input(_data.Inputs, mu, k), sigma, _senders.AsSpan(0, senders), _kinds,
                    _routed.AsSpan(k * _words), kk * _words, k, kk);
            }
        for (int b = 0; b < m; b++)
            if ((_decisions[b].Action & RuleAction.Reinforce) != 0) Reinforce(b, mu);
    }

    private Span<ulong> Routed(int b, int k) => _routed.AsSpan((b * _shape.Hidden + k) * _words, _words);

    /// <summary>CP+R's unsupervised step h += 2 sign h on every unit of weight copy a.</summary>
    private void Reinforce(int a, int mu)
    {
        for (int k = 0; k < _shape.Hidden; k++) _states.Apply(a * _shape.Hidden + k, _shape.Input(_data.Inputs, mu, k), new ReinforceMask());
    }

    /// <summary>Base output errors of each copy; with <paramref name="routing"/>, also the violated factor copies (μ, b).</summary>
    private int CountErrors(PatternRouting? routing, int[] errors)
    {
        int m = _copies, kk = _shape.Hidden, n = _shape.UnitInputs, routedErrors = 0;
        Array.Clear(errors);
        var storage = _states.WeightStorage(out int firstWord, out int stride);
        Span<int> fields = stackalloc int[kk];
        for (int mu = 0; mu < _data.P; mu++)
        {
            int sigma = _data.Labels[mu];
            for (int a = 0; a < m; a++)
            {
                _shape.Fields(storage, firstWord + a * kk * stride, stride, _data.Inputs, mu, fields);
                if (CommitteeShape.Output(fields) != sigma) errors[a]++;
            }
            if (routing is null) continue;
            for (int k = 0; k < kk; k++)
            {
                var (table, row) = routing.For(mu * kk + k);
                var xi = _shape.Input(_data.Inputs, mu, k);
                for (int b = 0; b < m; b++)
                {
                    table.Route(row, b, storage, firstWord + k * stride, kk * stride, Routed(b, k));
                    _fields[b * kk + k] = PackedSpins.Dot(Routed(b, k), xi, n);
                }
            }
            for (int b = 0; b < m; b++)
                if (CommitteeShape.Output(_fields.AsSpan(b * kk, kk)) != sigma) routedErrors++;
        }
        return routing is null ? errors.Sum() : routedErrors;
    }
}
