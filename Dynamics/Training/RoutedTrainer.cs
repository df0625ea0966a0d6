using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Online training on the M-cover lift. For each presented pattern μ: all M routed models w̃^{(μ,b)}_i = w_i^{π_{iμ}(b)} are
/// assembled from the current weights first; the unchanged local rule decides on each factor copy b from its routed
/// stability Δ_b = σ w̃^{(μ,b)}·ξ; then the update each factor copy makes to coordinate i is delivered to weight copy
/// π_{iμ}(b). Since π_{iμ} is a bijection, every weight copy (i, a) receives exactly one message per edge and presentation.
/// CP+R's reinforcement is not a pattern message: factor copy b's draw reinforces weight copy b directly.
/// </summary>
/// <remarks>
/// docs/mcover.md. Streams as in <see cref="OnlineTrainer"/> with factor copy b in place of copy b, so Q = identity
/// reproduces the identity lift bit for bit. Single-threaded: sweeps run seeds and points in parallel.
/// </remarks>
public sealed class RoutedTrainer : ILearningDynamics
{
    private readonly Dataset _data;
    private readonly ILift _lift;
    private readonly IOnlineRule _rule;
    private readonly TrainingOptions _options;
    private readonly ulong _seed;
    private readonly HiddenStates _states;
    private readonly RngStream[] _rules;
    private RngStream _orders;
    private readonly IRoutedKernels _kernels;
    private readonly int[] _dots;
    private readonly RuleAction[] _actions;
    private readonly PatternRouting _quenched; // epoch 0's routing, drawn at construction (setup, like the data)
    private readonly PatternRouting? _quenchedDelivery; // an asymmetric lift's delivery routing of epoch 0 (null: deliver as read)
    private PatternRouting? _delivery;

    /// <summary>Prepares M weight copies with random ±1 hidden states.</summary>
    public RoutedTrainer(Dataset data, ILift lift, IOnlineRule rule, int bound, ulong seed, TrainingOptions options)
    {
        if (options.MaxEpochs < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxEpochs must be ≥ 0");
        if (lift.Granularity == Granularity.Unit)
            throw new ArgumentException("granularity unit routes whole hidden units: it needs a committee machine (CommitteeTrainer)", nameof(lift));
        _data = data;
        _lift = lift;
        _rule = rule;
        _options = options;
        _seed = seed;
        int m = lift.Copies;
        (_states, _rules, _orders) = StudentStreams.Start(m, data.N, bound, seed, options);
        // The interleaved delivery takes the routed weight a message brings back to copy a to be copy a's own, which holds only
        // when messages return through the permutation they were read through: an asymmetric lift runs the copy-major kernels.
        _quenchedDelivery = lift.Delivery(data.N, data.P, seed, 0);
        _kernels = IRoutedKernels.For(_states, _quenchedDelivery is null ? options.RoutedLayout : RoutedLayout.CopyMajor);
        _dots = new int[m];
        _actions = new RuleAction[m];
        _quenched = lift.Routing(data.N, data.P, seed, 0, _kernels.Interleave);
    }

    /// <summary>The weight copies' hidden states (current at the end of every epoch).</summary>
    public HiddenStates States => _states;

    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Epoch;

    /// <summary>Runs until the stop rule is met or the budget is spent.</summary>
    public TrainedStudents Run() => TrainedStudents.From(Learn());

    /// <summary>Runs until the stop rule is met or the budget is spent; <paramref name="observer"/> sees every epoch.</summary>
    public LearningResult Learn(IStepObserver? observer = null)
    {
        int m = _lift.Copies, p = _data.P;
        var progress = new EpochProgress(m);
        var errors = new int[m];
        var order = Enumerable.Range(0, p).ToArray();
        PatternRouting table = _quenched;
        _delivery = _quenchedDelivery;
        _kernels.Load(); // the states may have been set since construction
        // The routed error pass costs as much as the routing of an epoch: run it every epoch only when the stop rule asks, and
        // then only until the first violated factor copy (the rule needs to know whether there is one, not how many).
        var routedCheck = _options.Stop is StopRule.Any or StopRule.Lifted ? RoutedCount.UntilFirst : RoutedCount.None;
        // Each epoch ends with its own error pass; only a zero-epoch budget needs the initial one.
        int routedErrors = _options.MaxEpochs == 0 ? CountErrors(table, errors, RoutedCount.All) : 0, epoch = 0;
        while (epoch < _options.MaxEpochs)
        {
            if (_lift.Schedule == Schedule.Annealed && epoch > 0)
            {
                // From the second redraw on, the previous epoch's table is overwritten (never the quenched one, which a later
                // Learn starts from): no allocation per epoch.
                table = _lift.Routing(_data.N, p, _seed, epoch, _kernels.Interleave, reuse: epoch > 1 ? table : null);
                if (_delivery is not null) _delivery = _lift.Delivery(_data.N, p, _seed, epoch, reuse: epoch > 1 ? _delivery : null);
            }
            _orders.Shuffle(order);
            Prefetch(table, order, 1);
            Route(table, order[0]);
            for (int t = 0; t < p; t++)
            {
                Prefetch(table, order, t + 2); // read while pattern t + 1 is routed
                Present(table, order[t], t + 1 < p ? order[t + 1] : -1);
            }
            epoch++;
            routedErrors = CountErrors(table, errors, routedCheck);
            _kernels.Sync();
            progress.Record(epoch, errors);
            observer?.OnStep(epoch, errors, _states);
            if (EpochProgress.Stops(_options.Stop, EpochProgress.AllSolved(errors), routedErrors == 0)) break;
        }
        // The reported count is exact: a pass that stopped at the first violation (or none) is redone in full.
        if (epoch > 0 && (routedCheck == RoutedCount.None || routedErrors > 0)) routedErrors = CountErrors(table, errors, RoutedCount.All);
        return new LearningResult(LearningResult.WeightsOf(_states), 1, StepUnit.Epoch, epoch, errors, progress.FirstSolved, routedErrors) { States = _states };
    }

    /// <summary>The table rows and ξ of pattern order[t], if there is one, are fetched ahead.</summary>
    private void Prefetch(PatternRouting routing, int[] order, int t)
    {
        if (t >= order.Length) return;
        _data.Patterns.Prefetch(order[t]);
        _kernels.Prefetch(routing, order[t]);
    }

    /// <summary>All M routed fields of <paramref name="pattern"/> from the current weights.</summary>
    private void Route(PatternRouting routing, int pattern)
    {
        var (table, row) = routing.For(pattern);
        _kernels.RoutedDots(table, row, _data.Patterns.Row(pattern), _dots);
    }

    /// <summary>
    /// The rule decides on every factor copy from the routed fields of <paramref name="pattern"/> (all computed before any
    /// update), the updates are delivered, then the fields of <paramref name="next"/> (if ≥ 0) are routed from the new weights.
    /// </summary>
    private void Present(PatternRouting routing, int pattern, int next)
    {
        var xi = _data.Patterns.Row(pattern);
        int sigma = _data.Labels[pattern];
        for (int b = 0; b < _dots.Length; b++) _actions[b] = _rule.Decide(sigma * _dots[b], ref _rules[b]);
        var (table, row) = (_delivery ?? routing).For(pattern); // the messages return through the delivery routing
        if (next < 0 || routing.IsHashed || _delivery is not null)
        {
            // Routing drawn on the fly holds one pattern's rows at a time: this pattern's are used before the next are drawn.
            _kernels.Update(table, row, xi, sigma, _actions);
            if (next >= 0) Route(routing, next);
            return;
        }
        var (following, followingRow) = routing.For(next);
        _kernels.UpdateThenRoute(table, row, xi, sigma, _actions, following, followingRow, _data.Patterns.Row(next), _dots);
    }

    /// <summary>How much of the routed error pass <see cref="CountErrors"/> runs.</summary>
    private enum RoutedCount
    {
        /// <summary>No routed fields: 0 is returned.</summary>
        None,
        /// <summary>Until the first violated factor copy: 1 if there is one, else 0.</summary>
        UntilFirst,
        /// <summary>Every factor copy of every pattern: the exact count.</summary>
        All,
    }

    /// <summary>Base errors of each copy (Δ ≤ 0 on the original patterns) and the number of violated factor copies.</summary>
    private int CountErrors(PatternRouting routing, int[] errors, RoutedCount routed)
    {
        int m = _lift.Copies, routedErrors = 0;
        Array.Clear(errors);
        for (int mu = 0; mu < _data.P; mu++)
        {
            var xi = _data.Patterns.Row(mu);
            int sigma = _data.Labels[mu];
            _kernels.BaseDots(xi, _dots);
            for (int a = 0; a < m; a++)
                if (sigma * _dots[a] <= 0) errors[a]++;
            if (routed == RoutedCount.None || (routed == RoutedCount.UntilFirst && routedErrors > 0)) continue;
            var (table, row) = routing.For(mu);
            _kernels.RoutedDots(table, row, xi, _dots);
            for (int b = 0; b < m; b++)
                if (sigma * _dots[b] <= 0) routedErrors++;
            if (routed == RoutedCount.UntilFirst) routedErrors = Math.Min(routedErrors, 1);
        }
        return routedErrors;
    }
}
