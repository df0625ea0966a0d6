using MathNet.Numerics.LinearAlgebra;
using MCoverPhysics.Models.Combinatorics;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Analysis.OrderParameters;

/// <summary>
/// Measures committee machines: hidden-unit overlap matrices, their alignment modulo the permutation symmetry of the fully
/// connected machine (Hungarian assignment), and ε_g from the overlaps.
/// </summary>
/// <remarks>docs/physics/observables.md#committee-machines.</remarks>
public static class CommitteeMeter
{
    /// <summary>Monte Carlo samples of the Gaussian fields per copy (standard error ≤ 0.5/√S ≈ 0.0011).</summary>
    public const int Samples = 200_000;

    /// <summary>
    /// Field overlaps C_kl = a_k·b_l/n of two committees (unit vectors concatenated, stride ⌈n/64⌉). For the tree, units k ≠ l
    /// read disjoint inputs, so their fields are uncorrelated: C_kl = 0 off the diagonal.
    /// </summary>
    public static double[,] Overlaps(CommitteeShape shape, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int kk = shape.Hidden, n = shape.UnitInputs, w = shape.UnitWords;
        var c = new double[kk, kk];
        for (int k = 0; k < kk; k++)
            for (int l = 0; l < kk; l++)
                if (k == l || shape.Arch == Architecture.Full) c[k, l] = PackedSpins.Overlap(a.Slice(k * w, w), b.Slice(l * w, w), n);
        return c;
    }

    /// <summary>
    /// The relabelling π of the rows (student units) maximising Σ_k |C_{k,π(k)}| (Hungarian algorithm); the identity for the
    /// tree, whose units are not interchangeable.
    /// </summary>
    public static int[] Alignment(CommitteeShape shape, double[,] c)
    {
        int kk = c.GetLength(0);
        if (shape.Arch == Architecture.Tree) return Enumerable.Range(0, kk).ToArray();
        var weight = new double[kk, kk];
        for (int k = 0; k < kk; k++)
            for (int l = 0; l < kk; l++) weight[k, l] = Math.Abs(c[k, l]);
        return Assignment.MaximumWeight(weight);
    }

    /// <summary>
    /// Committee <paramref name="b"/> with its hidden units relabelled to match <paramref name="a"/>'s: unit k of b moves to
    /// position π(k), π maximising Σ_k |b_k·a_π(k)| (the permutation symmetry of the fully connected machine; the identity for
    /// the tree). Units concatenated, unit k at word k·⌈n/64⌉.
    /// </summary>
    public static ulong[] AlignUnits(CommitteeShape shape, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int w = shape.UnitWords;
        var pi = Alignment(shape, Overlaps(shape, b, a));
        var moved = new ulong[shape.Hidden * w];
        for (int k = 0; k < shape.Hidden; k++) b.Slice(k * w, w).CopyTo(moved.AsSpan(pi[k] * w, w));
        return moved;
    }

    /// <summary>Rows relabelled: aligned[π(k), l] = c[k, l].</summary>
    public static double[,] Aligned(double[,] c, int[] pi)
    {
        int kk = c.GetLength(0);
        var r = new double[kk, kk];
        for (int k = 0; k < kk; k++)
            for (int l = 0; l < kk; l++) r[pi[k], l] = c[k, l];
        return r;
    }

    /// <summary>
    /// ε_g from the overlaps: P[sign Σ_k sign h_k ≠ sign Σ_k sign t_k] for zero-mean Gaussian fields with ⟨h_k h_l⟩ = Q_kl,
    /// ⟨t_k t_l⟩ = T_kl, ⟨h_k t_l⟩ = R_kl (the large-N limit of the normalised hidden fields). Tree: the pairs (h_k, t_k) are
    /// independent with correlation R_kk, each unit disagrees with probability ε_k = arccos(R_kk)/π and the result is the
    /// exact sum over the 4^K sign patterns. Full: seeded Monte Carlo over the 2K-dimensional Gaussian.
    /// </summary>
    /// <returns>ε_g and its standard error (0 when exact).</returns>
    public static (double Eps, double Error) GeneralizationError(CommitteeShape shape, double[,] q, double[,] r, double[,] t, ulong seed, ulong copy)
    {
        int kk = shape.Hidden;
        if (shape.Arch == Architecture.Tree || kk == 1)
        {
            var unit = new double[kk];
            for (int k = 0; k < kk; k++) unit[k] = OrderParameterMeter.GeneralizationError(r[k, k]);
            return (TreeDisagreement(unit), 0);
        }
        var c = Matrix<double>.Build.Dense(2 * kk, 2 * kk);
        for (int k = 0; k < kk; k++)
            for (int l = 0; l < kk; l++)
            {
                c[k, l] = q[k, l];
                c[kk + k, kk + l] = t[k, l];
                c[k, kk + l] = c[kk + l, k] = r[k, l];
            }
        // C = V Λ Vᵀ; x = V √Λ z (eigenvalues clipped at 0: C is singular when a student unit equals a teacher unit).
        var evd = c.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var root = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalArray(evd.EigenValues.Select(z => Math.Sqrt(Math.Max(0, z.Real))).ToArray());
        var l2 = root.ToArray();
        int d = 2 * kk;
        var rng = RngStream.For(seed, StreamTag.OverlapIntegral, copy);
        Span<double> z = stackalloc double[d];
        int disagree = 0;
        for (int s = 0; s < Samples; s++)
        {
            for (int i = 0; i < d; i += 2)
            {
                // Box–Muller: two standard normals from two uniforms.
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble(), rad = Math.Sqrt(-2 * Math.Log(u1));
                z[i] = rad * Math.Cos(2 * Math.PI * u2);
                if (i + 1 < d) z[i + 1] = rad * Math.Sin(2 * Math.PI * u2);
            }
            int student = 0, teacher = 0;
            for (int i = 0; i < d; i++)
            {
                double x = 0;
                for (int j = 0; j < d; j++) x += l2[i, j] * z[j];
                if (i < kk) student += x > 0 ? 1 : -1; else teacher += x > 0 ? 1 : -1;
            }
            if ((student > 0) != (teacher > 0)) disagree++;
        }
        double eps = (double)disagree / Samples;
        return (eps, Math.Sqrt(Math.Max(eps * (1 - eps), 1.0 / Samples) / Samples));
    }

    /// <summary>
    /// Tree committee: P[majority(s) ≠ majority(τ)] for uniform teacher signs τ_k and student signs s_k = τ_k flipped
    /// independently with probability ε_k. Exact, by dynamic programming over the units on the joint law of the partial
    /// sums (Σ τ_k, Σ s_k): O(K³) instead of the 4^K terms of the direct sum, so any K.
    /// </summary>
    public static double TreeDisagreement(ReadOnlySpan<double> unitError)
    {
        int kk = unitError.Length, width = 2 * kk + 1; // sums in −K … K, stored at offset K
        var law = new double[width * width];
        var next = new double[width * width];
        law[kk * width + kk] = 1;
        for (int unit = 0; unit < kk; unit++)
        {
            Array.Clear(next);
            double e = unitError[unit];
            for (int t = 0; t < width; t++)
                for (int u = 0; u < width; u++)
                {
                    double p = law[t * width + u];
                    if (p == 0) continue;
                    foreach (int tau in (ReadOnlySpan<int>)[-1, 1])
                    {
                        int t2 = t + tau;
                        if (t2 < 0 || t2 >= width) continue;
                        if (u + tau >= 0 && u + tau < width) next[t2 * width + u + tau] += 0.5 * p * (1 - e); // s = τ
                        if (u - tau >= 0 && u - tau < width) next[t2 * width + u - tau] += 0.5 * p * e;       // s = −τ
                    }
                }
            (law, next) = (next, law);
        }
        double total = 0;
        for (int t = 0; t < width; t++)
            for (int u = 0; u < width; u++)
                if ((t > kk) != (u > kk)) total += law[t * width + u]; // K odd: neither sum is 0
        return total;
    }

    /// <summary>
    /// All order parameters of M committees <paramref name="copies"/> (each the K unit vectors concatenated, stride ⌈n/64⌉).
    /// Inter-copy q_ab = (1/K) Σ_k q^{ab}_{k,π(k)} with π maximising Σ_k |q^{ab}_{k,π(k)}| (identity for the tree).
    /// </summary>
    /// <param name="data">Training/test sets and teacher.</param>
    /// <param name="copies">Student committees.</param>
    /// <param name="seed">Run seed (Monte Carlo stream of the full machine's ε_g).</param>
    public static CommitteeObservables Measure(CommitteeDataset data, IReadOnlyList<ulong[]> copies, ulong seed)
    {
        var shape = data.Shape;
        int m = copies.Count, kk = shape.Hidden;
        var perCopy = new CopyObservables[m];
        var raw = new List<double[,]>();
        var aligned = new List<double[,]>();
        var eps = new List<double>();
        var epsError = new List<double>();
        var toTeacher = new int[m][];
        double[,]? t = data.Teacher is { } teacher ? Overlaps(shape, teacher, teacher) : null;
        for (int a = 0; a < m; a++)
        {
            double train = (double)shape.ErrorCount(copies[a], data.Inputs, data.Labels) / data.P;
            double test = data.TestCount == 0 ? double.NaN : (double)shape.ErrorCount(copies[a], data.TestInputs, data.TestLabels) / data.TestCount;
            double r = double.NaN;
            if (t is not null)
            {
                var rr = Overlaps(shape, copies[a], data.Teacher);
                toTeacher[a] = Alignment(shape, rr);
                var ra = Aligned(rr, toTeacher[a]);
                raw.Add(rr);
                aligned.Add(ra);
                r = CommitteeObservables.DiagonalMean(ra);
                var (e, se) = GeneralizationError(shape, Overlaps(shape, copies[a], copies[a]), rr, t, seed, (ulong)a);
                eps.Add(e);
                epsError.Add(se);
            }
            perCopy[a] = new CopyObservables(train, test, r, double.IsNaN(r) ? double.NaN : OrderParameterMeter.GeneralizationError(r));
        }
        var q = new double[m, m];
        for (int a = 0; a < m; a++)
        {
            q[a, a] = 1;
            for (int b = a + 1; b < m; b++)
            {
                var c = Overlaps(shape, copies[a], copies[b]);
                q[a, b] = q[b, a] = CommitteeObservables.DiagonalMean(Aligned(c, Alignment(shape, c)));
            }
        }
        double consensus = double.NaN;
        if (t is not null) consensus = CommitteeObservables.DiagonalMean(Aligned(Overlaps(shape, Consensus(shape, copies, toTeacher), data.Teacher), Enumerable.Range(0, kk).ToArray()));
        return new CommitteeObservables(new EnsembleObservables(perCopy, q, consensus), [.. raw], [.. aligned], [.. eps], [.. epsError]);
    }

    /// <summary>The consensus committee: unit l = sign Σ_a w^a_{k} over the student units k that copy a aligns with teacher unit l
    /// (ties, for even M, to +1).</summary>
    private static ulong[] Consensus(CommitteeShape shape, IReadOnlyList<ulong[]> copies, int[][] toTeacher)
    {
        int m = copies.Count, w = shape.UnitWords, n = shape.UnitInputs;
        var result = new ulong[shape.Hidden * w];
        var stacked = new ulong[m * w];
        for (int l = 0; l < shape.Hidden; l++)
        {
            for (int a = 0; a < m; a++)
            {
                int k = Array.IndexOf(toTeacher[a], l);
                copies[a].AsSpan(k * w, w).CopyTo(stacked.AsSpan(a * w, w));
            }
            PackedSpins.Majority(stacked, m, n, result.AsSpan(l * w, w));
        }
        return result;
    }
}
