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
    private RoutingTable? _current;
    private int _currentPattern = -1;

    /// <summary>Routing read from a stored table.</summary>
    public PatternRouting(RoutingTable table) => _stored = table;

    /// <summary>Routing drawn pattern by pattern (<paramref name="interleave"/>: the tables' layout, as in <see cref="RoutingTable.Draw"/>).</summary>
    public PatternRouting(PermutationSampler sampler, int n, Granularity granularity, ulong seed, int epoch, int interleave = 0, StreamTag stream = StreamTag.Routing)
        => (_sampler, _n, _granularity, _seed, _epoch, _interleave, _stream) = (sampler, n, granularity, seed, epoch, interleave, stream);

    /// <summary>The stored table (null when drawn on the fly): a later draw may overwrite it (<see cref="ILift.Routing"/>'s reuse).</summary>
    internal RoutingTable? Stored => _stored;

    /// <summary>True when permutations are drawn on the fly.</summary>
    public bool IsHashed => _stored is null;

    /// <summary>The table holding pattern μ and the row of μ in it (the last drawn pattern is kept).</summary>
    public (RoutingTable Table, int Row) For(int mu)
    {
        if (_stored is not null) return (_stored, mu);
        if (_currentPattern != mu)
        {
            // One pattern, drawn on the trainer's own thread: no parallel loop (threads: 1), whatever the task's limit.
            _current = RoutingTable.Draw(_sampler!, _n, 1, _granularity, _seed, _epoch, firstPattern: mu, interleave: _interleave, stream: _stream, threads: 1);
            _currentPattern = mu;
        }
        return (_current!, 0);
    }
}
