using System.Runtime.CompilerServices;
using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Lifts;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The state of committee BP on the M-cover: total fields H_{a,k,i} of every weight copy, one float message per edge
/// (μ, b, k, i) of the cover, the external (reinforcement or focusing) fields, and the sweep that updates them. Factor copy
/// (μ, b) reads unit k's weight i from copy π_{(μk) i}(b) (routing row μK + k, as the committee trainer) and sends its
/// message back along the same edge. No allocation inside a sweep. With routing the factor copies of a pattern are spread
/// over a team of threads (CommitteeBp.Team.cs) where enabled (<see cref="MinTeamEdges"/>; off by default); dispose to end the team.
/// </summary>
internal sealed partial class CommitteeBp : IDisposable
{
    private readonly CommitteeShape _shape;
    private readonly PatternMatrix _inputs;
    private readonly sbyte[] _labels;
    private readonly ILift _lift;
    private readonly ulong _seed;
    private readonly double _damping;
    private readonly int _m, _k, _n, _kn, _p, _len, _xiStride;
    private PatternRouting? _routing;
    private PatternRouting? _spare; // the routing of two sweeps back (annealed): the next draw overwrites its table
    private readonly float[][] _u;          // per pattern: M·K·n messages, factor copy b's unit k at (bK + k)·n
    private readonly double[][] _field;     // per weight copy: K·n total fields
    private readonly double[][] _external;  // per weight copy: the external part of the field
    private readonly double[][]? _bias;     // per weight copy: the kept random field that breaks the hidden units' permutation symmetry (null: none)
    private readonly BpAccuracy _accuracy;
    private readonly CommitteeBpWork[] _work; // one per factor copy b
    private readonly ushort[][] _sources;   // stored routing: per pattern the M·K·n source copies (b·K·n + j); hashed: one, refilled per pattern
    private readonly int[] _order;
    private readonly ParallelOptions _parallel;
    private readonly Action<int> _sweepCopy;
    private RngStream _orders;

    /// <summary>Committee BP's state; <paramref name="threads"/> spreads the copies of the identity lift, and the factor copies
    /// of a routed lift with at least <paramref name="minTeamEdges"/> cover edges per pattern (M·K·n), over threads (results do
    /// not depend on either). <paramref name="breakSymmetry"/>: the random initial field stays on as a symmetry-breaking part of
    /// the external field (under reinforcement and focusing) instead of being cleared after the first sweep.</summary>
    public CommitteeBp(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, ILift lift, ulong seed, double damping,
        BpAccuracy accuracy = BpAccuracy.Exact, int threads = 1, bool breakSymmetry = false, int minTeamEdges = DefaultMinTeamEdges)
    {
        (_shape, _inputs, _labels, _lift, _seed, _damping, _accuracy) = (shape, inputs, labels, lift, seed, damping, accuracy);
        (_m, _k, _n, _p) = (lift.Copies, shape.Hidden, shape.UnitInputs, labels.Length);
        _kn = _k * _n;
        _len = PackedRows.PaddedLength(_n);
        _xiStride = shape.Arch == Architecture.Tree ? _len : 0;
        _routing = lift.NeedsRouting ? lift.Routing(_n, _k * _p, seed, 0) : null;
        _u = new float[_p][];
        for (int mu = 0; mu < _p; mu++) _u[mu] = new float[_m * _kn];
        _field = new double[_m][];
        _external = new double[_m][];
        for (int a = 0; a < _m; a++)
        {
            _field[a] = new double[_kn];
            _external[a] = new double[_kn];
            for (int k = 0; k < _k; k++)
            {
                var init = RngStream.For(seed, StreamTag.InitialState, (ulong)(a * _k + k));
                for (int i = 0; i < _n; i++)
                    _field[a][k * _n + i] = _external[a][k * _n + i] = CommitteeBeliefPropagation.InitialField * (init.NextULong() >> 63 == 0 ? 1 : -1);
            }
        }
        if (breakSymmetry) _bias = _external.Select(e => (double[])e.Clone()).ToArray();
        _work = new CommitteeBpWork[_m];
        for (int b = 0; b < _m; b++) _work[b] = new CommitteeBpWork(accuracy, _k, _n, _k * _len);
        _tables = new RoutingTable[_k];
        _rows = new int[_k];
        _sources = StoreSources();
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        _sweepCopy = SweepCopy;
        _order = Enumerable.Range(0, _p).ToArray();
        _orders = RngStream.For(seed, StreamTag.PatternOrder);
        Change = new double[_m];
        StartTeam(threads, minTeamEdges);
        if (_teamChange.Length == 0) _teamChange = [new double[_m]];
    }

    /// <summary>Per weight copy: the largest undamped change of a message or external field in the last sweep.</summary>
    public double[] Change { get; }

    /// <summary>Total fields of weight copy <paramref name="a"/> (K·n, unit k at k·n).</summary>
    public ReadOnlySpan<double> Field(int a) => _field[a];

    /// <summary>The routing in use (null: the copies' own weights).</summary>
    public PatternRouting? Routing => _routing;

    /// <summary>
    /// Sweep <paramref name="t"/> (0-based): annealed lifts first rewire (each message moves with its edge), then the factors
    /// in a random order; for each pattern all M factor copies are computed from the current fields, then delivered. Without
    /// routing (the identity lift) copy b's factors read and write copy b only, so the copies run as independent sweeps in
    /// the same pattern order, spread over the threads. With routing and a team, the team computes blocks of factor copies,
    /// then delivers blocks of edges (each edge's changes in ascending b, as here): the same fields bit for bit.
    /// </summary>
    public void Sweep(int t)
    {
        if (_routing is not null && _lift.Schedule == Schedule.Annealed && t > 0) Rewire(_lift.Routing(_n, _k * _p, _seed, t, reuse: _spare));
        Array.Clear(Change);
        _orders.Shuffle(_order);
        if (_routing is null)
        {
            if (_parallel.MaxDegreeOfParallelism > 1 && _m > 1) Parallel.For(0, _m, _parallel, _sweepCopy);
            else for (int b = 0; b < _m; b++) SweepCopy(b);
            return;
        }
        if (_barrier is not null)
        {
            SweepTeam();
            return;
        }
        var shared = _work[0];
        var largest = _teamChange[0];
        Array.Clear(largest);
        foreach (int mu in _order)
        {
            ExpandInputs(mu, shared);
            var um = _u[mu];
            if (_routing.IsHashed)
            {
                FetchRows(_routing, mu);
                FillSources(_sources[0], 0, _m);
            }
            var src = SourcesOf(mu);
            for (int b = 0; b < _m; b++) Compute(mu, Gather(src, b, shared.Routed), um.AsSpan(b * _kn, _kn), shared, shared, _work[b]);
            for (int b = 0; b < _m; b++) DeliverRouted(src, b, um.AsSpan(b * _kn, _kn), _work[b], largest, 0, _kn);
        }
        MergeChanges();
    }

    /// <summary>One sweep of copy <paramref name="b"/> of the identity lift (its factors, its fields, its messages).</summary>
    private void SweepCopy(int b)
    {
        var work = _work[b];
        foreach (int mu in _order)
        {
            ExpandInputs(mu, work);
            var mine = _u[mu].AsSpan(b * _kn, _kn);
            if (_accuracy == BpAccuracy.Expand)
            {
                double largest = ExpandedFactor.MessagesDelivered(_k, _n, _field[b], mine, work.XiF, _xiStride, _labels[mu], _damping,
                    CommitteeBeliefPropagation.MaxMessage, work.Cavity, work.Units, work.FreshF);
                Change[b] = Math.Max(Change[b], largest / (1 - _damping));
                continue;
            }
            Compute(mu, _field[b], mine, work, work, work);
            Deliver(b, mine, work);
        }
    }

    /// <summary>Pattern μ's unit inputs as ±1 reals (the fully connected machine: one row for all units).</summary>
    private void ExpandInputs(int mu, CommitteeBpWork work)
    {
        for (int k = 0; k < (_xiStride == 0 ? 1 : _k); k++)
            if (_accuracy == BpAccuracy.Exact) PackedRows.Expand(_shape.Input(_inputs, mu, k), work.Xi.AsSpan(k * _len, _len));
            else ExpandedFactor.ExpandFast(_shape.Input(_inputs, mu, k), work.XiF.AsSpan(k * _len, _len));
    }

    /// <summary>Fresh messages of one factor copy of pattern μ from its routed fields, the inputs expanded in
    /// <paramref name="inputs"/> and <paramref name="work"/>'s scratch into <paramref name="into"/>'s fresh buffer.</summary>
    private void Compute(int mu, ReadOnlySpan<double> routed, ReadOnlySpan<float> mine, CommitteeBpWork inputs, CommitteeBpWork work, CommitteeBpWork into)
    {
        if (_accuracy == BpAccuracy.Exact)
            CommitteeFactor.MessagesFast(_k, _n, routed, mine, inputs.Xi, _xiStride, _labels[mu], _damping,
                CommitteeBeliefPropagation.MaxMessage, work.Scratch, into.Fresh);
        else
            ExpandedFactor.MessagesFast(_k, _n, routed, mine, inputs.XiF, _xiStride, _labels[mu], _damping,
                CommitteeBeliefPropagation.MaxMessage, work.Cavity, work.Units, into.FreshF);
    }

    /// <summary>Identity lift, exact message (the expanded one delivers inside its kernel, <see cref="ExpandedFactor.MessagesDelivered"/>):
    /// factor copy b's fresh messages replace its old ones, each change going to copy b's field. The
    /// largest undamped change max|δ|/(1 − d) is taken after the maximum (division by a positive constant is monotone under
    /// rounding, so this equals the maximum of the quotients).</summary>
    private void Deliver(int b, Span<float> mine, CommitteeBpWork work)
    {
        double undamp = 1 - _damping;
        var field = _field[b];
        double largest = 0;
        for (int j = 0; j < _kn; j++)
        {
            float msg = (float)work.Fresh[j];
            double delta = (double)msg - mine[j];
            mine[j] = msg;
            field[j] += delta;
            largest = Math.Max(largest, Math.Abs(delta));
        }
        Change[b] = Math.Max(Change[b], largest / undamp);
    }

    /// <summary>Edges [<paramref name="from"/>, <paramref name="to"/>) of routed factor copy b: each change δ goes to the field of
    /// weight copy src[bKn + j], and |δ| to <paramref name="largest"/>[src[bKn + j]] (a running maximum, undamped after the sweep).</summary>
    private void DeliverRouted(ushort[] src, int b, Span<float> mine, CommitteeBpWork work, double[] largest, int from, int to)
    {
        var copy = src.AsSpan(b * _kn, _kn);
        if (_accuracy == BpAccuracy.Exact)
        {
            var fresh = work.Fresh;
            for (int j = from; j < to; j++) Add(copy[j], j, (float)fresh[j], ref mine[j], largest);
        }
        else
        {
            var fresh = work.FreshF;
            for (int j = from; j < to; j++) Add(copy[j], j, fresh[j], ref mine[j], largest);
        }
    }

    /// <summary>One routed edge: the message becomes <paramref name="msg"/>, its change goes to weight copy a's field at j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int a, int j, float msg, ref float mine, double[] largest)
    {
        double delta = (double)msg - mine;
        mine = msg;
        _field[a][j] += delta;
        largest[a] = Math.Max(largest[a], Math.Abs(delta));
    }

    /// <summary>Annealed schedule: every message leaves the weight copy of its old edge and joins that of its new one (stored
    /// tables on a team: each worker moves the messages of its block of edges, in the same order per edge).</summary>
    private void Rewire(PatternRouting next)
    {
        if (!_routing!.IsHashed && !next.IsHashed)
        {
            if (_barrier is not null) RewireTeam(next);
            else RewireStored(next, 0, _kn);
            (_spare, _routing) = (_routing, next);
            return;
        }
        for (int mu = 0; mu < _p; mu++)
            for (int k = 0; k < _k; k++)
            {
                var (was, wasRow) = _routing!.For(mu * _k + k);
                var (now, nowRow) = next.For(mu * _k + k);
                for (int b = 0; b < _m; b++)
                    for (int i = 0; i < _n; i++)
                    {
                        double msg = _u[mu][(b * _k + k) * _n + i];
                        _field[was.Source(wasRow, b, i)][k * _n + i] -= msg;
                        _field[now.Source(nowRow, b, i)][k * _n + i] += msg;
                    }
            }
        (_spare, _routing) = (_routing, next);
    }

    /// <summary>Reinforcement: the external field becomes ρ times the total field (ρ = 0 clears it: plain BP), plus 1 − ρ times
    /// the symmetry-breaking field where there is one.</summary>
    public void Reinforce(double rho)
    {
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _kn; j++)
            {
                double r = rho * _field[a][j];
                if (_bias is not null) r += (1 - rho) * _bias[a][j];
                _field[a][j] += r - _external[a][j];
                _external[a][j] = r;
            }
    }

    /// <summary>Focusing: the external field becomes f(h) of <see cref="FocusingSchedule.Field"/> of the cavity field h (damped),
    /// plus the symmetry-breaking field where there is one; its undamped change counts toward convergence.</summary>
    public void Focus(double gamma, double y)
    {
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _kn; j++)
            {
                double h = _field[a][j] - _external[a][j];
                double f = (1 - _damping) * Math.Clamp(FocusingSchedule.Field(h, gamma, y), -CommitteeBeliefPropagation.MaxField, CommitteeBeliefPropagation.MaxField);
                if (_bias is not null) f += (1 - _damping) * _bias[a][j];
                f += _damping * _external[a][j];
                Change[a] = Math.Max(Change[a], Math.Abs(f - _external[a][j]) / (1 - _damping));
                _field[a][j] = h + f;
                _external[a][j] = f;
            }
    }

    /// <summary>sign(H) of every unit: <paramref name="units"/>[aK + k] (⌈n/64⌉ words) and <paramref name="weights"/>[a] (units concatenated).</summary>
    public void Signs(ulong[][] units, ulong[][] weights)
    {
        int w = _shape.UnitWords;
        for (int a = 0; a < _m; a++)
            for (int k = 0; k < _k; k++)
            {
                PackedRows.Signs(_field[a].AsSpan(k * _n, _n), units[a * _k + k]);
                units[a * _k + k].CopyTo(weights[a].AsSpan(k * w, w));
            }
    }

    /// <summary>Training errors of each copy's committee.</summary>
    public void Errors(ulong[][] weights, int[] errors)
    {
        for (int a = 0; a < _m; a++) errors[a] = _shape.ErrorCount(weights[a], _inputs, _labels);
    }

    /// <summary>Factor copies (μ, b) whose routed committee (unit k's weight i from copy π(b)) violates its label.</summary>
    public int RoutedErrors(ulong[][] weights)
    {
        if (_routing is null) return weights.Sum(w => _shape.ErrorCount(w, _inputs, _labels));
        int w = _shape.UnitWords, errors = 0;
        var routed = new ulong[_m][];
        for (int b = 0; b < _m; b++) routed[b] = new ulong[_k * w];
        for (int mu = 0; mu < _p; mu++)
        {
            foreach (var r in routed) Array.Clear(r);
            for (int k = 0; k < _k; k++)
            {
                var (table, row) = _routing.For(mu * _k + k);
                for (int b = 0; b < _m; b++)
                    for (int i = 0; i < _n; i++)
                        if (((weights[table.Source(row, b, i)][k * w + (i >> 6)] >> (i & 63)) & 1) != 0) routed[b][k * w + (i >> 6)] |= 1UL << (i & 63);
            }
            for (int b = 0; b < _m; b++)
                if (_shape.Output(routed[b], _inputs, mu) != _labels[mu]) errors++;
        }
        return errors;
    }
}
