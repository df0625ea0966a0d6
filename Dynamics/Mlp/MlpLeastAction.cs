using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>
/// The least-action decision of the binary MLP on one sample (docs/physics/mlp.md#least-action): which hidden unit of each
/// layer is presented to the unchanged perceptron rule (cp, cpr, sbpi), with which needed sign. The readout (output layer)
/// is fixed; the needed signs go down layer by layer (target propagation along one chain of units).
/// </summary>
/// <remarks>
/// Last hidden layer (width K, fields h_k, activations x_k = sign h_k, sign(0) = +1): the needed sign of unit k is
/// t_k = σ·w_{o,k} for the sign output (label σ), and t_k = w_{c,k} for the argmax output when w_{c,k} ≠ w_{c',k} (c the
/// label, c' the best wrong class; units with w_{c,k} = w_{c',k} cannot move h_c − h_{c'} and are not candidates). Unit
/// stabilities Δ_k = t_k·h_k. Sign output: <see cref="LeastAction.Decide"/> on the Δ_k exactly as for committees (for unit
/// readout weights this is the committee's rule). Argmax output: on an error the violated candidate (Δ_k ≤ κ√n) with the
/// largest Δ_k, else the least stable non-violated candidate. When the rule makes the CP step on unit k of layer l ≥ 1,
/// the needed sign goes one layer down: t_j = t_k·w_{k,j}, and the same choice (the violated unit with the largest Δ_j) is
/// made there, down to layer 0; deeper layers take only the CP step (no reinforcement or metaplastic step).
/// </remarks>
public static class MlpLeastAction
{
    /// <summary>Sentinel stability of a unit that is not a candidate.</summary>
    private const int NotCandidate = int.MaxValue;

    /// <summary>
    /// The chain of units presented to the rules on one sample: <paramref name="units"/>[l] and <paramref name="signs"/>[l] the
    /// unit of layer l and its needed sign (unit −1: none), <paramref name="actions"/>[l] the rule's decision; returns the
    /// top decision's <see cref="RuleAction.Reinforce"/> flag.
    /// </summary>
    /// <param name="shape">The network's shape (at least one hidden layer).</param>
    /// <param name="bits">The (routed) network's packed weights.</param>
    /// <param name="fields">The forward pass's fields of every unit (global row order).</param>
    /// <param name="predicted">The forward pass's class.</param>
    /// <param name="label">The sample's class.</param>
    /// <param name="rules">The rule of each hidden layer (margin κ√n with n its fan-in).</param>
    /// <param name="rng">The copy's rule stream.</param>
    /// <param name="units">Out: the unit of each hidden layer (−1: none).</param>
    /// <param name="signs">Out: its needed sign.</param>
    /// <param name="actions">Out: the rule's decision for it (without reinforcement).</param>
    /// <param name="scratch">At least the largest hidden width.</param>
    public static bool Decide(MlpShape shape, ReadOnlySpan<ulong> bits, ReadOnlySpan<int> fields, int predicted, int label,
        IReadOnlyList<IOnlineRule> rules, ref RngStream rng, Span<int> units, Span<int> signs, Span<RuleAction> actions, Span<int> scratch)
    {
        int top = shape.Layers - 2;
        if (top < 0) throw new ArgumentException("least action needs a hidden layer");
        for (int l = 0; l <= top; l++) (units[l], signs[l], actions[l]) = (-1, 0, RuleAction.None);
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
        if (unit < 0) return false;
        var action = rules[top].Decide(delta[unit], ref rng);
        (units[top], signs[top], actions[top]) = (unit, t, action & ~RuleAction.Reinforce);
        bool reinforce = (action & RuleAction.Reinforce) != 0;
        for (int l = top; l >= 1 && (actions[l] & RuleAction.Perceptron) != 0; l--)
        {
            int below = shape.Width(l - 1), rowWords = shape.RowWords(l);
            var row = bits.Slice(shape.PackedOffset(l) + units[l] * rowWords, rowWords);
            var h = fields.Slice(shape.RowOffset(l - 1), below);
            var d = scratch[..below];
            for (int j = 0; j < below; j++) d[j] = signs[l] * PackedSpins.Get(row, j) * h[j];
            int j0 = Choose(d, rules[l - 1].Margin, wrong: true);
            if (j0 < 0) break;
            units[l - 1] = j0;
            signs[l - 1] = signs[l] * PackedSpins.Get(row, j0);
            actions[l - 1] = rules[l - 1].Decide(d[j0], ref rng) & RuleAction.Perceptron;
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
