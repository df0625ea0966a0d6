using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// Metropolis single-weight flips on the training energy of M binary committee machines (tree or fully connected, K odd),
/// E = Σ_{μ,b} Θ((K + 1)/2 − #{k : σ^μ h̃_{μbk} &gt; κ√n}) with h̃_{μbk} = Σ_i w_{k,i}^{π_{(k,i)μ}(b)} ξ_{k,i}^μ — at κ = 0 the
/// number of training patterns the (routed) majority-vote committee misclassifies. Identity lift: M independent chains.
/// Constant β is Gibbs learning of the committee, a rising β simulated annealing; replica exchange as for the perceptron.
/// </summary>
/// <remarks>
/// docs/physics/monte-carlo.md#committee-machines. Everything is the perceptron chain's (<see cref="MetropolisChain"/>) with the
/// K·n weights of a committee as the sites: a sweep is K·n proposals per copy (K·N fully connected, N for the tree),
/// interleaved over copies, the site u = k·n + i uniform in [0, K·n) from copy a's stream (seed, Rule, a), the Metropolis
/// uniform drawn only when the exponent is positive; unit (a, k) starts from (seed, InitialState, aK + k). So K = 1 is the
/// perceptron chain bit for bit, and Q = identity through the routed path reproduces the identity lift bit for bit.
/// ΔE is read from bit masks that fold the votes in (<see cref="CommitteeChainEnergy"/>); an accepted flip updates the
/// P stabilities it moves, their votes and masks in O(P) (O(K) more where a vote changes). No allocation inside a sweep.
/// </remarks>
public sealed class CommitteeMetropolisChain : ILearningDynamics, IWeightView
{
    private readonly ILift? _lift; // null: the copies' own units (no routing)
    private readonly MonteCarloOptions _options;
    private readonly ulong _seed;
    private readonly int _n, _kk, _m, _sites;
    private readonly CommitteeChainEnergy _energy;
    private readonly RngStream[] _rngs;
    private readonly double[] _betas;
    private readonly ReplicaExchange _exchange;
    private readonly CopyCoupling _coupling;
    private readonly ulong[]? _center; // replicated: unit k's center sign(Σ_a w_k^a) at word k·⌈n/64⌉ (ties keep it)
    private double _field;
    private long _proposed, _accepted;

    /// <summary>Prepares M committees at uniform random weights.</summary>
    /// <param name="data">Committee training set (its shape: K, n, tree or full).</param>
    /// <param name="lift">Identity lift (M independent chains) or an M-cover lift (rows μK + k: unit k of pattern μ).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Schedule, budget, margin κ (per unit: a vote counts when Δ_k &gt; κ√n).</param>
    /// <param name="coupling">Replicated (a center per hidden unit, the field γ_t) between the copies of the identity lift; null or none: independent.</param>
    public CommitteeMetropolisChain(CommitteeDataset data, ILift lift, ulong seed, MonteCarloOptions options, CopyCoupling? coupling = null)
    {
        _options = options.Validated();
        _seed = seed;
        _lift = lift.NeedsRouting ? lift : null;
        _n = data.Shape.UnitInputs;
        _kk = data.Shape.Hidden;
        _m = lift.Copies;
        _sites = _kk * _n;
        _energy = new CommitteeChainEnergy(data, _m, seed, options.Kappa, lifted: _lift is not null);
        _rngs = new RngStream[_m];
        for (int a = 0; a < _m; a++) _rngs[a] = RngStream.For(seed, StreamTag.Rule, (ulong)a);
        _betas = new double[_m];
        _exchange = new ReplicaExchange(_m, seed);
        if (options.Schedule == BetaSchedule.ReplicaExchange && (_lift is not null || _m < 2))
            throw new ArgumentException("replica exchange runs M ≥ 2 independent replicas (identity lift)", nameof(lift));
        _coupling = coupling ?? CopyCoupling.None;
        if (_coupling.Couples && (!_coupling.NeedsCenter || _lift is not null || options.Schedule == BetaSchedule.ReplicaExchange))
            throw new ArgumentException("Monte Carlo takes a coupling with a center (replicated) between the copies of the identity lift, without replica exchange", nameof(coupling));
        if (_coupling.NeedsCenter) _center = new ulong[_kk * _energy.WordsUnit];
        Reroute(0);
    }

    /// <summary>Copies M.</summary>
    public int Copies => _m;
    /// <inheritdoc />
    int IWeightView.Count => _m * _kk;
    /// <summary>Inputs per hidden unit n.</summary>
    public int N => _n;
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Sweep;
    /// <summary>Current energy (violated factor copies).</summary>
    public int Energy => _energy.Energy;
    /// <summary>Copy a's K units concatenated, unit k at word k·⌈n/64⌉ (live).</summary>
    public ReadOnlySpan<ulong> Weights(int a) => _energy.Committee(a);
    /// <inheritdoc />
    ReadOnlySpan<ulong> IWeightView.Weights(int index) => new(_energy.WeightWords, index * _energy.WordsUnit, _energy.WordsUnit);

    /// <summary>The energy bookkeeping (test oracles).</summary>
    internal CommitteeChainEnergy State => _energy;

    /// <summary>The routing of <paramref name="sweep"/> (null: identity lift).</summary>
    internal PatternRouting? RoutingAt(int sweep) => _lift?.Routing(_n, _kk * _energy.P, _seed, sweep);

    /// <summary>Draws the routing of <paramref name="sweep"/> (lifted; into the previous sweep's table), recomputes every stability, vote, mask and E.</summary>
    internal void Reroute(int sweep)
    {
        // the energy keeps no routing (it builds its inverse planes and stabilities), so the last table is redrawn in place
        _routing = _lift?.Routing(_n, _kk * _energy.P, _seed, sweep, reuse: _routing);
        _energy.Reroute(_routing);
    }

    private PatternRouting? _routing;

    /// <summary>ΔE of flipping weight (k, i) of copy a (no change made).</summary>
    public int EnergyChange(int k, int i, int a)
    {
        Span<ulong> level = stackalloc ulong[2 * _m];
        return CommitteeFlipEnergy.Change(_energy, k, i, a, level);
    }

    /// <summary>One sweep at inverse temperature β: K·n proposals per copy, interleaved over copies.</summary>
    public void Sweep(double beta)
    {
        Array.Fill(_betas, beta);
        SweepCopies();
    }

    private void SweepCopies()
    {
        Span<ulong> level = stackalloc ulong[2 * _m];
        for (int step = 0; step < _sites; step++)
            for (int a = 0; a < _m; a++)
            {
                ref var rng = ref _rngs[a];
                int site = rng.NextInt(_sites), k = site / _n, i = site - k * _n;
                int change = CommitteeFlipEnergy.Change(_energy, k, i, a, level);
                _proposed++;
                // The center's field on unit k: flipping w_{k,i}^a = s changes γ Σ_k w_k^a·c_k by −2γ s c_{k,i}.
                double pull = _field == 0 ? 0 : 2 * _field * _energy.Get(a, k, i) * PackedSpins.Get(_center.AsSpan(k * _energy.WordsUnit, _energy.WordsUnit), i);
                double exponent = _betas[a] * change + pull;
                if (pull == 0 ? change <= 0 || rng.NextDouble() < Math.Exp(-_betas[a] * change) : exponent <= 0 || rng.NextDouble() < Math.Exp(-exponent))
                {
                    _accepted++;
                    _energy.Flip(k, i, a, change);
                }
            }
    }

    /// <summary>Runs the schedule until the stop rule is met or the sweep budget is spent.</summary>
    public MonteCarloResult Run() => MonteCarloResult.From(Learn());

    /// <summary>Runs the schedule until the stop rule is met or the sweep budget is spent; <paramref name="observer"/> sees every
    /// sweep (the unit slabs: <see cref="IWeightView.Count"/> = M·K, unit k of copy a at aK + k).</summary>
    public LearningResult Learn(IStepObserver? observer = null)
    {
        var progress = new EpochProgress(_m);
        var errors = new int[_m];
        int sweep = 0, wu = _energy.WordsUnit;
        _energy.TrainErrors(errors);
        while (sweep < _options.Sweeps)
        {
            if (sweep > 0 && _lift?.Schedule == Schedule.Annealed) Reroute(sweep);
            if (_center is not null)
            {
                for (int k = 0; k < _kk; k++) Center.Majority(_energy.WeightWords, k * wu, _kk * wu, _m, _n, _center.AsSpan(k * wu, wu));
                _field = _coupling.FieldAt(sweep + 1);
            }
            if (_options.Schedule == BetaSchedule.ReplicaExchange) ExchangeSweep(sweep);
            else Sweep(_options.BetaAt(sweep));
            sweep++;
            _energy.TrainErrors(errors);
            progress.Record(sweep, errors);
            observer?.OnStep(sweep, errors, this);
            bool copies = EpochProgress.AllSolved(errors), lifted = _energy.Energy == 0;
            if (_options.Schedule == BetaSchedule.ReplicaExchange) copies = lifted = Array.Exists(errors, e => e == 0);
            if (EpochProgress.Stops(_options.Stop, copies, lifted)) break;
        }
        var weights = Enumerable.Range(0, _m).Select(a => Weights(a).ToArray()).ToArray();
        return new LearningResult(weights, _kk, StepUnit.Sweep, sweep, errors, progress.FirstSolved, _energy.RoutedErrors())
        {
            MonteCarlo = new MonteCarloExtras(_energy.Energy, _proposed, _accepted, _exchange.Rate),
        };
    }

    /// <summary>Replica exchange: one sweep of every replica at its ladder temperature, then swaps of the pairs of parity sweep mod 2.</summary>
    internal void ExchangeSweep(int sweep)
    {
        _exchange.Assign(_options, _betas);
        SweepCopies();
        _exchange.Exchange(sweep & 1, _betas, _energy);
    }

    /// <summary>Replica exchange: the copy now at temperature k.</summary>
    internal int CopyAt(int k) => _exchange.CopyAt(k);
}
