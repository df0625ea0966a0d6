using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The M-cover of a binary MLP: for every minibatch t and routing unit u (a weight, a unit's incoming row, or a layer) a
/// permutation π_{ut} ~ P(π) ∝ ∏_a Q_{a,π(a)}; routed network b takes unit u from copy π_{ut}(b) and its gradient on u goes
/// back to that copy. Each copy's weight receives exactly one message per minibatch (π is a bijection), so delivery is a
/// scatter, and Q = identity reproduces M independent networks bit for bit.
/// </summary>
/// <remarks>
/// Streams: the permutations of minibatch t come from (seed, Routing, e·2^32 + t), e = 0 quenched or the epoch annealed;
/// at edge granularity row r (a unit's incoming weights) draws from its own sub-stream, so rows fill in parallel.
/// </remarks>
public sealed class MlpRouting
{
    private readonly MlpShape _shape;
    private readonly PermutationSampler _sampler;
    private readonly ulong _seed;
    private readonly int _routes, _copies;
    private readonly byte[] _sources; // [b][route]
    private readonly int[][] _perm;
    private readonly ParallelOptions _parallel;

    /// <summary>Routing of <paramref name="shape"/> with permutations of <paramref name="sampler"/>; edge tables are drawn on at
    /// most <paramref name="threads"/> threads (the task's limit; rows have their own streams, so the draw does not depend on it).</summary>
    public MlpRouting(MlpShape shape, PermutationSampler sampler, Granularity granularity, Schedule schedule, ulong seed, int threads = 1)
    {
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        if (granularity == Granularity.Word) throw new ArgumentException("the MLP routes per edge, unit or layer", nameof(granularity));
        if (sampler.Copies > 256) throw new ArgumentException("the MLP routing stores copies as bytes: M ≤ 256", nameof(sampler));
        (_shape, _sampler, Granularity, Schedule, _seed, _copies) = (shape, sampler, granularity, schedule, seed, sampler.Copies);
        _routes = granularity switch { Granularity.Edge => checked((int)shape.WeightCount), Granularity.Unit => shape.UnitCount, _ => shape.Layers };
        _sources = new byte[(long)_copies * _routes];
        _perm = Enumerable.Range(0, shape.UnitCount).Select(_ => new int[_copies]).ToArray();
    }

    /// <summary>What one permutation routes.</summary>
    public Granularity Granularity { get; }

    /// <summary>Quenched (one routing per minibatch slot) or annealed (redrawn every epoch).</summary>
    public Schedule Schedule { get; }

    /// <summary>Draws the permutations of minibatch <paramref name="batch"/> in epoch <paramref name="epoch"/> (1-based).</summary>
    public void Draw(int epoch, int batch)
    {
        ulong key = RngStream.Key(_seed, StreamTag.Routing, ((ulong)(uint)(Schedule == Schedule.Quenched ? 0 : epoch) << 32) | (uint)batch);
        if (Granularity != Granularity.Edge)
        {
            var rng = new RngStream(RngStream.Hash(key, 0));
            var perm = _perm[0];
            for (int u = 0; u < _routes; u++)
            {
                _sampler.Sample(ref rng, perm);
                for (int b = 0; b < _copies; b++) _sources[(long)b * _routes + u] = (byte)perm[b];
            }
            return;
        }
        _drawKey = key;
        if (_parallel.MaxDegreeOfParallelism == 1) for (int row = 0; row < _shape.UnitCount; row++) DrawRow(row);
        else Parallel.For(0, _shape.UnitCount, _parallel, _drawRow ??= DrawRow);
    }

    // The key of the edge draw in progress, read by the cached row body (no closure per minibatch).
    private ulong _drawKey;
    private Action<int>? _drawRow;

    private void DrawRow(int row)
    {
        {
            var rng = new RngStream(RngStream.Hash(_drawKey, (ulong)row));
            int l = LayerOfRow(row), n = _shape.FanIn(l), first = _shape.WeightOffset(l) + (row - _shape.RowOffset(l)) * n;
            var perm = _perm[row];
            for (int i = 0; i < n; i++)
            {
                _sampler.Sample(ref rng, perm);
                for (int b = 0; b < _copies; b++) _sources[(long)b * _routes + first + i] = (byte)perm[b];
            }
        }
    }

    private int LayerOfRow(int row)
    {
        int l = 0;
        while (row >= _shape.RowOffset(l + 1) && l < _shape.Layers - 1) l++;
        return l;
    }

    /// <summary>π_u(b) for weight i of unit j in layer l: the copy that routed network b reads it from.</summary>
    public int Source(int b, int l, int j, int i)
    {
        long u = Granularity switch
        {
            Granularity.Edge => _shape.WeightOffset(l) + (long)j * _shape.FanIn(l) + i,
            Granularity.Unit => _shape.RowOffset(l) + j,
            _ => l,
        };
        return _sources[b * (long)_routes + u];
    }

    /// <summary>Writes routed network b's packed weights into <paramref name="routed"/>.</summary>
    public void Assemble(int b, MlpNetwork[] copies, ulong[] routed)
    {
        for (int l = 0; l < _shape.Layers; l++)
        {
            int words = _shape.RowWords(l), n = _shape.FanIn(l), first = _shape.PackedOffset(l);
            for (int j = 0; j < _shape.Width(l); j++)
            {
                int at = first + j * words;
                if (Granularity != Granularity.Edge)
                {
                    Array.Copy(copies[Source(b, l, j, 0)].Bits, at, routed, at, words);
                    continue;
                }
                long u = (long)b * _routes + _shape.WeightOffset(l) + (long)j * n;
                for (int k = 0; k < words; k++)
                {
                    ulong word = 0;
                    for (int bit = 0, i = 64 * k; bit < 64 && i < n; bit++, i++)
                        word |= copies[_sources[u + i]].Bits[at + k] & (1UL << bit);
                    routed[at + k] = word;
                }
            }
        }
    }

    /// <summary>Delivers routed network b's gradient: each weight's message to the copy it was read from.</summary>
    public void Deliver(int b, float[] gradient, float[][] copies)
    {
        for (int l = 0; l < _shape.Layers; l++)
        {
            int n = _shape.FanIn(l), first = _shape.WeightOffset(l);
            for (int j = 0; j < _shape.Width(l); j++)
            {
                int at = first + j * n;
                if (Granularity != Granularity.Edge)
                {
                    Array.Copy(gradient, at, copies[Source(b, l, j, 0)], at, n);
                    continue;
                }
                long u = (long)b * _routes + at;
                for (int i = 0; i < n; i++) copies[_sources[u + i]][at + i] = gradient[at + i];
            }
        }
    }
}
