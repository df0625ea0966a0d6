using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Committee;

/// <summary>
/// A binary committee machine: K (odd) hidden sign units τ_k = sign(w_k·ξ_k), output σ = sign(Σ_k τ_k) (majority vote).
/// Unit k has n = N/K inputs (tree) or n = N (full); n is odd so that no field w_k·ξ_k is ever 0. K = 1 is the perceptron.
/// </summary>
/// <param name="N">Number of inputs N.</param>
/// <param name="Hidden">Number of hidden units K (odd).</param>
/// <param name="Arch">Tree or fully connected.</param>
/// <remarks>
/// docs/physics/rules.md#committee-machines. Storage: a pattern matrix whose rows are the unit inputs ξ_k, bit-packed like
/// every ±1 vector. Tree: row μK + k holds unit k's own N/K inputs of pattern μ (each unit's slice starts on a word boundary,
/// so its field is one packed dot product); full: row μ is the whole pattern, shared by the K units.
/// </remarks>
public sealed record CommitteeShape(int N, int Hidden, Architecture Arch)
{
    /// <summary>Null when the shape is consistent, else what is wrong (one line).</summary>
    public static string? Problem(int n, int hidden, Architecture arch)
    {
        if (hidden < 1 || hidden % 2 == 0) return $"K = {hidden} hidden units must be odd and ≥ 1 (majority vote without ties)";
        if (arch == Architecture.Full) return n >= 1 && n % 2 == 1 ? null : $"N = {n} must be odd for the fully connected committee";
        return n >= hidden && n % hidden == 0 && (n / hidden) % 2 == 1 ? null
            : $"N = {n} must be a multiple of K = {hidden} with N/K odd for the tree committee (e.g. N = {hidden * (2 * Math.Max(0, n / hidden / 2) + 1)})";
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the shape is inconsistent.</summary>
    public CommitteeShape Validated() => Problem(N, Hidden, Arch) is { } p ? throw new ArgumentException(p) : this;

    /// <summary>Inputs per hidden unit n (N/K for the tree, N for the full machine).</summary>
    public int UnitInputs => Arch == Architecture.Tree ? N / Hidden : N;

    /// <summary>Words per unit vector, ⌈n/64⌉.</summary>
    public int UnitWords => PackedSpins.WordCount(UnitInputs);

    /// <summary>Rows of the input matrix for <paramref name="patterns"/> patterns (K·P for the tree, P for the full machine).</summary>
    public int InputRows(int patterns) => Arch == Architecture.Tree ? patterns * Hidden : patterns;

    /// <summary>Unit k's input vector ξ_k of pattern μ.</summary>
    public ReadOnlySpan<ulong> Input(PatternMatrix inputs, int mu, int k) => inputs.Row(Arch == Architecture.Tree ? mu * Hidden + k : mu);

    /// <summary>
    /// The K fields h_k = w_k·ξ_k of pattern μ (exact integers, packed dot products); <paramref name="weights"/> holds unit k's
    /// vector at <paramref name="first"/> + k·<paramref name="stride"/>.
    /// </summary>
    public void Fields(ReadOnlySpan<ulong> weights, int first, int stride, PatternMatrix inputs, int mu, Span<int> fields)
    {
        int n = UnitInputs, w = UnitWords;
        for (int k = 0; k < Hidden; k++) fields[k] = PackedSpins.Dot(weights.Slice(first + k * stride, w), Input(inputs, mu, k), n);
    }

    /// <summary>Majority vote sign(Σ_k sign(h_k)) of the fields (K odd and every h_k odd, so never 0).</summary>
    public static int Output(ReadOnlySpan<int> fields)
    {
        int votes = 0;
        foreach (int h in fields) votes += h > 0 ? 1 : -1;
        return votes > 0 ? 1 : -1;
    }

    /// <summary>Output of the committee whose K unit vectors are concatenated in <paramref name="units"/> (stride ⌈n/64⌉) on pattern μ.</summary>
    public int Output(ReadOnlySpan<ulong> units, PatternMatrix inputs, int mu)
    {
        Span<int> fields = stackalloc int[Hidden];
        Fields(units, 0, UnitWords, inputs, mu, fields);
        return Output(fields);
    }

    /// <summary>Patterns on which the committee <paramref name="units"/> disagrees with <paramref name="labels"/>.</summary>
    public int ErrorCount(ReadOnlySpan<ulong> units, PatternMatrix inputs, ReadOnlySpan<sbyte> labels)
    {
        int errors = 0;
        for (int mu = 0; mu < labels.Length; mu++)
            if (Output(units, inputs, mu) != labels[mu]) errors++;
        return errors;
    }
}
