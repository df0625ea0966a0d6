using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// The bit-packed forward pass of a binary MLP: every field is an XNOR-popcount dot product of ±1 vectors,
/// h_{l,j} = n_l − 2·popcount(w_{l,j} ⊕ x_{l−1}) (<see cref="PackedSpins.Dot"/>, the perceptron's kernel), the hidden output
/// is x_{l,j} = sign(h_{l,j}) with sign(0) = +1, packed again for the next layer. The output is sign(h) for one output unit,
/// else the first argmax of the C output fields.
/// </summary>
/// <remarks><see cref="PredictNaive"/> (integer loops on ±1 arrays) is the test oracle. Rows of up to 32 words (2048 inputs) use the
/// scalar POPCNT dot: the vector nibble-lookup path of <see cref="PackedSpins.Dot"/> pays its set-up per call and only wins on
/// long rows (`mcover bench --model mlp` measures the forward pass).</remarks>
public static class MlpForward
{
    /// <summary>Words of the packed hidden activations of one sample (every hidden layer, each on whole words).</summary>
    public static int ActivationWords(MlpShape shape) => Enumerable.Range(0, shape.Layers - 1).Sum(l => PackedSpins.WordCount(shape.Width(l)));

    /// <summary>First word of hidden layer <paramref name="l"/>'s activations in an activation buffer.</summary>
    public static int ActivationOffset(MlpShape shape, int l)
    {
        int offset = 0;
        for (int k = 0; k < l; k++) offset += PackedSpins.WordCount(shape.Width(k));
        return offset;
    }

    /// <summary>
    /// Runs the network <paramref name="bits"/> on one packed input: writes every layer's fields (rows in global order,
    /// <see cref="MlpShape.UnitCount"/> values) and every hidden layer's packed activations, and returns the class.
    /// </summary>
    public static int Forward(MlpShape shape, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> input, Span<int> fields, Span<ulong> activations)
    {
        var x = input;
        int row = 0, packed = 0, act = 0;
        for (int l = 0; l < shape.Layers; l++)
        {
            int n = shape.FanIn(l), width = shape.Width(l), words = shape.RowWords(l);
            bool hidden = l < shape.Layers - 1;
            Span<ulong> output = hidden ? activations.Slice(act, PackedSpins.WordCount(width)) : default;
            if (hidden) output.Clear();
            for (int j = 0; j < width; j++)
            {
                int h = words <= 32 ? ShortDot(bits.Slice(packed + j * words, words), x, n, words) : PackedSpins.Dot(bits.Slice(packed + j * words, words), x, n);
                fields[row + j] = h;
                if (hidden && h >= 0) output[j >> 6] |= 1UL << (j & 63);
            }
            packed += width * words;
            row += width;
            if (hidden) { x = output; act += output.Length; }
        }
        return Decide(shape, fields.Slice(row - shape.Outputs, shape.Outputs));
    }

    /// <summary>w·x = n − 2·popcount(w ⊕ x) for a short row (≤ 32 words): scalar POPCNT, two accumulators, the last word masked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ShortDot(ReadOnlySpan<ulong> w, ReadOnlySpan<ulong> x, int n, int words)
    {
        if (w.Length < words || x.Length < words) throw new ArgumentException("row shorter than its fan-in");
        ref ulong rw = ref MemoryMarshal.GetReference(w);
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        int a = 0, b = 0, k = 0;
        for (; k + 2 <= words - 1; k += 2)
        {
            a += BitOperations.PopCount(Unsafe.Add(ref rw, k) ^ Unsafe.Add(ref rx, k));
            b += BitOperations.PopCount(Unsafe.Add(ref rw, k + 1) ^ Unsafe.Add(ref rx, k + 1));
        }
        for (; k < words - 1; k++) a += BitOperations.PopCount(Unsafe.Add(ref rw, k) ^ Unsafe.Add(ref rx, k));
        a += BitOperations.PopCount((Unsafe.Add(ref rw, words - 1) ^ Unsafe.Add(ref rx, words - 1)) & PackedSpins.LastWordMask(n));
        return n - 2 * (a + b);
    }

    /// <summary>The class of output fields <paramref name="outputs"/>: sign (class 1 ⇔ h ≥ 0) for one unit, else the first argmax.</summary>
    public static int Decide(MlpShape shape, ReadOnlySpan<int> outputs)
    {
        if (shape.Outputs == 1) return outputs[0] >= 0 ? 1 : 0;
        int best = 0;
        for (int c = 1; c < outputs.Length; c++) if (outputs[c] > outputs[best]) best = c;
        return best;
    }

    /// <summary>The class of one packed input (scratch allocated by the caller: fields and activations).</summary>
    public static int Predict(MlpShape shape, ReadOnlySpan<ulong> bits, ReadOnlySpan<ulong> input, Span<int> fields, Span<ulong> activations)
        => Forward(shape, bits, input, fields, activations);

    /// <summary>Misclassified rows of <paramref name="inputs"/> (labels are class indices).</summary>
    public static int ErrorCount(MlpShape shape, ReadOnlySpan<ulong> bits, PatternMatrix inputs, ReadOnlySpan<byte> labels)
    {
        var fields = new int[shape.UnitCount];
        var act = new ulong[Math.Max(1, ActivationWords(shape))];
        int errors = 0;
        for (int mu = 0; mu < inputs.Rows; mu++)
            if (Forward(shape, bits, inputs.Row(mu), fields, act) != labels[mu]) errors++;
        return errors;
    }

    /// <summary>The predicted class of every row, through the blocked pass (<see cref="MlpPredictor"/>; the result does not depend
    /// on threads).</summary>
    public static byte[] PredictAll(MlpShape shape, ReadOnlySpan<ulong> bits, PatternMatrix inputs, int threads = 1)
    {
        var classes = new byte[inputs.Rows];
        new MlpPredictor(shape, threads).Predict(bits, inputs, classes);
        return classes;
    }

    /// <summary>The oracle: the class computed with integer loops on ±1 arrays (weights row-major as <see cref="MlpNetwork.ToSpins"/>).</summary>
    public static int PredictNaive(MlpShape shape, ReadOnlySpan<sbyte> weights, ReadOnlySpan<sbyte> input)
    {
        var x = input.ToArray();
        int k = 0;
        int[] h = [];
        for (int l = 0; l < shape.Layers; l++)
        {
            h = new int[shape.Width(l)];
            for (int j = 0; j < h.Length; j++)
                for (int i = 0; i < shape.FanIn(l); i++) h[j] += weights[k++] * x[i];
            x = h.Select(v => v >= 0 ? (sbyte)1 : (sbyte)-1).ToArray();
        }
        return Decide(shape, h);
    }
}
