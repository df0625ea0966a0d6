using System.Numerics;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Lifts.Routing;

/// <summary>The routing of one epoch, handed out pattern by pattern: the table holding μ and μ's row in it.</summary>
public sealed class PatternRouting
{
    /// <summary>Largest stored table under <see cref="RoutingStorage.Auto"/>.</summary>
    public const long MaxStoredBytes = 4L << 30;

    private readonly RoutingTable? _stored;
    private readonly PermutationSampler? _sampler;
    private readonly Granularity _granularity;
    private readonly int _n, _epoch, _interleave;
    private readonly ulong _seed;
    private readonly StreamTag _stream;
    /// <summary>Drawn patterns kept at once (a power of two): pattern μ's table lives in slot μ mod <see cref="Kept"/> until
    /// pattern μ + <see cref="Kept"/> (or another in that slot) is drawn, and is then overwritten in place.</summary>
    public const int Kept = 64;

    private int _kept = Kept;

    private RoutingTable?[]? _ring;
    private int[]? _ringPattern;

    /// <summary>Routing read from a stored table.</summary>
    public PatternRouting(RoutingTable table) => _stored = table;

    /// <summary>Routing drawn pattern by pattern (<paramref name="interleave"/>: the tables' layout, as in <see cref="RoutingTable.Draw"/>).</summary>
    public PatternRouting(PermutationSampler sampler, int n, Granularity granularity, ulong seed, int epoch, int interleave = 0, StreamTag stream = StreamTag.Routing)
        => (_sampler, _n, _granularity, _seed, _epoch, _interleave, _stream) = (sampler, n, granularity, seed, epoch, interleave, stream);

    /// <summary>The stored table (null when drawn on the fly): a later draw may overwrite it (<see cref="ILift.Routing"/>'s reuse).</summary>
    internal RoutingTable? Stored => _stored;

    /// <summary>True when permutations are drawn on the fly.</summary>
    public bool IsHashed => _stored is null;

    /// <summary>
    /// Makes the ring of a drawn routing hold at least <paramref name="count"/> consecutive patterns' tables (the next power of
    /// two ≥ max(<see cref="Kept"/>, count)): a caller that holds more than <see cref="Kept"/> at once (a committee's K unit rows
    /// of a pattern, K &gt; 64) calls this first. Tables drawn so far are dropped when the ring grows.
    /// </summary>
    public void Hold(int count)
    {
        if (count <= _kept) return;
        _kept = (int)BitOperations.RoundUpToPowerOf2((uint)count);
        (_ring, _ringPattern) = (null, null);
    }

    /// <summary>
    /// The table holding pattern μ and the row of μ in it. A drawn routing keeps the last <see cref="Kept"/> patterns' tables in
    /// a ring and draws a new pattern into the slot's table in place (no allocation once the ring is warm), so a caller may
    /// hold the tables of up to <see cref="Kept"/> (or <see cref="Hold"/>'s count) consecutive patterns at once (committee BP holds the K unit rows of a
    /// pattern); not for concurrent callers (nor was the one-table cache before).
    /// </summary>
    public (RoutingTable Table, int Row) For(int mu)
    {
        if (_stored is not null) return (_stored, mu);
        _ring ??= new RoutingTable?[_kept];
        _ringPattern ??= Enumerable.Repeat(-1, _kept).ToArray();
        int slot = mu & (_kept - 1);
        if (_ringPattern[slot] != mu)
        {
            // One pattern, drawn on the trainer's own thread: no parallel loop (threads: 1), whatever the task's limit.
            _ring[slot] = RoutingTable.Draw(_sampler!, _n, 1, _granularity, _seed, _epoch, firstPattern: mu, interleave: _interleave, stream: _stream,
                threads: 1, reuse: _ring[slot]);
            _ringPattern[slot] = mu;
        }
        return (_ring[slot]!, 0);
    }
}
