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
/// message back along the same edge. No allocation inside a sweep.
/// </summary>
internal sealed class CommitteeBp
{
    private readonly CommitteeShape _shape;
    private readonly PatternMatrix _inputs;
    private readonly sbyte[] _labels;
    private readonly ILift _lift;
    private readonly ulong _seed;
    private readonly double _damping;
    private readonly int _m, _k, _n, _kn, _p, _len, _xiStride;
    private PatternRouting? _routing;
    private readonly float[][] _u;          // per pattern: M·K·n messages, factor copy b's unit k at (bK + k)·n
    private readonly double[][] _field;     // per weight copy: K·n total fields
    private readonly double[][] _external;  // per weight copy: the external part of the field
    private readonly double[] _xi, _routed, _scratch;
    private readonly float[] _old;
    private readonly double[][] _fresh;
    private readonly int[][] _sources;
    private readonly int[] _order;
    private RngStream _orders;

    public CommitteeBp(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, ILift lift, ulong seed, double damping)
    {
        (_shape, _inputs, _labels, _lift, _seed, _damping) = (shape, inputs, labels, lift, seed, damping);
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
        _xi = new double[_k * _len];
        _routed = new double[_kn];
        _old = new float[_kn];
        _scratch = new double[CommitteeFactor.ScratchLength(_k, _n)];
        _fresh = new double[_m][];
        _sources = new int[_m][];
        for (int b = 0; b < _m; b++) { _fresh[b] = new double[_kn]; _sources[b] = new int[_kn]; }
        _order = Enumerable.Range(0, _p).ToArray();
        _orders = RngStream.For(seed, StreamTag.PatternOrder);
        Change = new double[_m];
    }

    /// <summary>Per weight copy: the largest undamped change of a message or external field in the last sweep.</summary>
    public double[] Change { get; }

    /// <summary>Total fields of weight copy <paramref name="a"/> (K·n, unit k at k·n).</summary>
    public ReadOnlySpan<double> Field(int a) => _field[a];

    /// <summary>The routing in use (null: the copies' own weights).</summary>
    public PatternRouting? Routing => _routing;

    /// <summary>
    /// Sweep <paramref name="t"/> (0-based): annealed lifts first rewire (each message moves with its edge), then the factors
    /// in a random order; for each pattern all M factor copies are computed from the current fields, then delivered.
    /// </summary>
    public void Sweep(int t)
    {
        if (_routing is not null && _lift.Schedule == Schedule.Annealed && t > 0) Rewire(_lift.Routing(_n, _k * _p, _seed, t));
        Array.Clear(Change);
        _orders.Shuffle(_order);
        foreach (int mu in _order)
        {
            for (int k = 0; k < (_xiStride == 0 ? 1 : _k); k++)
                PackedRows.Expand(_shape.Input(_inputs, mu, k), _xi.AsSpan(k * _len, _len));
            var um = _u[mu];
            if (_routing is null) for (int b = 0; b < _m; b++) Array.Fill(_sources[b], b);
            else
                for (int k = 0; k < _k; k++) // unit by unit: a hashed routing draws row μK + k once
                {
                    var (table, row) = _routing.For(mu * _k + k);
                    for (int b = 0; b < _m; b++)
                        for (int i = 0; i < _n; i++) _sources[b][k * _n + i] = table.Source(row, b, i);
                }
            for (int b = 0; b < _m; b++)
            {
                var src = _sources[b];
                for (int j = 0; j < _kn; j++) _routed[j] = _field[src[j]][j];
                CommitteeFactor.MessagesFast(_k, _n, _routed, um.AsSpan(b * _kn, _kn), _xi, _xiStride, _labels[mu], _damping,
                    CommitteeBeliefPropagation.MaxMessage, _scratch, _fresh[b]);
            }
            for (int b = 0; b < _m; b++)
            {
                var src = _sources[b];
                var next = _fresh[b];
                var mine = um.AsSpan(b * _kn, _kn);
                for (int j = 0; j < _kn; j++)
                {
                    float msg = (float)next[j];
                    double delta = (double)msg - mine[j];
                    int a = src[j];
                    _field[a][j] += delta;
                    Change[a] = Math.Max(Change[a], Math.Abs(delta) / (1 - _damping)); // the undamped step
                    mine[j] = msg;
                }
            }
        }
    }

    /// <summary>Annealed schedule: every message leaves the weight copy of its old edge and joins that of its new one.</summary>
    private void Rewire(PatternRouting next)
    {
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
        _routing = next;
    }

    /// <summary>Reinforcement: the external field becomes ρ times the total field (ρ = 0 clears it: plain BP).</summary>
    public void Reinforce(double rho)
    {
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _kn; j++)
            {
                double r = rho * _field[a][j];
                _field[a][j] += r - _external[a][j];
                _external[a][j] = r;
            }
    }

    /// <summary>Focusing: the external field becomes f(h) of <see cref="FocusingSchedule.Field"/> of the cavity field h (damped);
    /// its undamped change counts toward convergence.</summary>
    public void Focus(double gamma, double y)
    {
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _kn; j++)
            {
                double h = _field[a][j] - _external[a][j];
                double f = (1 - _damping) * Math.Clamp(FocusingSchedule.Field(h, gamma, y), -CommitteeBeliefPropagation.MaxField, CommitteeBeliefPropagation.MaxField)
                    + _damping * _external[a][j];
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
