using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The trial flips of Madaline Rule II (Winter &amp; Widrow 1988; Widrow &amp; Lehr, Proc. IEEE 78, 1415 (1990)) on a binary
/// MLP after one forward pass: hidden unit (l, j)'s output x_{l,j} is flipped with every other unit of layer l kept, the
/// layers above are recomputed, and the flip is accepted when the output's stability grows (docs/physics/mlp.md#least-action).
/// <see cref="Find"/>: single units, layer by layer from the first hidden layer up to the one below the top, in each layer in
/// order of increasing |h_{l,j}| (the unit that needs the least change first; ties: the lower j); the first accepted flip.
/// <see cref="FindSet"/>: the fewest units of the layer below the top that flip a chosen top unit, flipped together.
/// </summary>
/// <remarks>
/// Output stability S: σ·h_L for the sign output (label σ = ±1), h_c − max_{c'≠c} h_{c'} for the argmax output (c the label).
/// A flip of x_{l,j} moves the fields of layer l + 1 by −2·x_{l,j}·w_{l+1,k,j}; only the units of layer l + 1 whose sign
/// changes move the fields of layer l + 2, and so on (incremental, no full forward pass per trial). A workspace: buffers
/// are allocated once for the shape; one instance serves one thread.
/// </remarks>
public sealed class MlpTrialFlip
{
    private readonly MlpShape _shape;
    private readonly long[] _keys;
    private readonly int[] _now, _next, _set;

    /// <summary>Buffers for networks of <paramref name="shape"/>.</summary>
    public MlpTrialFlip(MlpShape shape)
    {
        _shape = shape;
        int widest = Enumerable.Range(0, shape.Layers).Max(shape.Width);
        _keys = new long[widest];
        _now = new int[widest];
        _next = new int[widest];
        _set = new int[widest];
    }

    /// <summary>The output stability S of the forward pass's fields for class <paramref name="label"/>.</summary>
    public static int Stability(MlpShape shape, ReadOnlySpan<int> outputs, int label)
    {
        if (shape.Outputs == 1) return label == 1 ? outputs[0] : -outputs[0];
        int rival = int.MinValue;
        for (int c = 0; c < outputs.Length; c++) if (c != label && outputs[c] > rival) rival = outputs[c];
        return outputs[label] - rival;
    }

    /// <summary>
    /// The first unit (layer, unit) below the top hidden layer whose flip raises the output stability, in MRII order, or
    /// (−1, −1) if none does.
    /// </summary>
    /// <param name="bits">The (routed) network's packed weights.</param>
    /// <param name="fields">Its forward pass's fields (global row order).</param>
    /// <param name="label">The sample's class.</param>
    public (int Layer, int Unit) Find(ReadOnlySpan<ulong> bits, ReadOnlySpan<int> fields, int label)
    {
        int hidden = _shape.Layers - 1, outRow = _shape.RowOffset(hidden);
        int before = Stability(_shape, fields.Slice(outRow, _shape.Outputs), label);
        for (int l = 0; l < hidden - 1; l++)
        {
            int width = _shape.Width(l);
            var h = fields.Slice(_shape.RowOffset(l), width);
            var keys = _keys.AsSpan(0, width);
            for (int j = 0; j < width; j++) keys[j] = (long)Math.Abs(h[j]) * width + j;
            keys.Sort();
            foreach (long key in keys)
            {
                int j = (int)(key % width);
                _set[0] = j;
                if (Trial(bits, fields, l, _set.AsSpan(0, 1), label) > before) return (l, j);
            }
        }
        return (-1, -1);
    }

    /// <summary>
    /// The least-action set below the top: for top-layer unit <paramref name="unit"/> with needed sign <paramref name="t"/>,
    /// the units j of the layer below that pull against it (t·w_{k,j}·x_j = −1), in order of increasing |h_j|, as few as flip
    /// its sign when flipped together; returned (their count, written to <paramref name="chosen"/>) when the joint flip raises
    /// the output's stability, else 0.
    /// </summary>
    public int FindSet(ReadOnlySpan<ulong> bits, ReadOnlySpan<int> fields, int label, int unit, int t, Span<int> chosen)
    {
        int top = _shape.Layers - 2, below = top - 1, width = _shape.Width(below), words = _shape.RowWords(top);
        var row = bits.Slice(_shape.PackedOffset(top) + unit * words, words);
        var h = fields.Slice(_shape.RowOffset(below), width);
        int hk = fields[_shape.RowOffset(top) + unit], count = 0;
        var keys = _keys.AsSpan(0, width);
        for (int j = 0; j < width; j++)
            if (t * PackedSpins.Get(row, j) * (h[j] >= 0 ? 1 : -1) < 0) keys[count++] = (long)Math.Abs(h[j]) * width + j;
        keys = keys[..count];
        keys.Sort();
        int r = 0;
        while ((hk >= 0 ? 1 : -1) != t)
        {
            if (r == keys.Length) return 0;
            hk += 2 * t;
            chosen[r] = (int)(keys[r] % width);
            r++;
        }
        int before = Stability(_shape, fields.Slice(_shape.RowOffset(top + 1), _shape.Outputs), label);
        return r > 0 && Trial(bits, fields, below, chosen[..r], label) > before ? r : 0;
    }

    /// <summary>The output stability after flipping the outputs of units <paramref name="flips"/> of layer l together.</summary>
    private int Trial(ReadOnlySpan<ulong> bits, ReadOnlySpan<int> fields, int l, ReadOnlySpan<int> flips, int label)
    {
        // Layer l + 1's fields with the x_{l,j} flipped.
        int m = l + 1, width = _shape.Width(m), words = _shape.RowWords(m), packed = _shape.PackedOffset(m);
        var now = _now.AsSpan(0, width);
        fields.Slice(_shape.RowOffset(m), width).CopyTo(now);
        foreach (int j in flips)
        {
            int x = fields[_shape.RowOffset(l) + j] >= 0 ? 1 : -1;
            for (int k = 0; k < width; k++) now[k] -= 2 * x * PackedSpins.Get(bits.Slice(packed + k * words, words), j);
        }
        for (; m < _shape.Layers - 1; m++)
        {
            // Units of layer m whose sign changed move layer m + 1.
            var old = fields.Slice(_shape.RowOffset(m), width);
            int above = _shape.Width(m + 1), aboveWords = _shape.RowWords(m + 1), abovePacked = _shape.PackedOffset(m + 1);
            var next = _next.AsSpan(0, above);
            fields.Slice(_shape.RowOffset(m + 1), above).CopyTo(next);
            for (int k = 0; k < width; k++)
            {
                int was = old[k] >= 0 ? 1 : -1;
                if ((now[k] >= 0 ? 1 : -1) == was) continue;
                for (int q = 0; q < above; q++) next[q] -= 2 * was * PackedSpins.Get(bits.Slice(abovePacked + q * aboveWords, aboveWords), k);
            }
            next.CopyTo(_now);
            now = _now.AsSpan(0, above);
            width = above;
        }
        return Stability(_shape, now, label);
    }
}
