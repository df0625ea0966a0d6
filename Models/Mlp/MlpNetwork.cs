using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// The ±1 weights of one binary MLP, bit-packed row by row (unit j of layer l at <see cref="MlpShape.PackedOffset"/>(l) +
/// j·⌈n_l/64⌉), padding bits zero.
/// </summary>
public sealed class MlpNetwork
{
    /// <summary>An all −1 network of <paramref name="shape"/>.</summary>
    public MlpNetwork(MlpShape shape)
    {
        Shape = shape.Validated();
        Bits = new ulong[shape.PackedWords];
    }

    /// <summary>The shape.</summary>
    public MlpShape Shape { get; }

    /// <summary>All packed rows, layer after layer.</summary>
    public ulong[] Bits { get; }

    /// <summary>Packed row of unit <paramref name="j"/> in layer <paramref name="l"/>.</summary>
    public Span<ulong> Row(int l, int j)
    {
        int w = Shape.RowWords(l);
        return Bits.AsSpan(Shape.PackedOffset(l) + j * w, w);
    }

    /// <summary>w_{l,j,i} as ±1.</summary>
    public int Get(int l, int j, int i) => PackedSpins.Get(Row(l, j), i);

    /// <summary>Sets w_{l,j,i} to the sign of <paramref name="spin"/> (±1).</summary>
    public void Set(int l, int j, int i, int spin) => PackedSpins.Set(Row(l, j), i, spin);

    /// <summary>A uniform random network from the counter-based stream <paramref name="key"/> (row r of the whole net is
    /// keyed by r, so the weights do not depend on how they are filled).</summary>
    public static MlpNetwork Random(MlpShape shape, ulong key)
    {
        var net = new MlpNetwork(shape);
        int row = 0;
        for (int l = 0; l < shape.Layers; l++)
        {
            ulong last = PackedSpins.LastWordMask(shape.FanIn(l));
            for (int j = 0; j < shape.Width(l); j++, row++)
            {
                var bits = net.Row(l, j);
                for (int k = 0; k < bits.Length; k++) bits[k] = RngStream.Hash(key, ((ulong)row << 24) + (ulong)k);
                bits[^1] &= last;
            }
        }
        return net;
    }

    /// <summary>The weights as one packed vector of Σ_l n_l·W_l spins, row-major, layer after layer (overlaps q_ab).</summary>
    public ulong[] Flatten()
    {
        var flat = new ulong[PackedSpins.WordCount(checked((int)Shape.WeightCount))];
        int k = 0;
        for (int l = 0; l < Shape.Layers; l++)
            for (int j = 0; j < Shape.Width(l); j++)
            {
                var row = Row(l, j);
                for (int i = 0; i < Shape.FanIn(l); i++, k++)
                    if (((row[i >> 6] >> (i & 63)) & 1) != 0) flat[k >> 6] |= 1UL << (k & 63);
            }
        return flat;
    }

    /// <summary>The network of <paramref name="shape"/> whose weights <see cref="Flatten"/> gave <paramref name="flat"/>.</summary>
    public static MlpNetwork FromFlat(MlpShape shape, ReadOnlySpan<ulong> flat)
    {
        var net = new MlpNetwork(shape);
        int k = 0;
        for (int l = 0; l < shape.Layers; l++)
            for (int j = 0; j < shape.Width(l); j++)
            {
                var row = net.Row(l, j);
                for (int i = 0; i < shape.FanIn(l); i++, k++)
                    if (((flat[k >> 6] >> (k & 63)) & 1) != 0) row[i >> 6] |= 1UL << (i & 63);
            }
        return net;
    }

    /// <summary>The weights as ±1 in row-major order, layer after layer (tests, fusion).</summary>
    public sbyte[] ToSpins()
    {
        var s = new sbyte[Shape.WeightCount];
        int k = 0;
        for (int l = 0; l < Shape.Layers; l++)
            for (int j = 0; j < Shape.Width(l); j++)
                for (int i = 0; i < Shape.FanIn(l); i++) s[k++] = (sbyte)Get(l, j, i);
        return s;
    }
}
