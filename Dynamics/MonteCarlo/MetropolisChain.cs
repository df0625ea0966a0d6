using System.Numerics;
using System.Runtime.CompilerServices;
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
public sealed class MetropolisChain
{
    private readonly Dataset _data;
    private readonly MCoverLift? _lift;
    private readonly MonteCarloOptions _options;
    private readonly ulong _seed;
    private readonly int _n, _p, _m, _wn, _wp, _bits, _threshold;
    private readonly ulong[] _weights;   // [a][wn]
    private readonly ulong[] _columns;   // [i][wp]: bit μ = [σ^μ ξ_i^μ = +1]
    private readonly int[] _stability;   // [b][μ]: routed Δ_{μb}
    private readonly ulong[] _boundary;  // [word j][b][2]: B₊ then B₋ of factor copy b, word j (the M pairs a multiplexer reads are adjacent)
    private readonly ulong[]? _inverse;  // [(i·M + a)·L + l][wp]: bit μ of plane l = bit l of π_{iμ}^{−1}(a)
    private readonly RngStream[] _rngs;
    private readonly ulong[] _routed;
    private readonly double[] _betas;    // β of each copy in the current sweep
    private readonly int[] _copyAt;      // replica exchange: the copy at temperature k (β_k rising with k)
    private RngStream _exchange;
    private int _energy;
    private long _proposed, _accepted, _swapsProposed, _swapsAccepted;

    /// <summary>Prepares M copies at uniform random weights.</summary>
    /// <param name="data">Training set.</param>
    /// <param name="lift">Identity lift (M independent chains) or an M-cover lift.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Schedule, budget, margin.</param>
    public MetropolisChain(Dataset data, ILift lift, ulong seed, MonteCarloOptions options)
    {
        _options = options.Validated();
        _data = data;
        _seed = seed;
        _lift = lift as MCoverLift;
        if (_lift is null && !lift.IsIdentity) throw new NotSupportedException($"lift '{lift.Kernel}' is neither the identity nor an M-cover lift");
        _n = data.N;
        _p = data.P;
        _m = lift.Copies;
        _wn = PackedSpins.WordCount(_n);
        _wp = PackedSpins.WordCount(_p);
        _bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(_m)));
        _threshold = (int)Math.Floor(options.Kappa * Math.Sqrt(_n));
        _weights = new ulong[_m * _wn];
        _rngs = new RngStream[_m];
        for (int a = 0; a < _m; a++)
        {
            Dataset.RandomVector(_n, RngStream.Key(seed, StreamTag.InitialState, (ulong)a)).CopyTo(_weights, a * _wn);
            _rngs[a] = RngStream.For(seed, StreamTag.Rule, (ulong)a);
        }
        _columns = Columns(data);
        _stability = new int[_m * _p];
        _boundary = new ulong[2 * _m * _wp];
        _routed = new ulong[_wn];
        _betas = new double[_m];
        _copyAt = Enumerable.Range(0, _m).ToArray();
        _exchange = RngStream.For(seed, StreamTag.Rule, ulong.MaxValue); // no copy uses this index
        if (options.Schedule == BetaSchedule.ReplicaExchange && (_lift is not null || _m < 2))
            throw new ArgumentException("replica exchange runs M ≥ 2 independent replicas (identity lift)", nameof(lift));
        if (_lift is not null) _inverse = new ulong[(long)_n * _m * _bits * _wp];
        Reroute(0);
    }

    /// <summary>Copies M.</summary>
    public int Copies => _m;
    /// <summary>Current energy (violated factor copies).</summary>
    public int Energy => _energy;
    /// <summary>Copy a's packed weights (live).</summary>
    public ReadOnlySpan<ulong> Weights(int a) => new(_weights, a * _wn, _wn);
    /// <summary>Routed stabilities Δ_{μb}, factor copy b at offset b·P (live).</summary>
    public ReadOnlySpan<int> Stabilities => _stability;

    /// <summary>The transposed pattern matrix with σ folded in: column i has bit μ set when σ^μ ξ_i^μ = +1.</summary>
    internal static ulong[] Columns(Dataset data)
    {
        int n = data.N, p = data.P, wp = PackedSpins.WordCount(p);
        var columns = new ulong[n * wp];
        for (int mu = 0; mu < p; mu++)
        {
            var row = data.Patterns.Row(mu);
            bool positive = data.Labels[mu] > 0;
            for (int i = 0; i < n; i++)
                if ((((row[i >> 6] >> (i & 63)) & 1) != 0) == positive) columns[i * wp + (mu >> 6)] |= 1UL << (mu & 63);
        }
        return columns;
    }

    /// <summary>Draws the routing of <paramref name="sweep"/> (lifted), recomputes every routed stability, the masks and E.</summary>
    private void Reroute(int sweep)
    {
        PatternRouting? routing = _lift?.Routing(_n, _p, _seed, sweep);
        if (_inverse is not null)
        {
            Array.Clear(_inverse);
            for (int mu = 0; mu < _p; mu++)
            {
                var (table, row) = routing!.For(mu);
                ulong bit = 1UL << (mu & 63);
                int word = mu >> 6;
                for (int b = 0; b < _m; b++)
                    for (int j = 0; j < _wn; j++)
                        for (int a = 0; a < _m; a++)
                        {
                            ulong sel = table.Select(row, b, a, j) & (j == _wn - 1 ? PackedSpins.LastWordMask(_n) : ulong.MaxValue);
                            while (sel != 0)
                            {
                                int i = 64 * j + BitOperations.TrailingZeroCount(sel);
                                sel &= sel - 1;
                                long at = ((long)(i * _m + a) * _bits) * _wp + word;
                                for (int l = 0; l < _bits; l++)
                                    if (((b >> l) & 1) != 0) _inverse[at + (long)l * _wp] |= bit;
                            }
                        }
            }
        }
        _energy = 0;
        Array.Clear(_boundary);
        for (int mu = 0; mu < _p; mu++)
        {
            var xi = _data.Patterns.Row(mu);
            int sigma = _data.Labels[mu];
            for (int b = 0; b < _m; b++)
            {
                ReadOnlySpan<ulong> w;
                if (routing is null) w = Weights(b);
                else
                {
                    var (table, row) = routing.For(mu);
                    table.Route(row, b, _weights, 0, _wn, _routed);
                    w = _routed;
                }
                int s = sigma * PackedSpins.Dot(w, xi, _n);
                _stability[b * _p + mu] = s;
                if (s <= _threshold) _energy++;
                SetBoundary(b, mu, s);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetBoundary(int b, int mu, int s)
    {
        int w = 2 * ((mu >> 6) * _m + b);
        ulong bit = 1UL << (mu & 63);
        ulong plus = s > _threshold && s <= _threshold + 2 ? bit : 0, minus = s > _threshold - 2 && s <= _threshold ? bit : 0;
        _boundary[w] = (_boundary[w] & ~bit) | plus;
        _boundary[w + 1] = (_boundary[w + 1] & ~bit) | minus;
    }

    /// <summary>ΔE of flipping w_i^a (no change made).</summary>
    public int EnergyChange(int i, int a)
    {
        Span<ulong> level = stackalloc ulong[2 * _m];
        return EnergyChange(i, a, level);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EnergyChange(int i, int a, Span<ulong> level)
    {
        bool up = ((_weights[a * _wn + (i >> 6)] >> (i & 63)) & 1) != 0;
        int col = i * _wp, created = 0, removed = 0;
        if (_inverse is null)
        {
            for (int j = 0, own = 2 * a; j < _wp; j++, own += 2 * _m)
            {
                ulong e = up ? _columns[col + j] : ~_columns[col + j]; // μ where w_i s_{μi} = +1: Δ drops by 2
                created += BitOperations.PopCount(_boundary[own] & e);
                removed += BitOperations.PopCount(_boundary[own + 1] & ~e);
            }
            return created - removed;
        }
        long planes = (long)(i * _m + a) * _bits * _wp;
        for (int j = 0; j < _wp; j++)
        {
            ulong e = up ? _columns[col + j] : ~_columns[col + j];
            // Multiplexer tree over factor copies: level l keeps B[b] or B[b | 2^l] as plane l says (as RoutingTable.Route).
            _boundary.AsSpan(2 * _m * j, 2 * _m).CopyTo(level);
            int count = _m;
            for (int l = 0; l < _bits; l++)
            {
                ulong plane = _inverse![planes + (long)l * _wp + j];
                int next = 0;
                for (int b = 0; b < count; b += 2, next++)
                {
                    if (b + 1 < count)
                    {
                        level[2 * next] = (level[2 * b] & ~plane) | (level[2 * b + 2] & plane);
                        level[2 * next + 1] = (level[2 * b + 1] & ~plane) | (level[2 * b + 3] & plane);
                    }
                    else
                    {
                        level[2 * next] = level[2 * b] & ~plane;
                        level[2 * next + 1] = level[2 * b + 1] & ~plane;
                    }
                }
                count = next;
            }
            created += BitOperations.PopCount(level[0] & e);
            removed += BitOperations.PopCount(level[1] & ~e);
        }
        return created - removed;
    }

    /// <summary>Flips w_i^a and updates the stabilities it moves (one per μ), the masks and E by <paramref name="change"/>.</summary>
    private void Flip(int i, int a, int change)
    {
        ref ulong word = ref _weights[a * _wn + (i >> 6)];
        bool up = ((word >> (i & 63)) & 1) != 0;
        word ^= 1UL << (i & 63);
        int col = i * _wp, t = _threshold;
        if (_inverse is null)
        {
            // Identity lift: the 64 stabilities of a word belong to copy a; its two mask words are rebuilt in registers.
            Span<int> stability = _stability.AsSpan(a * _p, _p);
            for (int j = 0; j < _wp; j++)
            {
                ulong e = up ? _columns[col + j] : ~_columns[col + j];
                int end = Math.Min(64, _p - 64 * j);
                ulong plus = 0, minus = 0;
                for (int k = 0; k < end; k++)
                {
                    ref int s = ref stability[64 * j + k];
                    s += 2 - 4 * (int)((e >> k) & 1); // Δ → Δ − 2 w_i s_{μi}
                    ulong bit = 1UL << k;
                    if ((uint)(s - t - 1) < 2u) plus |= bit;       // t < Δ ≤ t + 2
                    else if ((uint)(s - t + 1) < 2u) minus |= bit; // t − 2 < Δ ≤ t
                }
                int at = 2 * (j * _m + a);
                _boundary[at] = plus;
                _boundary[at + 1] = minus;
            }
            _energy += change;
            return;
        }
        long planes = (long)(i * _m + a) * _bits * _wp;
        for (int j = 0; j < _wp; j++)
        {
            ulong e = up ? _columns[col + j] : ~_columns[col + j];
            int end = Math.Min(64, _p - 64 * j);
            for (int k = 0; k < end; k++)
            {
                int mu = 64 * j + k, b = 0;
                for (int l = 0; l < _bits; l++) b |= (int)((_inverse[planes + (long)l * _wp + j] >> k) & 1) << l; // b_μ = π_{iμ}^{−1}(a)
                ref int s = ref _stability[b * _p + mu];
                s += 2 - 4 * (int)((e >> k) & 1);
                SetBoundary(b, mu, s);
            }
        }
        _energy += change;
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
                int change = EnergyChange(i, a, level);
                _proposed++;
                // Metropolis: accept with min(1, e^{−βΔE}).
                if (change <= 0 || rng.NextDouble() < Math.Exp(-_betas[a] * change))
                {
                    _accepted++;
                    Flip(i, a, change);
                }
            }
    }

    /// <summary>Runs the schedule until the stop rule is met or the sweep budget is spent.</summary>
    public MonteCarloResult Run()
    {
        var first = Enumerable.Repeat(-1, _m).ToArray();
        var errors = new int[_m];
        int sweep = 0;
        TrainErrors(errors);
        while (sweep < _options.Sweeps)
        {
            if (sweep > 0 && _lift?.Schedule == Schedule.Annealed) Reroute(sweep);
            if (_options.Schedule == BetaSchedule.ReplicaExchange) ExchangeSweep(sweep);
            else Sweep(_options.BetaAt(sweep));
            sweep++;
            TrainErrors(errors);
            for (int a = 0; a < _m; a++)
                if (errors[a] == 0 && first[a] < 0) first[a] = sweep;
            bool copies = Array.TrueForAll(errors, e => e == 0), lifted = _energy == 0;
            if (_options.Schedule == BetaSchedule.ReplicaExchange) copies = lifted = Array.Exists(errors, e => e == 0); // the search found a solution
            bool stop = _options.Stop switch
            {
                StopRule.Any => copies || lifted,
                StopRule.Lifted => lifted,
                StopRule.Copies => copies,
                _ => false,
            };
            if (stop) break;
        }
        int routed = 0;
        foreach (int s in _stability) if (s <= 0) routed++;
        var weights = Enumerable.Range(0, _m).Select(a => Weights(a).ToArray()).ToArray();
        return new MonteCarloResult(weights, sweep, errors, first, _energy, routed, _proposed, _accepted)
        {
            ExchangeRate = _swapsProposed == 0 ? double.NaN : (double)_swapsAccepted / _swapsProposed,
        };
    }

    /// <summary>Replica exchange: one sweep of every replica at its ladder temperature, then swaps of the pairs of parity sweep mod 2.</summary>
    internal void ExchangeSweep(int sweep)
    {
        for (int k = 0; k < _m; k++) _betas[_copyAt[k]] = _options.LadderBeta(k, _m);
        SweepCopies();
        Exchange(sweep & 1);
    }

    /// <summary>Replica exchange: the copy now at temperature k.</summary>
    internal int CopyAt(int k) => _copyAt[k];

    /// <summary>
    /// Replica exchange between neighbouring temperatures k, k + 1 for k ≡ <paramref name="parity"/> (mod 2): the
    /// configurations at β_k and β_{k+1} swap with probability min(1, e^{(β_{k+1} − β_k)(E_{k+1} − E_k)}), which keeps
    /// ∏_k e^{−β_k E_k} stationary (Hukushima &amp; Nemoto, JPSJ 65, 1604 (1996)). Temperatures move, configurations and
    /// their streams stay with their copy. Uniforms come from (seed, Rule, 2^64 − 1).
    /// </summary>
    private void Exchange(int parity)
    {
        for (int k = parity; k + 1 < _m; k += 2)
        {
            int a = _copyAt[k], b = _copyAt[k + 1];
            double x = (_betas[b] - _betas[a]) * (CopyEnergy(b) - CopyEnergy(a));
            _swapsProposed++;
            if (x >= 0 || _exchange.NextDouble() < Math.Exp(x))
            {
                _swapsAccepted++;
                (_copyAt[k], _copyAt[k + 1]) = (b, a);
                (_betas[a], _betas[b]) = (_betas[b], _betas[a]);
            }
        }
    }

    /// <summary>Energy of copy a alone (identity lift): its stabilities with Δ ≤ κ√N.</summary>
    private int CopyEnergy(int a)
    {
        int e = 0;
        foreach (int s in _stability.AsSpan(a * _p, _p)) if (s <= _threshold) e++;
        return e;
    }

    /// <summary>Base training errors (Δ ≤ 0 on the original patterns) of every copy; read off the stabilities for the identity lift.</summary>
    private void TrainErrors(int[] errors)
    {
        Array.Clear(errors);
        for (int a = 0; a < _m; a++)
        {
            if (_inverse is null)
            {
                for (int mu = 0; mu < _p; mu++) if (_stability[a * _p + mu] <= 0) errors[a]++;
            }
            else errors[a] = Dataset.ErrorCount(Weights(a), _data.Patterns, _data.Labels);
        }
    }

    /// <summary>E recomputed from scratch (test oracle): Σ_{μ,b} [σ^μ w̃^{(μ,b)}·ξ^μ ≤ t] with the routing of <paramref name="sweep"/>.</summary>
    internal int NaiveEnergy(int sweep, int[]? stabilities = null)
    {
        PatternRouting? routing = _lift?.Routing(_n, _p, _seed, sweep);
        int energy = 0;
        var routed = new ulong[_wn];
        for (int mu = 0; mu < _p; mu++)
            for (int b = 0; b < _m; b++)
            {
                int s = 0;
                for (int i = 0; i < _n; i++)
                {
                    int src = routing is null ? b : routing.For(mu).Table.Source(routing.For(mu).Row, b, i);
                    s += PackedSpins.Get(Weights(src), i) * PackedSpins.Get(_data.Patterns.Row(mu), i);
                }
                s *= _data.Labels[mu];
                if (stabilities is not null) stabilities[b * _p + mu] = s;
                if (s <= _threshold) energy++;
            }
        return energy;
    }

    /// <summary>Sets the weights of all copies from the bits of <paramref name="state"/> (copy a: bits a·N …; N·M ≤ 31; tests).</summary>
    internal void SetState(int state)
    {
        if (_n * _m > 31) throw new InvalidOperationException("state index needs N·M ≤ 31");
        Array.Clear(_weights);
        for (int a = 0; a < _m; a++) _weights[a * _wn] = (ulong)((state >> (a * _n)) & ((1 << _n) - 1));
        Reroute(0);
    }

    /// <summary>Proposes and accepts flip (i, a) unconditionally (tests).</summary>
    internal void ForceFlip(int i, int a) => Flip(i, a, EnergyChange(i, a));
}
