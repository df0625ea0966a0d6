using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Models.Committee;

/// <summary>
/// The committee's output channel averaged over Gaussian hidden fields: for z ~ N(ω, V) (K×K covariance V),
/// P₊(ω) = P(Σ_k sign z_k &gt; 0) and P₋(ω) = 1 − P₊ (each summed directly), the gradient ∇_ω P₊ and, on request, the
/// Hessian ∇∇_ω P₊. This is Z_out of committee AMP (g_out = ∇ ln P_y, ∂g_out = ∇∇P_y/P_y − g gᵀ) and the channel of the
/// committee state evolution (V = I − q). One instance per thread: it keeps work buffers.
/// </summary>
/// <remarks>
/// docs/physics/message-passing.md#committee-amp. With c = λ_min(V), z = ω + r + √c n, n ~ N(0, I) independent of
/// r ~ N(0, V − cI) (positive semi-definite, rank ≤ K − 1: the bottom eigen-direction of V drops out). Given x = ω + r the units
/// are independent, p_k = Φ(x_k/√c), and P₊(x) is a Poisson-binomial tail (the convolution of committee BP). Its derivatives
/// (P₊ is multilinear in the p_k): ∂P₊/∂x_k = d_k Pr_{−k}(m − 1), ∂²P₊/∂x_k² = −(u_k/√c) d_k Pr_{−k}(m − 1),
/// ∂²P₊/∂x_k∂x_l = d_k d_l [Pr_{−kl}(m − 2) − Pr_{−kl}(m − 1)], with u_k = x_k/√c, d_k = φ(u_k)/√c, m = (K + 1)/2 and Pr_{−S}(j)
/// the probability that exactly j of the units outside S are positive. The average over r is a tensor Gauss–Hermite rule on
/// the directions of V − cI (directions with eigenvalue gap ≤ 10⁻¹⁴ are dropped).
/// </remarks>
public sealed class MajorityChannel
{
    private readonly int _k;
    private readonly (double[] Points, double[] Weights)[] _grids; // by dimension 0 … K − 1
    private readonly double[] _p, _m, _d, _u, _all, _others, _x, _cols, _v, _values, _vectors;
    private int _dims;
    private double _sqrtC;

    /// <summary>A channel for K hidden units with an n-node Gauss–Hermite rule a dimension over r.</summary>
    public MajorityChannel(int hidden, int nodes)
    {
        if (hidden < 1 || hidden % 2 == 0) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "K must be odd and ≥ 1");
        _k = hidden;
        var (x, w) = GaussHermite.Rule(nodes);
        _grids = new (double[], double[])[hidden];
        for (int d = 0; d < hidden; d++) _grids[d] = GaussHermite.Tensor(d, x, w);
        _p = new double[hidden];
        _m = new double[hidden];
        _d = new double[hidden];
        _u = new double[hidden];
        _all = new double[hidden + 1];
        _others = new double[hidden + 1];
        _x = new double[hidden];
        _cols = new double[hidden * hidden];
        _v = new double[hidden * hidden];
        _values = new double[hidden];
        _vectors = new double[hidden * hidden];
    }

    /// <summary>K.</summary>
    public int Hidden => _k;

    /// <summary>c = λ_min(V) after <see cref="Prepare"/>: the independent noise variance of every unit.</summary>
    public double Noise => _sqrtC * _sqrtC;

    /// <summary>Dimensions of the r-average after <see cref="Prepare"/> (≤ K − 1).</summary>
    public int Dimensions => _dims;

    /// <summary>Sets the covariance V (K×K, symmetric, row-major); false when λ_min(V) ≤ <paramref name="minNoise"/> (no
    /// independent noise left: the channel is a step).</summary>
    public bool Prepare(ReadOnlySpan<double> v, double minNoise)
    {
        int k = _k;
        v[..(k * k)].CopyTo(_v);
        JacobiEigen.Decompose(_v, _values, _vectors); // in place, no allocation (called every AMP iteration)
        int bottom = 0;
        for (int i = 1; i < k; i++)
            if (_values[i] < _values[bottom]) bottom = i;
        double c = _values[bottom];
        if (!(c > minNoise)) return false;
        _sqrtC = Math.Sqrt(c);
        _dims = 0;
        for (int i = 0; i < k; i++)
        {
            double gap = _values[i] - c;
            if (i == bottom || gap <= 1e-14) continue;
            for (int a = 0; a < k; a++) _cols[_dims * k + a] = Math.Sqrt(gap) * _vectors[a * k + i];
            _dims++;
        }
        return true;
    }

    /// <summary>
    /// P₊ and P₋ at mean <paramref name="omega"/>; writes ∇P₊ into <paramref name="gradient"/> (length K) and, when
    /// <paramref name="hessian"/> is not empty, ∇∇P₊ into it (K×K row-major). ∇P₋ = −∇P₊.
    /// </summary>
    public (double Plus, double Minus) Evaluate(ReadOnlySpan<double> omega, Span<double> gradient, Span<double> hessian)
    {
        int k = _k, dr = _dims;
        var (points, weights) = _grids[dr];
        gradient.Clear();
        bool second = !hessian.IsEmpty;
        if (second) hessian.Clear();
        double plus = 0, minus = 0;
        for (int r = 0; r < weights.Length; r++)
        {
            for (int a = 0; a < k; a++)
            {
                double x = omega[a];
                for (int j = 0; j < dr; j++) x += _cols[j * k + a] * points[r * dr + j];
                _x[a] = x;
            }
            double w = weights[r];
            var (pPlus, pMinus) = Point(w, gradient, hessian, second);
            plus += w * pPlus;
            minus += w * pMinus;
        }
        return (plus, minus);
    }

    /// <summary>P₊, P₋ at the fields x (in _x), adding w·∇P₊ (and w·∇∇P₊) to the sums.</summary>
    private (double Plus, double Minus) Point(double w, Span<double> gradient, Span<double> hessian, bool second)
    {
        int k = _k, need = (k + 1) / 2;
        double sc = _sqrtC;
        for (int a = 0; a < k; a++)
        {
            double u = _x[a] / sc;
            _u[a] = u;
            _p[a] = NormalFunctions.Cdf(u);
            _m[a] = NormalFunctions.Cdf(-u);
            _d[a] = NormalFunctions.Pdf(u) / sc;
        }
        Count(_all, -1, -1);
        double plus = 0, minus = 0;
        for (int n = 0; n <= k; n++)
            if (n >= need) plus += _all[n];
            else minus += _all[n];
        for (int a = 0; a < k; a++)
        {
            Count(_others, a, -1);
            gradient[a] += w * _d[a] * _others[need - 1];
            if (!second) continue;
            hessian[a * k + a] += w * (-_u[a] / sc) * _d[a] * _others[need - 1];
            for (int b = a + 1; b < k; b++)
            {
                Count(_others, a, b);
                double below = need >= 2 ? _others[need - 2] : 0;
                double h = w * _d[a] * _d[b] * (below - _others[need - 1]);
                hessian[a * k + b] += h;
                hessian[b * k + a] += h;
            }
        }
        return (plus, minus);
    }

    /// <summary>Distribution of the number of positive units among all units but <paramref name="skip1"/> and
    /// <paramref name="skip2"/> (−1: none).</summary>
    private void Count(double[] dist, int skip1, int skip2)
    {
        Array.Clear(dist);
        dist[0] = 1;
        int seen = 0;
        for (int a = 0; a < _k; a++)
        {
            if (a == skip1 || a == skip2) continue;
            seen++;
            for (int n = seen; n >= 1; n--) dist[n] = dist[n] * _m[a] + dist[n - 1] * _p[a];
            dist[0] *= _m[a];
        }
    }
}
