using System.Numerics;
using System.Runtime.CompilerServices;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// The energy bookkeeping of a <see cref="MetropolisChain"/>: the M weight copies, every routed stability Δ_{μb}, the
/// boundary masks B₊ = {t &lt; Δ ≤ t + 2} and B₋ = {t − 2 &lt; Δ ≤ t} per factor copy and the energy E (violated factor
/// copies, Δ ≤ t = ⌊κ√N⌋). Lifted: the inverse routing planes the ΔE kernel (<see cref="FlipEnergy"/>) reads.
/// </summary>
/// <remarks>docs/physics/monte-carlo.md. Stabilities and masks change only through <see cref="Flip"/> (O(P)) or <see cref="Reroute"/>.</remarks>
internal sealed class ChainEnergy : ICopyEnergies
{
    private readonly Dataset _data;
    internal readonly int N, P, M, WordsN, WordsP, Bits, Threshold;
    internal readonly ulong[] WeightWords; // [a][wn]
    internal readonly ulong[] Columns;     // [i][wp]: bit μ = [σ^μ ξ_i^μ = +1]
    internal readonly int[] Stability;     // [b][μ]: routed Δ_{μb}
    internal readonly ulong[] Boundary;    // [word j][b][2]: B₊ then B₋ of factor copy b, word j (the M pairs a multiplexer reads are adjacent)
    internal readonly ulong[]? Inverse;    // [(i·M + a)·L + l][wp]: bit μ of plane l = bit l of π_{iμ}^{−1}(a)
    private readonly ulong[] _routed;
    private int _energy;

    /// <summary>M copies at uniform random weights from (seed, InitialState, a); <paramref name="lifted"/>: keeps inverse routing planes.</summary>
    public ChainEnergy(Dataset data, int copies, ulong seed, double kappa, bool lifted)
    {
        _data = data;
        N = data.N;
        P = data.P;
        M = copies;
        WordsN = PackedSpins.WordCount(N);
        WordsP = PackedSpins.WordCount(P);
        Bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(M)));
        Threshold = (int)Math.Floor(kappa * Math.Sqrt(N));
        WeightWords = new ulong[M * WordsN];
        for (int a = 0; a < M; a++)
            Dataset.RandomVector(N, RngStream.Key(seed, StreamTag.InitialState, (ulong)a)).CopyTo(WeightWords, a * WordsN);
        Columns = ColumnsOf(data);
        Stability = new int[M * P];
        Boundary = new ulong[2 * M * WordsP];
        _routed = new ulong[WordsN];
        if (lifted) Inverse = new ulong[(long)N * M * Bits * WordsP];
    }

    /// <summary>Current energy (violated factor copies).</summary>
    public int Energy => _energy;

    /// <summary>The training set.</summary>
    public Dataset Data => _data;

    /// <summary>Copy a's packed weights (live).</summary>
    public ReadOnlySpan<ulong> Weights(int a) => new(WeightWords, a * WordsN, WordsN);

    /// <summary>The transposed pattern matrix with σ folded in: column i has bit μ set when σ^μ ξ_i^μ = +1.</summary>
    internal static ulong[] ColumnsOf(Dataset data)
    {
        int n = data.N, p = data.P, wp = PackedSpins.WordCount(p);
        var columns = new ulong[n * wp];
        for (int mu = 0; mu < p; mu++)
        {
            var row = data.Patterns.Row(mu);
            bool positive = data.Labels[mu] > 0;
            for (int i = 0; i < n; i++)
                if ((((row[i >> 6] >> (i & 63)) & 1) != 0) == positive) columns[i * wp + (mu >> 6)] |= 1UL << (mu & 63);
        }
        return columns;
    }

    /// <summary>Takes <paramref name="routing"/> (null: identity), recomputes every routed stability, the masks and E.</summary>
    public void Reroute(PatternRouting? routing)
    {
        int n = N, p = P, m = M, wn = WordsN, wp = WordsP, bits = Bits;
        if (Inverse is not null)
        {
            Array.Clear(Inverse);
            for (int mu = 0; mu < p; mu++)
            {
                var (table, row) = routing!.For(mu);
                ulong bit = 1UL << (mu & 63);
                int word = mu >> 6;
                for (int b = 0; b < m; b++)
                    for (int j = 0; j < wn; j++)
                        for (int a = 0; a < m; a++)
                        {
                            ulong sel = table.Select(row, b, a, j) & (j == wn - 1 ? PackedSpins.LastWordMask(n) : ulong.MaxValue);
                            while (sel != 0)
                            {
                                int i = 64 * j + BitOperations.TrailingZeroCount(sel);
                                sel &= sel - 1;
                                long at = ((long)(i * m + a) * bits) * wp + word;
                                for (int l = 0; l < bits; l++)
                                    if (((b >> l) & 1) != 0) Inverse[at + (long)l * wp] |= bit;
                            }
                        }
            }
        }
        _energy = 0;
        Array.Clear(Boundary);
        for (int mu = 0; mu < p; mu++)
        {
            var xi = _data.Patterns.Row(mu);
            int sigma = _data.Labels[mu];
            for (int b = 0; b < m; b++)
            {
                ReadOnlySpan<ulong> w;
                if (routing is null) w = Weights(b);
                else
                {
                    var (table, row) = routing.For(mu);
                    table.Route(row, b, WeightWords, 0, wn, _routed);
                    w = _routed;
                }
                int s = sigma * PackedSpins.Dot(w, xi, n);
                Stability[b * p + mu] = s;
                if (s <= Threshold) _energy++;
                SetBoundary(b, mu, s);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetBoundary(int b, int mu, int s)
    {
        int w = 2 * ((mu >> 6) * M + b), t = Threshold;
        ulong bit = 1UL << (mu & 63);
        ulong plus = s > t && s <= t + 2 ? bit : 0, minus = s > t - 2 && s <= t ? bit : 0;
        Boundary[w] = (Boundary[w] & ~bit) | plus;
        Boundary[w + 1] = (Boundary[w + 1] & ~bit) | minus;
    }

    /// <summary>Flips w_i^a and updates the stabilities it moves (one per μ), the masks and E by <paramref name="change"/>.</summary>
    public void Flip(int i, int a, int change)
    {
        int m = M, p = P, wp = WordsP;
        ref ulong word = ref WeightWords[a * WordsN + (i >> 6)];
        bool up = ((word >> (i & 63)) & 1) != 0;
        word ^= 1UL << (i & 63);
        int col = i * wp, t = Threshold;
        if (Inverse is null)
        {
            // Identity lift: the 64 stabilities of a word belong to copy a; its two mask words are rebuilt in registers.
            Span<int> stability = Stability.AsSpan(a * p, p);
            for (int j = 0; j < wp; j++)
            {
                ulong e = up ? Columns[col + j] : ~Columns[col + j];
                int end = Math.Min(64, p - 64 * j);
                ulong plus = 0, minus = 0;
                for (int k = 0; k < end; k++)
                {
                    ref int s = ref stability[64 * j + k];
                    s += 2 - 4 * (int)((e >> k) & 1); // Δ → Δ − 2 w_i s_{μi}
                    ulong bit = 1UL << k;
                    if ((uint)(s - t - 1) < 2u) plus |= bit;       // t < Δ ≤ t + 2
                    else if ((uint)(s - t + 1) < 2u) minus |= bit; // t − 2 < Δ ≤ t
                }
                int at = 2 * (j * m + a);
                Boundary[at] = plus;
                Boundary[at + 1] = minus;
            }
            _energy += change;
            return;
        }
        long planes = (long)(i * m + a) * Bits * wp;
        for (int j = 0; j < wp; j++)
        {
            ulong e = up ? Columns[col + j] : ~Columns[col + j];
            int end = Math.Min(64, p - 64 * j);
            for (int k = 0; k < end; k++)
            {
                int mu = 64 * j + k, b = 0;
                for (int l = 0; l < Bits; l++) b |= (int)((Inverse[planes + (long)l * wp + j] >> k) & 1) << l; // b_μ = π_{iμ}^{−1}(a)
                ref int s = ref Stability[b * p + mu];
                s += 2 - 4 * (int)((e >> k) & 1);
                SetBoundary(b, mu, s);
            }
        }
        _energy += change;
    }

    /// <summary>Energy of copy a alone (identity lift): its stabilities with Δ ≤ κ√N.</summary>
    public int CopyEnergy(int a)
    {
        int e = 0;
        foreach (int s in Stability.AsSpan(a * P, P)) if (s <= Threshold) e++;
        return e;
    }

    /// <summary>Factor copies (μ, b) with routed Δ ≤ 0.</summary>
    public int RoutedErrors()
    {
        int routed = 0;
        foreach (int s in Stability) if (s <= 0) routed++;
        return routed;
    }

    /// <summary>Base training errors (Δ ≤ 0 on the original patterns) of every copy; read off the stabilities for the identity lift.</summary>
    public void TrainErrors(int[] errors)
    {
        Array.Clear(errors);
        for (int a = 0; a < M; a++)
        {
            if (Inverse is null)
            {
                for (int mu = 0; mu < P; mu++) if (Stability[a * P + mu] <= 0) errors[a]++;
            }
            else errors[a] = Dataset.ErrorCount(Weights(a), _data.Patterns, _data.Labels);
        }
    }

    /// <summary>Sets the weights of all copies from the bits of <paramref name="state"/> (copy a: bits a·N …; N·M ≤ 31; tests).</summary>
    internal void SetState(int state)
    {
        if (N * M > 31) throw new InvalidOperationException("state index needs N·M ≤ 31");
        Array.Clear(WeightWords);
        for (int a = 0; a < M; a++) WeightWords[a * WordsN] = (ulong)((state >> (a * N)) & ((1 << N) - 1));
    }
}
