using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The least-action decision of the binary MLP on one sample (docs/physics/mlp.md#least-action): which hidden units are
/// presented to the unchanged perceptron rule (cp, cpr, sbpi), with which needed sign. The readout (output layer) is fixed;
/// with two or more hidden layers an output error is corrected by the trial flips of Madaline Rule II (<see cref="MlpTrialFlip"/>).
/// </summary>
/// <remarks>
/// Last hidden layer (width K, fields h_k, activations x_k = sign h_k, sign(0) = +1): the needed sign of unit k is
/// t_k = σ·w_{o,k} for the sign output (label σ), and t_k = w_{c,k} for the argmax output when w_{c,k} ≠ w_{c',k} (c the
/// label, c' the best wrong class; units with w_{c,k} = w_{c',k} cannot move h_c − h_{c'} and are not candidates). Unit
/// stabilities Δ_k = t_k·h_k. Sign output: <see cref="LeastAction.Decide"/> on the Δ_k exactly as for committees (for unit
/// readout weights this is the committee's rule). Argmax output: on an error the violated candidate (Δ_k ≤ κ√n) with the
/// largest Δ_k, else the least stable non-violated candidate. Two or more hidden layers, on an output error: (1) the first
/// single unit below the top layer (first layer first, increasing |h|) whose flip raises the output's stability; else (2) the
/// fewest units of the layer below the top that flip the chosen top unit k when flipped together, if that raises the
/// stability; else (3) unit k itself. The units of (1) and (2) are pushed toward their flipped signs (Δ = −|h|: the CP step).
/// </remarks>
public static class MlpLeastAction
{
    /// <summary>Sentinel stability of a unit that is not a candidate.</summary>
    private const int NotCandidate = int.MaxValue;

    /// <summary>
    /// The units presented to the rules on one sample (<paramref name="steps"/>, each with its needed sign and the rule's
    /// decision); returns the first decision's <see cref="RuleAction.Reinforce"/> flag.
    /// </summary>
    /// <param name="shape">The network's shape (at least one hidden layer).</param>
    /// <param name="bits">The (routed) network's packed weights.</param>
    /// <param name="fields">The forward pass's fields of every unit (global row order).</param>
    /// <param name="predicted">The forward pass's class.</param>
    /// <param name="label">The sample's class.</param>
    /// <param name="rules">The rule of each hidden layer (margin κ√n with n its fan-in).</param>
    /// <param name="rng">The copy's rule stream.</param>
    /// <param name="steps">Out: the units pushed, their needed signs and the rule's decisions (without reinforcement).</param>
    /// <param name="count">Out: the number of <paramref name="steps"/> written.</param>
    /// <param name="scratch">At least the largest hidden width.</param>
    /// <param name="trial">The trial flips' workspace for <paramref name="shape"/>.</param>
    public static bool Decide(MlpShape shape, ReadOnlySpan<ulong> bits, ReadOnlySpan<int> fields, int predicted, int label,
        IReadOnlyList<IOnlineRule> rules, ref RngStream rng, Span<MlpUnitStep> steps, out int count, Span<int> scratch, MlpTrialFlip trial)
    {
        int top = shape.Layers - 2;
        if (top < 0) throw new ArgumentException("least action needs a hidden layer");
        count = 0;
        int width = shape.Width(top), outRow = shape.RowOffset(top + 1), words = shape.RowWords(top + 1);
        var delta = scratch[..width];
        var hTop = fields.Slice(shape.RowOffset(top), width);
        bool wrong = predicted != label;
        int unit, t;
        if (shape.Outputs == 1)
        {
            int sigma = label == 1 ? 1 : -1;
            var readout = bits.Slice(shape.PackedOffset(top + 1), words);
            for (int k = 0; k < width; k++) delta[k] = sigma * PackedSpins.Get(readout, k) * hTop[k];
            unit = LeastAction.Unit(delta, rules[top].Margin);
            t = unit < 0 ? 0 : sigma * PackedSpins.Get(readout, unit);
        }
        else
        {
            int rival = Rival(fields.Slice(outRow, shape.Outputs), label);
            var wc = bits.Slice(shape.PackedOffset(top + 1) + label * words, words);
            var wr = bits.Slice(shape.PackedOffset(top + 1) + rival * words, words);
            for (int k = 0; k < width; k++)
            {
                int a = PackedSpins.Get(wc, k);
                delta[k] = a == PackedSpins.Get(wr, k) ? NotCandidate : a * hTop[k];
            }
            unit = Choose(delta, rules[top].Margin, wrong);
            t = unit < 0 ? 0 : PackedSpins.Get(wc, unit);
        }
        if (wrong && top >= 1)
        {
            // 1. MRII: the first single flip below the top layer that raises the output's stability.
            if (trial.Find(bits, fields, label) is ( >= 0 and var layer, var j))
            {
                return Push(shape, fields, rules[layer], layer, [j], ref rng, steps, ref count);
            }
            // 2. The top unit's least-action set in the layer below, flipped together.
            if (unit >= 0 && trial.FindSet(bits, fields, label, unit, t, scratch[width..]) is > 0 and var r)
            {
                return Push(shape, fields, rules[top - 1], top - 1, scratch.Slice(width, r), ref rng, steps, ref count);
            }
        }
        // 3. The top layer's unit (one hidden layer: exactly the committee's least-action rule).
        if (unit < 0) return false;
        var action = rules[top].Decide(delta[unit], ref rng);
        steps[count++] = new MlpUnitStep(top, unit, t, action & ~RuleAction.Reinforce);
        return (action & RuleAction.Reinforce) != 0;
    }

    /// <summary>Units <paramref name="units"/> of layer l, each presented to the rule with its stability toward the flipped sign
    /// (Δ = −|h| ≤ 0: a CP step); returns the first decision's reinforcement flag.</summary>
    private static bool Push(MlpShape shape, ReadOnlySpan<int> fields, IOnlineRule rule, int l, ReadOnlySpan<int> units, ref RngStream rng, Span<MlpUnitStep> steps, ref int count)
    {
        bool reinforce = false;
        foreach (int j in units)
        {
            int h = fields[shape.RowOffset(l) + j], flipped = h >= 0 ? -1 : 1;
            var action = rule.Decide(flipped * h, ref rng);
            if (count == 0) reinforce = (action & RuleAction.Reinforce) != 0;
            steps[count++] = new MlpUnitStep(l, j, flipped, action & ~RuleAction.Reinforce);
        }
        return reinforce;
    }

    /// <summary>The class with the largest output field other than <paramref name="label"/> (first on ties).</summary>
    private static int Rival(ReadOnlySpan<int> outputs, int label)
    {
        int best = -1;
        for (int c = 0; c < outputs.Length; c++)
            if (c != label && (best < 0 || outputs[c] > outputs[best])) best = c;
        return best;
    }

    /// <summary>On an error the violated candidate (Δ ≤ margin) with the largest Δ, else the non-violated one with the smallest Δ; −1 if none.</summary>
    private static int Choose(ReadOnlySpan<int> delta, double margin, bool wrong)
    {
        int best = -1;
        for (int k = 0; k < delta.Length; k++)
        {
            int d = delta[k];
            if (d == NotCandidate || (d <= margin) != wrong) continue;
            if (best < 0 || (wrong ? d > delta[best] : d < delta[best])) best = k;
        }
        return best;
    }
}
