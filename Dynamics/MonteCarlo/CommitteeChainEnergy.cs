using System.Numerics;
using System.Runtime.CompilerServices;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// The energy bookkeeping of a <see cref="CommitteeMetropolisChain"/>: the M committees' weights, every routed unit
/// stability Δ_{bμk} = σ^μ h̃_{μbk}, the votes V_{bμ} = #{k : Δ_{bμk} &gt; t} (t = ⌊κ√n⌋), the energy
/// E = #{(μ, b) : V_{bμ} &lt; (K + 1)/2} and the flip masks per (unit k, factor copy b):
/// B₊ = {μ : t &lt; Δ_{bμk} ≤ t + 2 and V_{bμ} = (K + 1)/2} (a drop of Δ by 2 violates the pattern) and
/// B₋ = {μ : t − 2 &lt; Δ_{bμk} ≤ t and V_{bμ} = (K − 1)/2} (a rise by 2 satisfies it).
/// </summary>
/// <remarks>
/// docs/physics/monte-carlo.md#committee-machines. Weight u = k·n + i is input i of unit k; copy a's units are
/// concatenated (unit k at word (aK + k)·⌈n/64⌉). Masks are stored word-major, [j][k][b][2], so the M pairs a
/// multiplexer reads for (j, k) are adjacent. Lifted: inverse routing planes per (u, a), read by <see cref="CommitteeFlipEnergy"/>.
/// For K = 1 the masks are the perceptron's (<see cref="ChainEnergy"/>). State changes only through <see cref="Flip"/> or <see cref="Reroute"/>.
/// </remarks>
internal sealed class CommitteeChainEnergy : ICopyEnergies
{
    private readonly CommitteeDataset _data;
    internal readonly CommitteeShape Shape;
    internal readonly int K, N, P, M, WordsUnit, WordsP, Bits, Threshold, Need;
    internal readonly ulong[] WeightWords; // [a][k][wu]
    internal readonly ulong[] Columns;     // [c][wp], c = k·n + i (tree) or i (full): bit μ = [σ^μ ξ_{k,i}^μ = +1]
    internal readonly int[] Stability;     // [(b·K + k)·P + μ]: routed Δ_{bμk}
    internal readonly int[] Votes;         // [b·P + μ]: units with Δ > t
    internal readonly ulong[] Boundary;    // [((j·K + k)·M + b)·2]: B₊ then B₋
    internal readonly ulong[]? Inverse;    // [((u·M + a)·L + l)·wp + j]: bit μ of plane l = bit l of π_{(k,i)μ}^{−1}(a)
    private readonly ulong[] _routed;
    private int _energy;

    /// <summary>M committees at uniform random weights, unit (a, k) from (seed, InitialState, aK + k) (for K = 1 the perceptron
    /// chain's start); <paramref name="lifted"/>: keeps inverse routing planes.</summary>
    public CommitteeChainEnergy(CommitteeDataset data, int copies, ulong seed, double kappa, bool lifted)
    {
        _data = data;
        Shape = data.Shape;
        K = Shape.Hidden;
        N = Shape.UnitInputs;
        P = data.P;
        M = copies;
        WordsUnit = Shape.UnitWords;
        WordsP = PackedSpins.WordCount(P);
        Bits = Math.Max(1, (int)Math.Ceiling(Math.Log2(M)));
        Threshold = (int)Math.Floor(kappa * Math.Sqrt(N));
        Need = (K + 1) / 2;
        WeightWords = new ulong[M * K * WordsUnit];
        for (int unit = 0; unit < M * K; unit++)
            Dataset.RandomVector(N, RngStream.Key(seed, StreamTag.InitialState, (ulong)unit)).CopyTo(WeightWords, unit * WordsUnit);
        Columns = ColumnsOf(data);
        Stability = new int[M * K * P];
        Votes = new int[M * P];
        Boundary = new ulong[2 * K * M * WordsP];
        _routed = new ulong[WordsUnit];
        if (lifted) Inverse = new ulong[(long)K * N * M * Bits * WordsP];
    }

    /// <summary>Current energy (violated factor copies).</summary>
    public int Energy => _energy;

    /// <summary>The training set.</summary>
    public CommitteeDataset Data => _data;

    /// <summary>Weights per committee K·n.</summary>
    public int Weights => K * N;

    /// <summary>Copy a's packed units, concatenated (live).</summary>
    public ReadOnlySpan<ulong> Committee(int a) => new(WeightWords, a * K * WordsUnit, K * WordsUnit);

    /// <summary>Row of <see cref="Columns"/> that weight (k, i) reads: its own input column (tree) or input i shared by all units (full).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Column(int k, int i) => Shape.Arch == Architecture.Tree ? k * N + i : i;

    /// <summary>Weight (k, i) of copy a.</summary>
    public int Get(int a, int k, int i) => PackedSpins.Get(WeightWords.AsSpan((a * K + k) * WordsUnit, WordsUnit), i);

    private static ulong[] ColumnsOf(CommitteeDataset data)
    {
        var shape = data.Shape;
        int n = shape.UnitInputs, p = data.P, wp = PackedSpins.WordCount(p), columns = shape.Arch == Architecture.Tree ? shape.Hidden : 1;
        var result = new ulong[columns * n * wp];
        for (int mu = 0; mu < p; mu++)
        {
            bool positive = data.Labels[mu] > 0;
            for (int k = 0; k < columns; k++)
            {
                var row = shape.Input(data.Inputs, mu, k);
                for (int i = 0; i < n; i++)
                    if ((((row[i >> 6] >> (i & 63)) & 1) != 0) == positive) result[(k * n + i) * wp + (mu >> 6)] |= 1UL << (mu & 63);
            }
        }
        return result;
    }

    /// <summary>Takes <paramref name="routing"/> (rows μK + k; null: identity), recomputes every stability, vote, mask and E.</summary>
    public void Reroute(PatternRouting? routing)
    {
        int n = N, p = P, m = M, kk = K, wu = WordsUnit, wp = WordsP, bits = Bits;
        if (Inverse is not null)
        {
            Array.Clear(Inverse);
            for (int mu = 0; mu < p; mu++)
                for (int k = 0; k < kk; k++)
                {
                    var (table, row) = routing!.For(mu * kk + k);
                    ulong bit = 1UL << (mu & 63);
                    for (int b = 0; b < m; b++)
                        for (int j = 0; j < wu; j++)
                            for (int a = 0; a < m; a++)
                            {
                                ulong sel = table.Select(row, b, a, j) & (j == wu - 1 ? PackedSpins.LastWordMask(n) : ulong.MaxValue);
                                while (sel != 0)
                                {
                                    int i = 64 * j + BitOperations.TrailingZeroCount(sel);
                                    sel &= sel - 1;
                                    long at = ((long)((k * n + i) * m + a) * bits) * wp + (mu >> 6);
                                    for (int l = 0; l < bits; l++)
                                        if (((b >> l) & 1) != 0) Inverse[at + (long)l * wp] |= bit;
                                }
                            }
                }
        }
        _energy = 0;
        Array.Clear(Votes);
        for (int mu = 0; mu < p; mu++)
        {
            int sigma = _data.Labels[mu];
            for (int b = 0; b < m; b++)
            {
                for (int k = 0; k < kk; k++)
                {
                    ReadOnlySpan<ulong> w;
                    if (routing is null) w = new(WeightWords, (b * kk + k) * wu, wu);
                    else
                    {
                        var (table, row) = routing.For(mu * kk + k);
                        table.Route(row, b, WeightWords, k * wu, kk * wu, _routed);
                        w = _routed;
                    }
                    int s = sigma * PackedSpins.Dot(w, Shape.Input(_data.Inputs, mu, k), n);
                    Stability[(b * kk + k) * p + mu] = s;
                    if (s > Threshold) Votes[b * p + mu]++;
                }
                if (Votes[b * p + mu] < Need) _energy++;
                SetPattern(b, mu);
            }
        }
    }

    /// <summary>The mask bits of unit k at (b, μ) from its stability and the votes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetUnit(int b, int k, int mu, int votes)
    {
        int w = 2 * (((mu >> 6) * K + k) * M + b), t = Threshold, s = Stability[(b * K + k) * P + mu];
        ulong bit = 1UL << (mu & 63);
        ulong plus = votes == Need && (uint)(s - t - 1) < 2u ? bit : 0;      // t < Δ ≤ t + 2, the deciding vote
        ulong minus = votes == Need - 1 && (uint)(s - t + 1) < 2u ? bit : 0; // t − 2 < Δ ≤ t, one vote short
        Boundary[w] = (Boundary[w] & ~bit) | plus;
        Boundary[w + 1] = (Boundary[w + 1] & ~bit) | minus;
    }

    /// <summary>The mask bits of every unit at (b, μ) (after its votes changed).</summary>
    private void SetPattern(int b, int mu)
    {
        int votes = Votes[b * P + mu];
        for (int k = 0; k < K; k++) SetUnit(b, k, mu, votes);
    }

    /// <summary>Flips weight (k, i) of copy a and updates the stabilities it moves (one per μ), the votes, the masks and E by <paramref name="change"/>.</summary>
    public void Flip(int k, int i, int a, int change)
    {
        int m = M, p = P, wp = WordsP, kk = K, t = Threshold;
        ref ulong word = ref WeightWords[(a * kk + k) * WordsUnit + (i >> 6)];
        bool up = ((word >> (i & 63)) & 1) != 0;
        word ^= 1UL << (i & 63);
        int col = Column(k, i) * wp;
        if (Inverse is null)
        {
            FlipOwn(k, a, up, col);
            _energy += change;
            return;
        }
        long planes = (long)((k * N + i) * m + a) * Bits * wp;
        for (int j = 0; j < wp; j++)
        {
            ulong e = up ? Columns[col + j] : ~Columns[col + j]; // μ where w s_{μki} = +1: Δ drops by 2
            int end = Math.Min(64, p - 64 * j);
            for (int bit = 0; bit < end; bit++)
            {
                int mu = 64 * j + bit, b = 0;
                for (int l = 0; l < Bits; l++) b |= (int)((Inverse[planes + (long)l * wp + j] >> bit) & 1) << l; // b_μ = π_{(k,i)μ}^{−1}(a)
                ref int s = ref Stability[(b * kk + k) * p + mu];
                bool before = s > t;
                s += 2 - 4 * (int)((e >> bit) & 1);
                if (before == s > t) SetUnit(b, k, mu, Votes[b * p + mu]);
                else
                {
                    Votes[b * p + mu] += before ? -1 : 1;
                    SetPattern(b, mu);
                }
            }
        }
        _energy += change;
    }

    /// <summary>Identity lift: the P stabilities of unit k of copy a move; unit k's mask words are rebuilt in registers, the other
    /// units' bits change only at the patterns whose votes changed.</summary>
    private void FlipOwn(int k, int a, bool up, int col)
    {
        int p = P, t = Threshold, need = Need, kk = K;
        Span<int> stability = Stability.AsSpan((a * kk + k) * p, p);
        Span<int> votes = Votes.AsSpan(a * p, p);
        for (int j = 0; j < WordsP; j++)
        {
            ulong e = up ? Columns[col + j] : ~Columns[col + j];
            int end = Math.Min(64, p - 64 * j);
            ulong plus = 0, minus = 0;
            for (int bit = 0; bit < end; bit++)
            {
                int mu = 64 * j + bit;
                ref int s = ref stability[mu];
                bool before = s > t;
                s += 2 - 4 * (int)((e >> bit) & 1); // Δ_k → Δ_k − 2 w s_{μki}
                ref int v = ref votes[mu];
                if (before != s > t)
                {
                    v += before ? -1 : 1;
                    for (int other = 0; other < kk; other++) if (other != k) SetUnit(a, other, mu, v);
                }
                if (v == need && (uint)(s - t - 1) < 2u) plus |= 1UL << bit;           // t < Δ ≤ t + 2, the deciding vote
                else if (v == need - 1 && (uint)(s - t + 1) < 2u) minus |= 1UL << bit; // t − 2 < Δ ≤ t, one vote short
            }
            int at = 2 * ((j * kk + k) * M + a);
            Boundary[at] = plus;
            Boundary[at + 1] = minus;
        }
    }

    /// <inheritdoc />
    public int CopyEnergy(int a)
    {
        int e = 0;
        foreach (int v in Votes.AsSpan(a * P, P)) if (v < Need) e++;
        return e;
    }

    /// <summary>Factor copies (μ, b) whose routed committee misclassifies (majority of routed fields, Δ ≤ 0 a wrong vote).</summary>
    public int RoutedErrors()
    {
        int routed = 0;
        for (int b = 0; b < M; b++)
            for (int mu = 0; mu < P; mu++)
                if (!Correct(b, mu)) routed++;
        return routed;
    }

    private bool Correct(int b, int mu)
    {
        int votes = 0;
        for (int k = 0; k < K; k++) if (Stability[(b * K + k) * P + mu] > 0) votes++;
        return votes >= Need;
    }

    /// <summary>Base training errors of every committee (majority output ≠ σ); read off the stabilities for the identity lift.</summary>
    public void TrainErrors(int[] errors)
    {
        Array.Clear(errors);
        for (int a = 0; a < M; a++)
        {
            if (Inverse is null)
            {
                for (int mu = 0; mu < P; mu++) if (!Correct(a, mu)) errors[a]++;
            }
            else errors[a] = Shape.ErrorCount(Committee(a), _data.Inputs, _data.Labels);
        }
    }

    /// <summary>Sets all weights from the bits of <paramref name="state"/> (weight u of copy a: bit a·K·n + u; M·K·n ≤ 31; tests).</summary>
    internal void SetState(int state)
    {
        if (M * K * N > 31) throw new InvalidOperationException("state index needs M·K·n ≤ 31");
        Array.Clear(WeightWords);
        for (int a = 0; a < M; a++)
            for (int k = 0; k < K; k++)
                WeightWords[(a * K + k) * WordsUnit] = (ulong)((state >> ((a * K + k) * N)) & ((1 << N) - 1));
    }
}
