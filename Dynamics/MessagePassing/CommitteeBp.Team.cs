using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The routed sweep spread over a team of threads: the calling thread is worker 0, workers 1 … T − 1 are threads started
/// in the constructor (T = min(threads, M)) that live until <see cref="Dispose"/>. Per pattern μ, two barriers: the caller
/// expands μ's inputs and fetches its routing rows, then (barrier) worker w computes the factor copies b of its block
/// (gathers their sources and routed fields, each copy in its own <see cref="CommitteeBpWork"/>; the fields are only read),
/// then (barrier) worker w delivers the edges j of its block for every b in ascending order. Different edges touch
/// different fields and messages, and every edge sees its b's in the sequential order, so the fields are those of the
/// one-thread sweep bit for bit; each worker keeps its own running maxima of the changes, merged after the sweep (the
/// maximum is exact in any order). A pattern is never overwritten before every worker has read it: the barrier between
/// the phases follows the read, and the end of a sweep (Idle) takes a second barrier. No allocation inside a sweep.
/// </summary>
internal sealed partial class CommitteeBp
{
    /// <summary>
    /// Fewest cover edges per pattern (M·K·n) for which a routed sweep runs on a team by default: none (int.MaxValue), the
    /// team is off. Measured on the quiet 2-core machine (2026-12-04, docs/performance.md), two threads made a routed sweep
    /// slower at every size tried (K = 3 tree, uniform 4-cover, N = 999: 12 against 8 ns per edge, wall; N = 2997, M = 8:
    /// 14.6 against 13.3): each worker delivers its edge block for all M factor copies, whose fresh messages the other worker
    /// wrote, and the two barriers per pattern cost more than half of a pattern's work. The team stays as a tested,
    /// bit-identical path (tests lower <see cref="MinTeamEdges"/>) until a machine where it pays has been measured.
    /// </summary>
    public const int DefaultMinTeamEdges = int.MaxValue;

    /// <summary>The threshold <see cref="CommitteeBeliefPropagation"/> passes (tests lower it; results do not depend on it).</summary>
    internal static int MinTeamEdges { get; set; } = DefaultMinTeamEdges;

    private const int Idle = -1, Stop = -2, Rewiring = -3;
    private readonly RoutingTable[] _tables; // routing table and row of each unit k of the current pattern
    private readonly int[] _rows;
    private TeamBarrier? _barrier;
    private Thread[] _workers = [];
    private double[][] _teamChange = [];     // per worker (one without a team): running maxima of |δ| per weight copy
    private int _pattern = Idle;             // the pattern the team works on (Idle: between sweeps, Rewiring: moving messages, Stop: end)
    private PatternRouting? _next;           // the routing a rewiring moves the messages to
    private Exception? _failure;

    /// <summary>Threads a routed sweep runs on (1: the sequential sweep).</summary>
    public int TeamSize => _workers.Length + 1;

    /// <summary>Starts the team when there is routing, more than one thread and copy, and enough edges per pattern.</summary>
    private void StartTeam(int threads, int minTeamEdges)
    {
        if (_routing is null || threads < 2 || _m < 2 || (long)_m * _kn < minTeamEdges) return;
        int size = Math.Min(threads, _m);
        _teamChange = new double[size][];
        for (int w = 0; w < size; w++) _teamChange[w] = new double[_m];
        _barrier = new TeamBarrier(size);
        _workers = new Thread[size - 1];
        for (int w = 1; w < size; w++)
        {
            int id = w;
            _workers[w - 1] = new Thread(() => Work(id)) { IsBackground = true, Name = $"committee-bp-{id}" };
            _workers[w - 1].Start();
        }
    }

    /// <summary>One routed sweep over <see cref="_order"/> on the team (the caller is worker 0).</summary>
    private void SweepTeam()
    {
        var barrier = _barrier!;
        foreach (var c in _teamChange) Array.Clear(c);
        foreach (int mu in _order)
        {
            try
            {
                ExpandInputs(mu, _work[0]);
                if (_routing!.IsHashed) FetchRows(_routing, mu); // the workers fill their copies' sources
            }
            catch (Exception e) { _failure ??= e; }
            _pattern = mu;
            barrier.SignalAndWait();
            Phases(0, mu, barrier);
        }
        _pattern = Idle;
        barrier.SignalAndWait(); // every worker has delivered its edges of the last pattern
        barrier.SignalAndWait(); // and has read Idle: the next sweep may set the next pattern
        MergeChanges();
        if (_failure is { } failure) throw new InvalidOperationException("a committee BP worker failed", failure);
    }

    /// <summary>The workers' largest |δ| per weight copy, undamped (÷ (1 − d), monotone under rounding: the maximum of the
    /// quotients), into <see cref="Change"/>.</summary>
    private void MergeChanges()
    {
        foreach (var c in _teamChange)
            for (int a = 0; a < _m; a++) Change[a] = Math.Max(Change[a], c[a] / (1 - _damping));
    }

    /// <summary>Worker w's loop: wait for a pattern, run its two phases, until <see cref="Stop"/>.</summary>
    private void Work(int w)
    {
        var barrier = _barrier!;
        while (true)
        {
            barrier.SignalAndWait();
            int mu = _pattern;
            if (mu == Stop) return;
            if (mu == Rewiring)
            {
                try { RewireBlock(w); }
                catch (Exception e) { _failure ??= e; }
                barrier.SignalAndWait();
            }
            else if (mu == Idle) barrier.SignalAndWait(); // the caller may set _pattern once every worker has read it
            else Phases(w, mu, barrier);
        }
    }

    /// <summary>Worker w's part of pattern μ: its factor copies, the barrier, its edges (a failure is kept, the barriers still met).</summary>
    private void Phases(int w, int mu, TeamBarrier barrier)
    {
        try { ComputeBlock(w, mu); }
        catch (Exception e) { _failure ??= e; }
        barrier.SignalAndWait();
        try { DeliverBlock(w, mu); }
        catch (Exception e) { _failure ??= e; }
    }

    /// <summary>Phase A: the fresh messages of factor copies b ∈ [wM/T, (w + 1)M/T) of pattern μ.</summary>
    private void ComputeBlock(int w, int mu)
    {
        int size = TeamSize;
        var um = _u[mu];
        var src = SourcesOf(mu);
        for (int b = w * _m / size, end = (w + 1) * _m / size; b < end; b++)
        {
            if (_routing!.IsHashed) FillSources(src, b, b + 1);
            var work = _work[b];
            Compute(mu, Gather(src, b, work.Routed), um.AsSpan(b * _kn, _kn), _work[0], work, work);
        }
    }

    /// <summary>Phase B: edges j of worker w's block (cache-line aligned) of every factor copy, b ascending.</summary>
    private void DeliverBlock(int w, int mu)
    {
        int size = TeamSize;
        int from = EdgeBound(w, size), to = EdgeBound(w + 1, size);
        var um = _u[mu];
        var src = SourcesOf(mu);
        for (int b = 0; b < _m; b++) DeliverRouted(src, b, um.AsSpan(b * _kn, _kn), _work[b], _teamChange[w], from, to);
    }

    /// <summary>The annealed rewiring of stored tables on the team (their rows are read-only, unlike a hashed routing's draws).</summary>
    private void RewireTeam(PatternRouting next)
    {
        var barrier = _barrier!;
        _next = next;
        _pattern = Rewiring;
        barrier.SignalAndWait();
        try { RewireBlock(0); }
        catch (Exception e) { _failure ??= e; }
        barrier.SignalAndWait(); // every message has moved, and every worker has read Rewiring
        _next = null;
        if (_failure is { } failure) throw new InvalidOperationException("a committee BP worker failed", failure);
    }

    /// <summary>Worker w's edges of the rewiring (<see cref="RewireStored"/> on its edge block).</summary>
    private void RewireBlock(int w)
    {
        int size = TeamSize;
        RewireStored(_next!, EdgeBound(w, size), EdgeBound(w + 1, size));
    }

    /// <summary>Start of worker w's edge block: w·K·n/T rounded down to 8 edges (64 bytes of fields), the last block ending at K·n.</summary>
    private int EdgeBound(int w, int size) => w >= size ? _kn : (int)((long)w * _kn / size) & ~7;

    /// <summary>Ends the team's threads (the sequential sweep needs nothing).</summary>
    public void Dispose()
    {
        if (_barrier is null) return;
        _pattern = Stop;
        _barrier.SignalAndWait();
        foreach (var t in _workers) t.Join();
        _barrier = null;
        _workers = [];
    }
}
