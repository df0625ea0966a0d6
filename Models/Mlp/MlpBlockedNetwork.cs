using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// A binary MLP's weights re-laid for a fast forward pass over many samples: each layer's rows in blocks of 8, word-major
/// (word w of rows 8k … 8k+7 adjacent, rows past the width all zero), so one 512-bit load holds word w of eight rows. The pass
/// XORs it with the sample's word w broadcast, counts bits per byte (nibble lookup, <see cref="PackedSpins.BytePopCounts(Vector512{byte})"/>),
/// and widens once per row block: eight fields h = n − 2·popcount(w ⊕ x) at a time, for four samples per weight load.
/// </summary>
/// <remarks>
/// Fields, activations and classes equal <see cref="MlpForward.Forward"/>'s (row-major, one sample at a time, the test oracle)
/// exactly: integer counts, the input's padding bits masked. Hosts without Vector512 and AVX-512BW run a scalar loop over the
/// same layout. <see cref="Load"/> copies a network in; <see cref="Forward"/> only reads the weights, so workers may run disjoint
/// samples at once.
/// </remarks>
public sealed class MlpBlockedNetwork
{
    private const int Lanes = 8, Samples = 4;
    private readonly MlpShape _shape;
    private readonly ulong[] _blocks;
    private readonly int[] _offsets;   // first word of layer l's blocks
    private readonly int[] _actOffsets;

    /// <summary>Storage for networks of <paramref name="shape"/> (all weights −1 until <see cref="Load"/>).</summary>
    public MlpBlockedNetwork(MlpShape shape)
    {
        _shape = shape.Validated();
        _offsets = new int[shape.Layers + 1];
        _actOffsets = new int[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            _offsets[l + 1] = _offsets[l] + BlockCount(l) * Lanes * shape.RowWords(l);
            _actOffsets[l] = MlpForward.ActivationOffset(shape, l);
        }
        _blocks = new ulong[_offsets[shape.Layers]];
        ActivationWords = Math.Max(1, MlpForward.ActivationWords(shape));
    }

    /// <summary>The shape.</summary>
    public MlpShape Shape => _shape;

    /// <summary>Words of one sample's packed hidden activations (as <see cref="MlpForward.ActivationWords"/>, at least 1).</summary>
    public int ActivationWords { get; }

    /// <summary>True when the forward pass runs the Vector512 kernel on this host.</summary>
    public static bool IsVectorized => Vector512.IsHardwareAccelerated && Avx512BW.IsSupported;

    private int BlockCount(int l) => (_shape.Width(l) + Lanes - 1) / Lanes;

    /// <summary>Copies in the network whose packed rows are <paramref name="bits"/> (the layout of <see cref="MlpNetwork.Bits"/>).</summary>
    public void Load(ReadOnlySpan<ulong> bits)
    {
        if (bits.Length < _shape.PackedWords) throw new ArgumentException("fewer packed words than the shape has", nameof(bits));
        for (int l = 0; l < _shape.Layers; l++)
        {
            int words = _shape.RowWords(l), width = _shape.Width(l), src = _shape.PackedOffset(l);
            ulong last = PackedSpins.LastWordMask(_shape.FanIn(l));
            var dst = _blocks.AsSpan(_offsets[l], _offsets[l + 1] - _offsets[l]);
            for (int j = 0; j < width; j++)
            {
                int at = (j / Lanes) * Lanes * words + j % Lanes;
                for (int w = 0; w < words; w++) dst[at + w * Lanes] = bits[src + j * words + w];
                dst[at + (words - 1) * Lanes] &= last;
            }
        }
    }

    /// <summary>
    /// Runs the loaded network on input rows <paramref name="rows"/> of <paramref name="inputs"/>: for sample s, the fields of every
    /// unit at <paramref name="fields"/>[s·<see cref="MlpShape.UnitCount"/> …], the packed hidden activations at
    /// <paramref name="activations"/>[s·<see cref="ActivationWords"/> …] and the class at <paramref name="classes"/>[s].
    /// <paramref name="vectorized"/> false runs the scalar loop even where the vector kernel is available (tests).
    /// </summary>
    public void Forward(PatternMatrix inputs, ReadOnlySpan<int> rows, Span<int> fields, Span<ulong> activations, Span<int> classes, bool vectorized = true)
    {
        int count = rows.Length, units = _shape.UnitCount;
        if (fields.Length < count * units || activations.Length < count * ActivationWords || classes.Length < count) throw new ArgumentException("output buffers are too short");
        if (inputs.N != _shape.Inputs) throw new ArgumentException("the inputs' width is not the network's");
        activations[..(count * ActivationWords)].Clear();
        Span<int> at = stackalloc int[Samples];
        for (int l = 0; l < _shape.Layers; l++)
        {
            for (int s0 = 0; s0 < count; s0 += Samples)
            {
                int g = Math.Min(Samples, count - s0);
                ref ulong x0 = ref Input(inputs, rows, activations, l, s0);
                ref ulong x1 = ref Input(inputs, rows, activations, l, s0 + Math.Min(1, g - 1));
                ref ulong x2 = ref Input(inputs, rows, activations, l, s0 + Math.Min(2, g - 1));
                ref ulong x3 = ref Input(inputs, rows, activations, l, s0 + Math.Min(3, g - 1));
                for (int i = 0; i < Samples; i++) at[i] = s0 + Math.Min(i, g - 1);
                if (vectorized && IsVectorized) Layer512(l, ref x0, ref x1, ref x2, ref x3, at, g, fields, activations);
                else
                    for (int i = 0; i < g; i++) LayerScalar(l, ref Input(inputs, rows, activations, l, s0 + i), s0 + i, fields, activations);
            }
        }
        int last = _shape.RowOffset(_shape.Layers - 1);
        for (int s = 0; s < count; s++) classes[s] = MlpForward.Decide(_shape, fields.Slice(s * units + last, _shape.Outputs));
    }

    private ref ulong Input(PatternMatrix inputs, ReadOnlySpan<int> rows, Span<ulong> activations, int l, int s)
        => ref l == 0 ? ref MemoryMarshal.GetReference(inputs.Row(rows[s]))
            : ref activations[s * ActivationWords + _actOffsets[l - 1]];

    private void Layer512(int l, ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3, ReadOnlySpan<int> at, int g, Span<int> fields, Span<ulong> activations)
    {
        int words = _shape.RowWords(l), n = _shape.FanIn(l), width = _shape.Width(l), row = _shape.RowOffset(l), units = _shape.UnitCount;
        bool hidden = l < _shape.Layers - 1;
        ulong mask = PackedSpins.LastWordMask(n);
        ref ulong wb = ref _blocks[_offsets[l]];
        var total = Vector512.Create((long)n);
        for (int k = 0; k < BlockCount(l); k++)
        {
            ref ulong block = ref Unsafe.Add(ref wb, k * Lanes * words);
            Vector512<ulong> c0 = default, c1 = default, c2 = default, c3 = default;
            Vector512<byte> b0 = default, b1 = default, b2 = default, b3 = default;
            for (int w = 0; w < words; w++)
            {
                var wv = Vector512.LoadUnsafe(ref block, (nuint)(w * Lanes));
                ulong m = w == words - 1 ? mask : ulong.MaxValue;
                b0 += PackedSpins.BytePopCounts((wv ^ Vector512.Create(Unsafe.Add(ref x0, w) & m)).AsByte());
                b1 += PackedSpins.BytePopCounts((wv ^ Vector512.Create(Unsafe.Add(ref x1, w) & m)).AsByte());
                b2 += PackedSpins.BytePopCounts((wv ^ Vector512.Create(Unsafe.Add(ref x2, w) & m)).AsByte());
                b3 += PackedSpins.BytePopCounts((wv ^ Vector512.Create(Unsafe.Add(ref x3, w) & m)).AsByte());
                if (w % 31 == 30 || w == words - 1)
                {
                    // A byte counts up to 8 per word: 31 words fit before widening.
                    c0 += Avx512BW.SumAbsoluteDifferences(b0, default).AsUInt64(); c1 += Avx512BW.SumAbsoluteDifferences(b1, default).AsUInt64();
                    c2 += Avx512BW.SumAbsoluteDifferences(b2, default).AsUInt64(); c3 += Avx512BW.SumAbsoluteDifferences(b3, default).AsUInt64();
                    (b0, b1, b2, b3) = (default, default, default, default);
                }
            }
            int j = k * Lanes, valid = Math.Min(Lanes, width - j);
            Emit(total - (c0.AsInt64() << 1), at[0], j, valid, row, units, hidden, l, fields, activations);
            if (g > 1) Emit(total - (c1.AsInt64() << 1), at[1], j, valid, row, units, hidden, l, fields, activations);
            if (g > 2) Emit(total - (c2.AsInt64() << 1), at[2], j, valid, row, units, hidden, l, fields, activations);
            if (g > 3) Emit(total - (c3.AsInt64() << 1), at[3], j, valid, row, units, hidden, l, fields, activations);
        }
    }

    /// <summary>Writes the fields of rows j … j+valid−1 of sample s and, in a hidden layer, their sign bits (h ≥ 0 ⇒ 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(Vector512<long> h, int s, int j, int valid, int row, int units, bool hidden, int l, Span<int> fields, Span<ulong> activations)
    {
        var f = fields.Slice(s * units + row + j, valid);
        if (valid == Lanes) Avx512F.ConvertToVector256Int32(h).CopyTo(f);
        else for (int r = 0; r < valid; r++) f[r] = (int)h.GetElement(r);
        if (!hidden) return;
        ulong bits = ~Vector512.ExtractMostSignificantBits(h) & ((1UL << valid) - 1);
        activations[s * ActivationWords + _actOffsets[l] + (j >> 6)] |= bits << (j & 63);
    }

    /// <summary>The scalar loop over the same layout (hosts without Vector512 and AVX-512BW).</summary>
    private void LayerScalar(int l, ref ulong x, int s, Span<int> fields, Span<ulong> activations)
    {
        int words = _shape.RowWords(l), n = _shape.FanIn(l), width = _shape.Width(l), row = _shape.RowOffset(l), units = _shape.UnitCount;
        bool hidden = l < _shape.Layers - 1;
        ulong mask = PackedSpins.LastWordMask(n);
        ref ulong wb = ref _blocks[_offsets[l]];
        for (int j = 0; j < width; j++)
        {
            ref ulong r0 = ref Unsafe.Add(ref wb, (j / Lanes) * Lanes * words + j % Lanes);
            int count = 0;
            for (int w = 0; w < words; w++)
                count += BitOperations.PopCount(Unsafe.Add(ref r0, w * Lanes) ^ (Unsafe.Add(ref x, w) & (w == words - 1 ? mask : ulong.MaxValue)));
            int h = n - 2 * count;
            fields[s * units + row + j] = h;
            if (hidden && h >= 0) activations[s * ActivationWords + _actOffsets[l] + (j >> 6)] |= 1UL << (j & 63);
        }
    }
}
