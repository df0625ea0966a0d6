using MCoverPhysics.Lifts.Routing;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// The source copies of the routed sweep. A stored (quenched or annealed) routing never changes within an epoch, so each
/// pattern's M·K·n source copies (factor copy b's edge j = kn + i reads weight copy π_{(μk) i}(b), kept at bK·n + j) are looked
/// up once, at construction, and again only when an annealed lift rewires (which walks every edge anyway): memory
/// P·M·K·n ushorts. A hashed routing, drawn pattern by pattern, keeps one pattern's sources, refilled when the pattern comes.
/// </summary>
internal sealed partial class CommitteeBp
{
    /// <summary>The sources of every pattern (stored routing), or one pattern's buffer (hashed), or none (identity lift).</summary>
    private ushort[][] StoreSources()
    {
        if (_routing is null) return [];
        if (_routing.IsHashed) return [new ushort[_m * _kn]];
        var sources = new ushort[_p][];
        for (int mu = 0; mu < _p; mu++)
        {
            sources[mu] = new ushort[_m * _kn];
            FetchRows(_routing, mu);
            FillSources(sources[mu], 0, _m);
        }
        return sources;
    }

    /// <summary>Pattern μ's source copies (a hashed routing: the buffer the pattern's turn filled).</summary>
    private ushort[] SourcesOf(int mu) => _routing!.IsHashed ? _sources[0] : _sources[mu];

    /// <summary>The routing table and row of every unit k of pattern μ, unit by unit (a hashed routing draws row μK + k once).</summary>
    private void FetchRows(PatternRouting routing, int mu)
    {
        routing.Hold(_k); // the K unit rows of μ are held at once
        for (int k = 0; k < _k; k++) (_tables[k], _rows[k]) = routing.For(mu * _k + k);
    }

    /// <summary>Factor copies b ∈ [<paramref name="from"/>, <paramref name="to"/>): their sources from the fetched rows.</summary>
    private void FillSources(ushort[] into, int from, int to)
    {
        for (int k = 0; k < _k; k++)
        {
            var (table, row) = (_tables[k], _rows[k]);
            for (int b = from; b < to; b++)
                for (int i = 0; i < _n; i++) into[b * _kn + k * _n + i] = (ushort)table.Source(row, b, i);
        }
    }

    /// <summary>Factor copy b's routed fields H̃_j = H_{src[bKn + j], j} into <paramref name="routed"/> (only loads).</summary>
    private double[] Gather(ushort[] src, int b, double[] routed)
    {
        var copy = src.AsSpan(b * _kn, _kn);
        for (int j = 0; j < copy.Length; j++) routed[j] = _field[copy[j]][j];
        return routed;
    }

    /// <summary>Annealed rewiring of a stored routing, edges j ∈ [<paramref name="from"/>, <paramref name="to"/>): each message
    /// leaves the field of its stored source and joins that of its source under <paramref name="next"/>, which is stored in its
    /// place; patterns and copies in the sequential order, so every field sees the same additions as before.</summary>
    private void RewireStored(PatternRouting next, int from, int to)
    {
        for (int mu = 0; mu < _p; mu++)
        {
            var src = _sources[mu];
            var um = _u[mu];
            for (int k = Math.Max(0, from / _n); k < _k && k * _n < to; k++)
            {
                var (now, nowRow) = next.For(mu * _k + k);
                int i0 = Math.Max(0, from - k * _n), i1 = Math.Min(_n, to - k * _n);
                for (int b = 0; b < _m; b++)
                    for (int i = i0; i < i1; i++)
                    {
                        int e = (b * _k + k) * _n + i, j = k * _n + i;
                        double msg = um[e];
                        _field[src[e]][j] -= msg;
                        int s = now.Source(nowRow, b, i);
                        _field[s][j] += msg;
                        src[e] = (ushort)s;
                    }
            }
        }
    }
}
