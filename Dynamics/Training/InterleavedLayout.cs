using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// The copy-interleaved working copy of the <see cref="HiddenStates"/> that the interleaved kernels share: plane p, word j
/// of copies a = 0..M−1 (padded to whole registers) are adjacent, so one register holds word j of W copies. Also the
/// per-lane constants of the delivery, the scratch of the counts, and the rows to prefetch next.
/// </summary>
internal sealed class InterleavedLayout
{
    private readonly HiddenStates _states;

    /// <summary>The layout of <paramref name="states"/> for registers of <paramref name="width"/> copies.</summary>
    public InterleavedLayout(HiddenStates states, int width)
    {
        _states = states;
        M = states.Copies;
        N = states.N;
        Words = states.Words;
        Planes = states.Planes;
        Bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(M)));
        Lanes = (M + width - 1) / width * width;
        Padded = Math.Max(Lanes, 1 << Bits);
        Top = states.MaxLevel;
        Last = PackedSpins.LastWordMask(N);
        S = new ulong[Words * Planes * Padded];
        Codes = new ulong[Bits * Lanes];
        CopyValid = new ulong[Lanes];
        Counts = new ulong[Lanes];
        Valid = new ulong[Words];
        for (int a = 0; a < M; a++)
        {
            CopyValid[a] = ulong.MaxValue;
            for (int l = 0; l < Bits; l++) Codes[l * Lanes + a] = ((a >> l) & 1) != 0 ? ulong.MaxValue : 0;
        }
        for (int j = 0; j < Words; j++) Valid[j] = states.ValidLanes(j);
    }

    /// <summary>Copies M, synapses N, words per plane, state planes, routing planes L = max(1, ⌈log₂M⌉).</summary>
    public int M { get; }
    /// <inheritdoc cref="M"/>
    public int N { get; }
    /// <inheritdoc cref="M"/>
    public int Words { get; }
    /// <inheritdoc cref="M"/>
    public int Planes { get; }
    /// <inheritdoc cref="M"/>
    public int Bits { get; }
    /// <summary>M rounded up to whole registers: the factor/target copies a register loop covers.</summary>
    public int Lanes { get; }
    /// <summary>Copies per (word, plane) of <see cref="S"/>: ≥ <see cref="Lanes"/> and ≥ 2^L, so every leaf of the unrolled multiplexer trees exists.</summary>
    public int Padded { get; }
    /// <summary>The counters' top level S_max.</summary>
    public ulong Top { get; }
    /// <summary>The lanes of the last word that hold a synapse.</summary>
    public ulong Last { get; }
    /// <summary>The states, [word][plane][copy, padded].</summary>
    public ulong[] S { get; }
    /// <summary>[l][copy, lanes]: all ones where bit l of a is set.</summary>
    public ulong[] Codes { get; }
    /// <summary>[copy, lanes]: all ones for a &lt; M.</summary>
    public ulong[] CopyValid { get; }
    /// <summary>[copy, lanes]: per-lane mismatch counts of the last counting pass.</summary>
    public ulong[] Counts { get; }
    /// <summary>Per word: the lanes that hold a synapse.</summary>
    public ulong[] Valid { get; }

    /// <summary>The rows that the next routing pass prefetches (set by <see cref="Ahead"/>, taken once).</summary>
    private RoutingTable? _next;
    private int _nextRow;

    /// <summary>Remembers row <paramref name="row"/> of <paramref name="table"/> as the one to prefetch during the next routing pass.</summary>
    public void Ahead(RoutingTable table, int row) => (_next, _nextRow) = (table, row);

    /// <summary>The rows to prefetch, if any, and forgets them.</summary>
    public RoutingTable? TakeAhead(out int row)
    {
        var next = _next;
        (_next, row) = (null, _nextRow);
        return next;
    }

    /// <summary>Takes the current <see cref="HiddenStates"/> into <see cref="S"/>.</summary>
    public void Load()
    {
        for (int a = 0; a < M; a++)
            for (int p = 0; p < Planes; p++)
            {
                var plane = _states.Plane(a, p);
                for (int j = 0; j < Words; j++) S[(j * Planes + p) * Padded + a] = plane[j];
            }
    }

    /// <summary>Copies <see cref="S"/> back to the <see cref="HiddenStates"/>.</summary>
    public void Sync()
    {
        for (int a = 0; a < M; a++)
            for (int p = 0; p < Planes; p++)
            {
                var plane = _states.Plane(a, p);
                for (int j = 0; j < Words; j++) plane[j] = S[(j * Planes + p) * Padded + a];
            }
    }

    /// <summary>dots[c] = N − 2·(mismatches of lane c), from the <see cref="Counts"/> the last pass stored.</summary>
    public void FieldsFromCounts(Span<int> dots)
    {
        for (int c = 0; c < M; c++) dots[c] = N - 2 * (int)Counts[c];
    }
}
