using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Online training of M binary perceptrons by a local rule: each epoch presents the P patterns in one random order
/// shared by all copies; each copy computes its stability, the rule decides, the kernels update the hidden states;
/// then an error pass (no updates). Stops when every copy has zero training error or the budget is spent.
/// </summary>
/// <remarks>
/// Streams: initial states (seed, InitialState, a), rule decisions (seed, Rule, a), orders (seed, PatternOrder).
/// A copy touches only its own state and stream, so splitting copies over threads never changes a result.
/// </remarks>
public sealed class OnlineTrainer : ILearningDynamics
{
    private readonly Dataset _data;
    private readonly IOnlineRule _rule;
    private readonly TrainingOptions _options;
    private readonly HiddenStates _states;
    private readonly RngStream[] _rules;
    private readonly RngStream _orders;
    private readonly int _groups;
    private readonly int[][] _errors = new int[2][]; // double-buffered by epoch parity: a worker never runs two epochs ahead
    private readonly CopyCoupling _coupling;
    private readonly RngStream[] _couplings;
    private readonly ulong _centerKey;
    // The replicated coupling's view of the other copies' weights (for the center), recorded in each epoch's error pass
    // and double-buffered by parity like _errors.
    private readonly ulong[][] _snapshot = new ulong[2][];
    private readonly int[] _fields; // output consensus: the M current fields w^a·ξ of the presented pattern

    /// <summary>Prepares M students with random ±1 hidden states.</summary>
    /// <param name="data">Training set.</param>
    /// <param name="lift">An identity lift (π ≡ id): M independent students. Routed lifts train with <see cref="RoutedTrainer"/>.</param>
    /// <param name="rule">Local rule.</param>
    /// <param name="bound">Clip bound H (odd).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Budget and threads.</param>
    /// <param name="coupling">Coupling between the copies (default none: M independent students).</param>
    public OnlineTrainer(Dataset data, ILift lift, IOnlineRule rule, int bound, ulong seed, TrainingOptions options, CopyCoupling? coupling = null)
    {
        if (!lift.IsIdentity)
            throw new ArgumentException($"kernel '{lift.Kernel}' routes factor copies: train it with RoutedTrainer", nameof(lift));
        if (options.MaxEpochs < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxEpochs must be ≥ 0");
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be ≥ 1");
        if (lift.Copies < 1) throw new ArgumentOutOfRangeException(nameof(lift), "M must be ≥ 1");
        _data = data;
        _rule = rule;
        _options = options;
        int m = lift.Copies;
        (_states, _rules, _orders) = StudentStreams.Start(m, data.N, bound, seed, options);
        _errors[0] = new int[m];
        _errors[1] = new int[m];
        _coupling = coupling ?? CopyCoupling.None;
        // Output consensus reads the neighbours' current outputs at every presentation: the copies move in lockstep on one core.
        _groups = _coupling.Lockstep ? 1 : Math.Min(options.Threads, m);
        _couplings = Enumerable.Range(0, m).Select(a => RngStream.For(seed, StreamTag.Coupling, (ulong)a)).ToArray();
        _centerKey = RngStream.Key(seed, StreamTag.Coupling, (ulong)m);
        _fields = new int[m];
        int words = _coupling.NeedsCenter ? m * _states.Words : 0;
        _snapshot[0] = new ulong[words];
        _snapshot[1] = new ulong[words];
    }

    /// <summary>The students' hidden states (live).</summary>
    public HiddenStates States => _states;

    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Epoch;

    /// <summary>Runs until every copy has zero training error or the epoch budget is spent.</summary>
    public TrainedStudents Run() => TrainedStudents.From(Learn());

    /// <summary>Runs until every copy has zero training error or the epoch budget is spent; <paramref name="observer"/> sees every epoch.</summary>
    /// <remarks>
    /// Copies are split into contiguous groups, one worker thread each, for the whole run. Every worker replays the
    /// same order stream, trains its copies for one epoch, counts their errors, and meets the others at a barrier;
    /// all then read the same error counts and agree on stopping. No state is shared between groups.
    /// </remarks>
    public LearningResult Learn(IStepObserver? observer = null)
    {
        int m = _states.Copies;
        var progress = new EpochProgress(m);
        int epochsRun = 0;
        if (_options.MaxEpochs == 0)
        {
            CountErrors(0, _errors[0]);
            return Result(0, progress);
        }
        if (_coupling.NeedsCenter) CountErrors(0, new int[m], 0); // the weights epoch 1's center is made of
        var barrier = new SpinBarrier(_groups);
        Exception? failure = null;
        bool Failed() => Volatile.Read(ref failure) is not null;
        void Worker(int g)
        {
            try
            {
                int a0 = g * m / _groups, a1 = (g + 1) * m / _groups;
                var orders = _orders;
                var order = Enumerable.Range(0, _data.P).ToArray();
                // Worker-local copies of the rule streams and counters: writing shared arrays from two cores would
                // make them fight over cache lines (false sharing) on every presentation.
                var rules = _rules.AsSpan(a0, a1 - a0).ToArray();
                var couplings = _couplings.AsSpan(a0, a1 - a0).ToArray();
                var center = new ulong[_states.Words]; // every worker derives the same center from the shared snapshot
                for (int j = 0; j < center.Length; j++) center[j] = RngStream.Hash(_centerKey, (ulong)j); // tie-breaks before epoch 1
                var counts = new int[a1 - a0];
                int sense = 0;
                for (int epoch = 1; epoch <= _options.MaxEpochs; epoch++)
                {
                    orders.Shuffle(order);
                    var errors = _errors[epoch & 1];
                    if (_coupling.NeedsCenter) Center.Majority(_snapshot[(epoch - 1) & 1], 0, _states.Words, m, _states.N, center);
                    if (_coupling.Lockstep) TrainEpochConsensus(order, rules, couplings, _coupling.ConsensusRate);
                    else TrainEpoch(order, a0, rules, couplings, center, epoch);
                    CountErrors(a0, counts, epoch & 1);
                    counts.CopyTo(errors, a0);
                    if (_groups > 1) barrier.SignalAndWait(ref sense, Failed);
                    if (Failed()) return;
                    bool all = EpochProgress.AllSolved(errors);
                    if (g == 0)
                    {
                        epochsRun = epoch;
                        progress.Record(epoch, errors);
                        observer?.OnStep(epoch, errors, _states);
                    }
                    // The observer reads every copy's states: nobody starts the next epoch before it has returned.
                    if (observer is not null && _groups > 1) barrier.SignalAndWait(ref sense, Failed);
                    if (EpochProgress.Stops(_options.Stop, all, all)) break; // identity lift: lifted and copies coincide
                }
                rules.CopyTo(_rules, a0);
                couplings.CopyTo(_couplings, a0);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null); // the others stop waiting at the barrier and return
            }
        }
        // Extra workers run on pool threads, which are already awake (data generation just used them): a new thread on an
        // idle core costs milliseconds before its first epoch, as long as a whole short run. With more groups than cores
        // (only for testing thread-count independence) they get dedicated threads, so a busy pool cannot starve them.
        using (var finished = new CountdownEvent(_groups - 1))
        {
            bool pool = _groups <= Environment.ProcessorCount;
            for (int g = 1; g < _groups; g++)
            {
                int group = g;
                if (pool) ThreadPool.UnsafeQueueUserWorkItem(_ => { Worker(group); finished.Signal(); }, null);
                else new Thread(() => { Worker(group); finished.Signal(); }) { IsBackground = true, Name = $"mcover-copies-{g}" }.Start();
            }
            Worker(0);
            finished.Wait();
        }
        if (failure is not null) throw new AggregateException("training failed", failure);
        return Result(epochsRun, progress);
    }

    /// <summary>The students after <paramref name="epochs"/> epochs (their error counts are in the buffer of that parity).</summary>
    private LearningResult Result(int epochs, EpochProgress progress)
    {
        var errors = (int[])_errors[epochs & 1].Clone();
        return new LearningResult(LearningResult.WeightsOf(_states), 1, StepUnit.Epoch, epochs, errors, progress.FirstSolved, errors.Sum()) { States = _states };
    }

    /// <summary>One epoch of presentations for copies a0, a0 + 1, … (one rule stream and one coupling stream each).</summary>
    private void TrainEpoch(int[] order, int a0, RngStream[] rules, RngStream[] couplings, ulong[] center, int epoch)
    {
        int a1 = a0 + rules.Length;
        var patterns = _data.Patterns;
        var labels = _data.Labels;
        int n = _data.N;
        double gamma = _coupling.PullAt(epoch);
        for (int t = 0; t < order.Length; t++)
        {
            int mu = order[t];
            if (t + 1 < order.Length) patterns.Prefetch(order[t + 1]);
            var xi = patterns.Row(mu);
            int sigma = labels[mu];
            for (int a = a0; a < a1; a++)
            {
                int delta = sigma * PackedSpins.Dot(_states.Weights(a), xi, n); // Δ = σ w·ξ
                var action = _rule.Decide(delta, ref rules[a - a0]);
                if (action != RuleAction.None) ApplyAction(_states, a, xi, sigma, action);
                if (gamma > 0 && couplings[a - a0].Bernoulli(gamma)) _states.Apply(a, center, new PerceptronMask(1)); // h^a += 2c
            }
        }
    }

    /// <summary>
    /// One epoch with output consensus: for each pattern the copies take their turns a = 0, 1, …, M − 1: the rule step,
    /// then, with probability λ, the step h^a += 2τξ toward τ = sign of the ring neighbours' current outputs when its own
    /// output after the rule step disagrees (no target when the neighbours disagree). Turns in sequence, not all at once: synchronous majority
    /// updates on a ring swap alternating outputs forever.
    /// </summary>
    private void TrainEpochConsensus(int[] order, RngStream[] rules, RngStream[] couplings, double lambda)
    {
        var patterns = _data.Patterns;
        var labels = _data.Labels;
        int n = _data.N, m = _states.Copies;
        var dots = _fields;
        foreach (int mu in order)
        {
            var xi = patterns.Row(mu);
            int sigma = labels[mu];
            for (int a = 0; a < m; a++) dots[a] = PackedSpins.Dot(_states.Weights(a), xi, n);
            for (int a = 0; a < m; a++)
            {
                var action = _rule.Decide(sigma * dots[a], ref rules[a]); // Δ = σ w·ξ
                if (action != RuleAction.None)
                {
                    ApplyAction(_states, a, xi, sigma, action);
                    dots[a] = PackedSpins.Dot(_states.Weights(a), xi, n); // the output after the rule step
                }
                int tau = CopyCoupling.RingTarget(dots, a);
                if (tau * dots[a] < 0 && couplings[a].Bernoulli(lambda))
                {
                    _states.Apply(a, xi, new PerceptronMask(tau)); // h^a += 2τξ
                    dots[a] = PackedSpins.Dot(_states.Weights(a), xi, n); // copy a + 1 sees the new output
                }
            }
        }
    }

    /// <summary>Applies a rule's decision to copy a for pattern ξ with label σ.</summary>
    internal static void ApplyAction(HiddenStates states, int a, ReadOnlySpan<ulong> xi, int sigma, RuleAction action)
    {
        if ((action & RuleAction.Perceptron) != 0) states.Apply(a, xi, new PerceptronMask(sigma));
        else if ((action & RuleAction.Metaplastic) != 0) states.Apply(a, xi, new MetaplasticMask(sigma));
        if ((action & RuleAction.Reinforce) != 0) states.Apply(a, xi, new ReinforceMask());
    }

    /// <summary>
    /// Error pass (no updates): misclassified training patterns (Δ ≤ 0) of copies a0, a0 + 1, …; records what the
    /// replicated coupling's center is made of into the snapshot of <paramref name="parity"/>.
    /// </summary>
    private void CountErrors(int a0, int[] errors, int parity = 0)
    {
        int a1 = a0 + errors.Length;
        if (_coupling.NeedsCenter)
            for (int a = a0; a < a1; a++) _states.Weights(a).CopyTo(_snapshot[parity].AsSpan(a * _states.Words));
        var storage = _states.WeightStorage(out int first, out int stride);
        Dataset.ErrorCounts(storage, first + a0 * stride, stride, _data.Patterns, _data.Labels, errors);
    }
}
