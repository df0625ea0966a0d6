using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// Metropolis single-weight flips on the (lifted) training energy E(w) = Σ_{μ,b} Θ(κ√N − σ^μ w̃^{(μ,b)}·ξ^μ), with
/// w̃^{(μ,b)}_i = w_i^{π_{iμ}(b)} (π ≡ id for the identity lift: M independent chains). Constant β samples the Gibbs law
/// ∝ e^{−βE} (Gibbs learning, Seung, Sompolinsky, Tishby PRA 45, 6056 (1992)); a rising β is simulated annealing.
/// </summary>
/// <remarks>
/// docs/physics/monte-carlo.md. All P·M routed stabilities Δ_{μb} are kept. With a threshold t = ⌊κ√N⌋ (violated ⇔ Δ ≤ t)
/// and Δ ≡ N (mod 2), a flip moves Δ by ±2, so only the boundary sets B₊ = {t &lt; Δ ≤ t + 2} (may become violated) and
/// B₋ = {t − 2 &lt; Δ ≤ t} (may become satisfied) can change status; they are bit masks over μ per factor copy b.
/// Flipping w_i^a moves Δ_{μ,b_μ}, b_μ = π_{iμ}^{−1}(a), by −2 w_i^a s_{μi}, s_{μi} = σ^μ ξ_i^μ, so with the column
/// c_i = {μ : s_{μi} = +1} (the pattern matrix transposed, σ folded in) and e = (w_i^a = +1 ? c_i : ¬c_i):
/// ΔE = popcount(B₊[b_μ] ∧ e) − popcount(B₋[b_μ] ∧ ¬e), where B[b_μ] is gathered over μ by a bit-sliced multiplexer
/// over the M factor copies driven by the ⌈log₂M⌉ planes of the inverse routing of (i, a). Stabilities and masks are
/// updated only on accepted flips (O(P)).
/// A sweep is N proposals per copy, interleaved over copies: step s proposes on copy 0, 1, …, M − 1 in turn, the site
/// i uniform in [0, N) from copy a's stream (seed, Rule, a), which also draws the Metropolis uniforms (only when ΔE &gt; 0).
/// Random-site Metropolis satisfies detailed balance for e^{−βE} at every single proposal.
/// Initial weights: uniform ±1 from (seed, InitialState, a). Annealed routing is redrawn before every sweep after the
/// first, and stabilities recomputed. No allocation inside a sweep.
/// </remarks>
public sealed class MetropolisChain : ILearningDynamics, IWeightView
{
    private readonly ILift? _lift; // null: the copies' own weights (no routing)
    private readonly MonteCarloOptions _options;
    private readonly ulong _seed;
    private readonly int _n, _m;
    private readonly ChainEnergy _energy;
    private readonly RngStream[] _rngs;
    private readonly double[] _betas; // β of each copy in the current sweep
    private readonly ReplicaExchange _exchange;
    private readonly CopyCoupling _coupling;
    private readonly ulong[]? _center; // replicated: c = sign(Σ_a w^a), recomputed after every sweep (ties keep c_i)
    private double _field;             // γ_t of the current sweep
    private long _proposed, _accepted;

    /// <summary>Prepares M copies at uniform random weights.</summary>
    /// <param name="data">Training set.</param>
    /// <param name="lift">Identity lift (M independent chains) or an M-cover lift.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Schedule, budget, margin.</param>
    /// <param name="coupling">A coupling with a center (replicated: the robust ensemble, Baldassi et al. PRL 115, 128101 (2015))
    /// between the copies of the identity lift; null or none: independent chains.</param>
    public MetropolisChain(Dataset data, ILift lift, ulong seed, MonteCarloOptions options, CopyCoupling? coupling = null)
    {
        _options = options.Validated();
        _seed = seed;
        _lift = lift.NeedsRouting ? lift : null;
        _n = data.N;
        _m = lift.Copies;
        _energy = new ChainEnergy(data, _m, seed, options.Kappa, lifted: _lift is not null);
        _rngs = new RngStream[_m];
        for (int a = 0; a < _m; a++) _rngs[a] = RngStream.For(seed, StreamTag.Rule, (ulong)a);
        _betas = new double[_m];
        _exchange = new ReplicaExchange(_m, seed);
        if (options.Schedule == BetaSchedule.ReplicaExchange && (_lift is not null || _m < 2))
            throw new ArgumentException("replica exchange runs M ≥ 2 independent replicas (identity lift)", nameof(lift));
        _coupling = coupling ?? CopyCoupling.None;
        if (_coupling.Couples && (!_coupling.NeedsCenter || _lift is not null || options.Schedule == BetaSchedule.ReplicaExchange))
            throw new ArgumentException("Monte Carlo takes a coupling with a center (replicated) between the copies of the identity lift, without replica exchange", nameof(coupling));
        if (_coupling.NeedsCenter) _center = new ulong[PackedSpins.WordCount(_n)];
        Reroute(0);
    }

    /// <summary>Copies M.</summary>
    public int Copies => _m;
    /// <inheritdoc />
    int IWeightView.Count => _m;
    /// <summary>Weights per copy N.</summary>
    public int N => _n;
    /// <inheritdoc />
    public StepUnit Unit => StepUnit.Sweep;
    /// <summary>Current energy (violated factor copies).</summary>
    public int Energy => _energy.Energy;
    /// <summary>Copy a's packed weights (live).</summary>
    public ReadOnlySpan<ulong> Weights(int a) => _energy.Weights(a);
    /// <summary>Routed stabilities Δ_{μb}, factor copy b at offset b·P (live).</summary>
    public ReadOnlySpan<int> Stabilities => _energy.Stability;

    /// <summary>The energy bookkeeping (test oracles).</summary>
    internal ChainEnergy State => _energy;

    /// <summary>The routing of <paramref name="sweep"/> (null: identity lift).</summary>
    internal PatternRouting? RoutingAt(int sweep) => _lift?.Routing(_n, _energy.P, _seed, sweep);

    /// <summary>Draws the routing of <paramref name="sweep"/> (lifted; into the previous sweep's table), recomputes every routed stability, the masks and E.</summary>
    internal void Reroute(int sweep)
    {
        // the energy keeps no routing (it builds its inverse planes and stabilities), so the last table is redrawn in place
        _routing = _lift?.Routing(_n, _energy.P, _seed, sweep, reuse: _routing);
        _energy.Reroute(_routing);
    }

    private PatternRouting? _routing;

    /// <summary>ΔE of flipping w_i^a (no change made).</summary>
    public int EnergyChange(int i, int a)
    {
        Span<ulong> level = stackalloc ulong[2 * _m];
        return FlipEnergy.Change(_energy, i, a, level);
    }

    /// <summary>One sweep at inverse temperature β: N proposals per copy, interleaved over copies.</summary>
    public void Sweep(double beta)
    {
        Array.Fill(_betas, beta);
        SweepCopies();
    }

    /// <summary>One sweep with copy a at inverse temperature β_a = <see cref="_betas"/>[a].</summary>
    private void SweepCopies()
    {
        Span<ulong> level = stackalloc ulong[2 * _m];
        for (int step = 0; step < _n; step++)
            for (int a = 0; a < _m; a++)
            {
                ref var rng = ref _rngs[a];
                int i = rng.NextInt(_n);
                int change = FlipEnergy.Change(_energy, i, a, level);
                _proposed++;
                // The center's field: flipping w_i^a = s changes γ w^a·c by −2γ s c_i.
                double pull = _field == 0 ? 0 : 2 * _field * PackedSpins.Get(_energy.Weights(a), i) * PackedSpins.Get(_center, i);
                // Metropolis: accept with min(1, e^{−βΔE − 2γ s c_i}); without a field exactly the uncoupled test and draws.
                double exponent = _betas[a] * change + pull;
                if (pull == 0 ? change <= 0 || rng.NextDouble() < Math.Exp(-_betas[a] * change) : exponent <= 0 || rng.NextDouble() < Math.Exp(-exponent))
                {
                    _accepted++;
                    _energy.Flip(i, a, change);
                }
            }
    }

    /// <summary>Runs the schedule until the stop rule is met or the sweep budget is spent.</summary>
    public MonteCarloResult Run() => MonteCarloResult.From(Learn());

    /// <summary>Runs the schedule until the stop rule is met or the sweep budget is spent; <paramref name="observer"/> sees every sweep.</summary>
    public LearningResult Learn(IStepObserver? observer = null)
    {
        var progress = new EpochProgress(_m);
        var errors = new int[_m];
        int sweep = 0;
        _energy.TrainErrors(errors);
        while (sweep < _options.Sweeps)
        {
            if (sweep > 0 && _lift?.Schedule == Schedule.Annealed) Reroute(sweep);
            if (_center is not null)
            {
                Center.Majority(_energy.WeightWords, 0, _energy.WordsN, _m, _n, _center);
                _field = _coupling.FieldAt(sweep + 1);
            }
            if (_options.Schedule == BetaSchedule.ReplicaExchange) ExchangeSweep(sweep);
            else Sweep(_options.BetaAt(sweep));
            sweep++;
            _energy.TrainErrors(errors);
            progress.Record(sweep, errors);
            observer?.OnStep(sweep, errors, this);
            bool copies = EpochProgress.AllSolved(errors), lifted = _energy.Energy == 0;
            if (_options.Schedule == BetaSchedule.ReplicaExchange) copies = lifted = Array.Exists(errors, e => e == 0); // the search found a solution
            if (EpochProgress.Stops(_options.Stop, copies, lifted)) break;
        }
        var weights = Enumerable.Range(0, _m).Select(a => Weights(a).ToArray()).ToArray();
        return new LearningResult(weights, 1, StepUnit.Sweep, sweep, errors, progress.FirstSolved, _energy.RoutedErrors())
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
