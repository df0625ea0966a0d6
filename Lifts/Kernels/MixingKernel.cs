using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MCoverPhysics.Lifts.Kernels;

/// <summary>
/// A mixing kernel Q: an M×M row-stochastic matrix. Permutations of the M-cover lift are drawn from the law
/// P(π) ∝ ∏_a Q_{a,π(a)}, so Q sets how far a factor copy's routed weights stray from its own copy.
/// </summary>
/// <remarks>docs/mcover.md#mixing-kernels. Spec strings: identity, uniform, ring:sigma=S, band:m=M,h=H,
/// block:b=B,sigma=S, block:size=L,sigma=S, directional:sigma=S,shift=D,skew=K, directional-amp:sigma=S,shift=D,skew=K,
/// file:PATH; every parametric kernel also takes eps=E (the floor ε added to every weight, default 1e-9).</remarks>
public sealed class MixingKernel
{
    private readonly double[,] _q;

    private MixingKernel(string spec, double[,] weights)
    {
        int m = weights.GetLength(0);
        _q = new double[m, m];
        for (int a = 0; a < m; a++)
        {
            double row = 0;
            for (int b = 0; b < m; b++) row += weights[a, b];
            // A Gaussian far narrower than its offset (tiny sigma with a fractional shift) underflows to a row of zeros.
            Require(row > 0 && double.IsFinite(row), $"row {a} of Q has no positive weight (sigma too small for the offsets?)");
            for (int b = 0; b < m; b++) _q[a, b] = weights[a, b] / row;
        }
        Spec = spec;
        (Lambda2, Lambda2Real) = SecondEigenvalues(_q);
    }

    /// <summary>The canonical spec string, as written in results.</summary>
    public string Spec { get; }
    /// <summary>Number of copies M.</summary>
    public int Copies => _q.GetLength(0);
    /// <summary>Q_ab.</summary>
    public double this[int a, int b] => _q[a, b];
    /// <summary>True for Q = I.</summary>
    public bool IsIdentity => Spec == "identity";
    /// <summary>True for Q_ab = 1/M (every permutation equally likely).</summary>
    public bool IsUniform => Spec == "uniform";

    /// <summary>λ₂(Q): the largest eigenvalue modulus after the leading 1 (NaN for M = 1). 1 means no mixing, 0 full mixing in one step.
    /// This is the <c>lambda2</c> column of results.</summary>
    public double Lambda2 { get; }

    /// <summary>The second-largest real part of Q's eigenvalues (NaN for M = 1): the authors' convention for λ₂. It equals
    /// <see cref="Lambda2"/> for symmetric Q with no eigenvalue below −λ₂; for non-symmetric Q (directional) it can be smaller.</summary>
    public double Lambda2Real { get; }

    /// <summary>A copy of Q as an array.</summary>
    public double[,] ToArray() => (double[,])_q.Clone();

    private static (double Modulus, double Real) SecondEigenvalues(double[,] q)
    {
        int m = q.GetLength(0);
        if (m < 2) return (double.NaN, double.NaN);
        var eigen = Matrix<double>.Build.DenseOfArray(q).Evd().EigenValues;
        var moduli = eigen.Select(z => z.Magnitude).OrderByDescending(x => x).ToArray();
        var reals = eigen.Select(z => z.Real).OrderByDescending(x => x).ToArray();
        return (Math.Round(moduli[1], 12), Math.Round(reals[1], 12));
    }

    /// <summary>Q = I: M independent copies.</summary>
    public static MixingKernel Identity(int copies) => new("identity", Build(copies, (a, b) => a == b ? 1 : 0));

    /// <summary>Q_ab = 1/M: the classic M-layer construction (uniformly random permutations).</summary>
    public static MixingKernel Uniform(int copies) => new("uniform", Build(copies, (_, _) => 1));

    /// <summary>The authors' floor ε added to every weight W_ab of a parametric kernel before its rows are normalised, so no
    /// permutation has weight 0 (tleleu/mlayer: 1e-9). Specs write <c>eps=E</c> only when it differs from this default.</summary>
    public const double DefaultEpsilon = 1e-9;

    /// <summary>Ring Gaussian: Q_ab ∝ exp(−d(a,b)²/(2σ²)) + ε with the ring distance d.</summary>
    public static MixingKernel Ring(int copies, double sigma, double eps = DefaultEpsilon)
    {
        Require(sigma > 0 && double.IsFinite(sigma), "sigma must be > 0");
        return new($"ring:sigma={F(sigma)}{Eps(eps)}", Build(copies, (a, b) => Gauss(RingDistance(a, b, copies), sigma), eps));
    }

    /// <summary>Band (lazy ring): Q_aa ∝ 1 + ε, Q_ab ∝ h + ε for ring distance 1 ≤ d ≤ m, ε beyond.</summary>
    public static MixingKernel Band(int copies, int halfWidth, double height, double eps = DefaultEpsilon)
    {
        Require(halfWidth >= 1, "m must be ≥ 1");
        Require(2 * halfWidth < copies, $"m must be < M/2 = {copies / 2.0}");
        Require(height > 0 && height <= 1, "h must be in (0, 1]");
        return new($"band:m={halfWidth},h={F(height)}{Eps(eps)}", Build(copies, (a, b) =>
        {
            int d = RingDistance(a, b, copies);
            return d == 0 ? 1 : d <= halfWidth ? height : 0;
        }, eps));
    }

    /// <summary>Block: B blocks of L = M/B copies, uniform inside a block, Gaussian in the ring distance between blocks.</summary>
    public static MixingKernel Block(int copies, int blocks, double sigma, double eps = DefaultEpsilon)
    {
        Require(blocks >= 1, "b must be ≥ 1");
        Require(copies % blocks == 0, $"M = {copies} must be divisible by b = {blocks}");
        return BlockKernel(copies, blocks, sigma, eps, $"block:b={blocks},sigma={F(sigma)}{Eps(eps)}");
    }

    /// <summary>The block kernel given by its block size L (B = M/L blocks): the same Q as <see cref="Block"/> with b = M/L.</summary>
    public static MixingKernel BlockOfSize(int copies, int size, double sigma, double eps = DefaultEpsilon)
    {
        Require(size >= 1, "size must be ≥ 1");
        Require(copies % size == 0, $"M = {copies} must be divisible by size = {size}");
        return BlockKernel(copies, copies / size, sigma, eps, $"block:size={size},sigma={F(sigma)}{Eps(eps)}");
    }

    private static MixingKernel BlockKernel(int copies, int blocks, double sigma, double eps, string spec)
    {
        Require(sigma > 0 && double.IsFinite(sigma), "sigma must be > 0");
        int l = copies / blocks;
        return new(spec, Build(copies, (a, b) => Gauss(RingDistance(a / l, b / l, blocks), sigma), eps));
    }

    /// <summary>
    /// Directional ring, as the M-layer authors define it: Q_ab ∝ exp(−d²/(2σ_eff²)) with d = wrap(δ − s) the signed ring
    /// offset δ = b − a minus the shift s, wrapped back into (−M/2, M/2], and the skew κ ∈ [−1, 1] acting on the width,
    /// σ_eff = max(σ(1 + κ·sgn d), 0.05σ). With κ = 0 and an integer s this is the ring kernel rotated by s.
    /// </summary>
    public static MixingKernel Directional(int copies, double sigma, double shift, double skew, double eps = DefaultEpsilon)
    {
        Require(sigma > 0 && double.IsFinite(sigma), "sigma must be > 0");
        Require(double.IsFinite(shift), "shift must be a number");
        Require(skew >= -1 && skew <= 1, "skew must be in [−1, 1]");
        return new($"directional:sigma={F(sigma)},shift={F(shift)},skew={F(skew)}{Eps(eps)}", Build(copies, (a, b) =>
        {
            double d = Wrap(b - a - shift, copies);
            return Gauss(d, Math.Max(sigma * (1 + skew * Math.Sign(d)), 0.05 * sigma));
        }, eps));
    }

    /// <summary>
    /// The package's earlier directional ring (before issue 20; kept under this name): Q_ab ∝ exp(−(δ − s)²/(2σ²))·(1 + κ·sgn(δ − s)),
    /// δ the signed ring offset b − a in (−M/2, M/2] (not wrapped again after the shift), κ ∈ (−1, 1) acting on the amplitude.
    /// </summary>
    public static MixingKernel DirectionalAmplitude(int copies, double sigma, double shift, double skew, double eps = DefaultEpsilon)
    {
        Require(sigma > 0 && double.IsFinite(sigma), "sigma must be > 0");
        Require(double.IsFinite(shift), "shift must be a number");
        Require(skew > -1 && skew < 1, "skew must be in (−1, 1)");
        return new($"directional-amp:sigma={F(sigma)},shift={F(shift)},skew={F(skew)}{Eps(eps)}", Build(copies, (a, b) =>
        {
            int delta = ((b - a) % copies + copies) % copies;
            if (2 * delta > copies) delta -= copies;
            double x = delta - shift;
            return Gauss(x, sigma) * (1 + skew * Math.Sign(x));
        }, eps));
    }

    /// <summary>
    /// Any user matrix Q (M×M, finite, non-negative, every row with positive mass; rows are normalised), recorded in
    /// results as <paramref name="name"/>. At least one permutation must have positive weight ∏_a Q_{a,π(a)} &gt; 0, or
    /// no routing can be drawn. The identity and the uniform matrix come back as <see cref="Identity"/> and
    /// <see cref="Uniform"/>, so they run exactly as those kernels. Throws <see cref="ArgumentException"/> naming the problem.
    /// </summary>
    public static MixingKernel FromMatrix(double[,] q, string name = "matrix")
    {
        // The name is what results record and what IsIdentity/IsUniform read: it must not pass for a built-in kernel's spec.
        Require(!string.IsNullOrWhiteSpace(name) && name.IndexOfAny([',', ':', '=']) < 0 && !Names.Contains(name),
            $"the name '{name}' must be non-empty, without ',', ':' or '=', and not a built-in kernel ({string.Join(", ", Names)})");
        return FromWeights(q, name);
    }

    /// <summary><see cref="FromMatrix"/> recorded as <paramref name="spec"/> without the user-name check (a file kernel's "file:PATH").</summary>
    internal static MixingKernel FromWeights(double[,] q, string spec)
    {
        int m = q.GetLength(0);
        Require(m >= 1 && q.GetLength(1) == m, $"Q must be square M×M with M ≥ 1, not {q.GetLength(0)}×{q.GetLength(1)}");
        for (int a = 0; a < m; a++)
        {
            double row = 0;
            for (int b = 0; b < m; b++)
            {
                Require(double.IsFinite(q[a, b]) && q[a, b] >= 0, $"Q[{a},{b}] = {F(q[a, b])} must be finite and ≥ 0");
                row += q[a, b];
            }
            Require(row > 0, $"row {a} of Q has no positive entry");
        }
        var support = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) support[a, b] = q[a, b] > 0 ? 1 : 0;
        var best = Models.Combinatorics.Assignment.MaximumWeight(support);
        Require(Enumerable.Range(0, m).All(a => q[a, best[a]] > 0), "no permutation π has positive weight ∏_a Q[a,π(a)]: Q cannot route");
        bool diagonal = true, flat = true;
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                diagonal &= (a == b) == (q[a, b] > 0);
                flat &= q[a, b] == q[a, 0];
            }
        if (diagonal) return Identity(m);
        if (flat) return Uniform(m);
        return new(spec, (double[,])q.Clone());
    }

    /// <summary>(1 − s) Q + s R for s ∈ [0, 1] and kernels of the same M (a time-dependent kernel's Q_t), recorded as "Q→R@s".</summary>
    public static MixingKernel Mix(MixingKernel q, MixingKernel r, double s)
    {
        Require(q.Copies == r.Copies, $"kernels of M = {q.Copies} and M = {r.Copies} do not mix");
        Require(s >= 0 && s <= 1, "s must be in [0, 1]");
        int m = q.Copies;
        var w = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) w[a, b] = (1 - s) * q[a, b] + s * r[a, b];
        return FromWeights(w, $"{q.Spec}→{r.Spec}@{F(s)}");
    }

    /// <summary>The kernel names a spec starts with.</summary>
    public static readonly IReadOnlyList<string> Names = ["identity", "uniform", "ring", "band", "block", "directional", "directional-amp", "file"];

    /// <summary>Parses a kernel spec for M copies; throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public static MixingKernel Parse(string spec, int copies)
    {
        if (copies < 1) throw new ArgumentException("M must be ≥ 1");
        var parts = spec.Trim().Split(':', 2);
        var name = parts[0];
        if (name == "file") return KernelFile.Read(parts.Length == 2 ? parts[1].Trim() : "", copies);
        var args = new Dictionary<string, string>();
        if (parts.Length == 2)
            foreach (var kv in parts[1].Split(',', StringSplitOptions.TrimEntries))
            {
                var p = kv.Split('=', 2);
                if (p.Length != 2 || p[0].Length == 0) throw new ArgumentException($"'{kv}' is not key=value");
                if (!args.TryAdd(p[0], p[1])) throw new ArgumentException($"{p[0]} is given twice");
            }
        double Real(string key)
        {
            if (!args.Remove(key, out var v)) throw new ArgumentException($"{name} needs {key}=…");
            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : throw new ArgumentException($"{key} '{v}' is not a number");
        }
        int Int(string key)
        {
            double x = Real(key);
            return x == Math.Floor(x) && Math.Abs(x) < 1e6 ? (int)x : throw new ArgumentException($"{key} '{x}' is not an integer");
        }
        // ε is an option of every parametric kernel (identity and uniform are fixed: I + ε would no longer be independent
        // copies, and uniform + ε is uniform).
        double eps = DefaultEpsilon;
        if (args.ContainsKey("eps"))
        {
            if (name is "identity" or "uniform") throw new ArgumentException($"{name} takes no eps (its Q is fixed)");
            eps = Real("eps");
            Require(eps >= 0, "eps must be ≥ 0");
        }
        var kernel = name switch
        {
            "identity" => Identity(copies),
            "uniform" => Uniform(copies),
            "ring" => Ring(copies, Real("sigma"), eps),
            "band" => Band(copies, Int("m"), Real("h"), eps),
            "block" when args.ContainsKey("b") && args.ContainsKey("size") => throw new ArgumentException("block takes b=… or size=…, not both"),
            "block" when args.ContainsKey("size") => BlockOfSize(copies, Int("size"), Real("sigma"), eps),
            "block" when !args.ContainsKey("b") => throw new ArgumentException("block needs b=… (number of blocks) or size=… (copies per block)"),
            "block" => Block(copies, Int("b"), Real("sigma"), eps),
            "directional" => Directional(copies, Real("sigma"), Real("shift"), Real("skew"), eps),
            "directional-amp" => DirectionalAmplitude(copies, Real("sigma"), Real("shift"), Real("skew"), eps),
            _ => throw new ArgumentException($"'{name}' is not a kernel; expected {string.Join(", ", Names)}"),
        };
        if (args.Count > 0) throw new ArgumentException($"{name} takes no {string.Join(", ", args.Keys)}");
        return kernel;
    }

    /// <summary>The weights W_ab + ε (ε ≥ 0 finite; the rows are normalised by the constructor).</summary>
    private static double[,] Build(int m, Func<int, int, double> weight, double eps = 0)
    {
        if (m < 1) throw new ArgumentException("M must be ≥ 1");
        Require(eps >= 0 && double.IsFinite(eps), "eps must be ≥ 0");
        var w = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) w[a, b] = weight(a, b) + eps;
        return w;
    }

    /// <summary>The spec's eps item: empty at the default.</summary>
    private static string Eps(double eps) => eps == DefaultEpsilon ? "" : $",eps={F(eps)}";

    /// <summary>x wrapped onto the ring of M sites, into (−M/2, M/2].</summary>
    private static double Wrap(double x, int m)
    {
        double r = x - m * Math.Floor(x / m);
        return 2 * r > m ? r - m : r;
    }

    private static int RingDistance(int a, int b, int m) => Math.Min(Math.Abs(a - b), m - Math.Abs(a - b));
    private static double Gauss(double d, double sigma) => Math.Exp(-d * d / (2 * sigma * sigma));
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private static void Require(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
}
