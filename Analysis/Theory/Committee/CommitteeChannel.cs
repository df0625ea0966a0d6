using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>
/// Output channel of the Bayes-optimal committee machine Y = sign(Σ_k sign z_k), z ~ N(0, I_K) (the teacher's hidden
/// fields): given the overlap matrix q (K×K), the conjugate q̂ = α E_{ω,Y}[g gᵀ], g = ∇_ω ln P(Y|ω), ω ~ N(0, q), and
/// ε_Bayes = E_ω min_Y P(Y|ω). Equations and the representation of P(Y|ω) used here: docs/physics/theory.md
/// ("Committee machine").
/// </summary>
internal sealed class CommitteeChannel
{
    private readonly int _k;
    private readonly GaussianGrid _outer;
    private readonly Func<int, GaussianGrid> _inner;
    // Work buffers (one channel evaluation at a time).
    private readonly double[] _p, _m, _d, _all, _others, _x, _omega, _g;

    public CommitteeChannel(int hidden, GaussianGrid outer, Func<int, GaussianGrid> inner)
    {
        _k = hidden;
        _outer = outer;
        _inner = inner;
        _p = new double[hidden];
        _m = new double[hidden];
        _d = new double[hidden];
        _all = new double[hidden + 1];
        _others = new double[hidden + 1];
        _x = new double[hidden];
        _omega = new double[hidden];
        _g = new double[hidden];
    }

    /// <summary>Smallest 1 − λ_max(q) treated as imperfect learning; below it q̂ = ∞ and ε = 0.</summary>
    public const double PerfectTolerance = 1e-12;

    /// <summary>q̂/α (K×K) and ε_Bayes at overlap q (symmetric, 0 ⪯ q ⪯ I); q̂ = null when q has reached λ_max = 1.</summary>
    public (double[,]? QhatOverAlpha, double EpsBayes) Evaluate(double[,] q)
    {
        int k = _k;
        var evd = Matrix<double>.Build.DenseOfArray(q).Evd(Symmetricity.Symmetric);
        var lambda = new double[k];
        int top = 0;
        for (int i = 0; i < k; i++)
        {
            lambda[i] = Math.Max(0.0, evd.EigenValues[i].Real);
            if (lambda[i] > lambda[top]) top = i;
        }
        double c = 1.0 - lambda[top]; // teacher field z = ω' + √c n, n iid, ω' = ω + r (docs)
        if (c < PerfectTolerance) return (null, 0.0);
        var v = evd.EigenVectors;
        var sqrtQ = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int i = 0; i < k; i++) s += v[a, i] * Math.Sqrt(lambda[i]) * v[b, i];
                sqrtQ[a, b] = s;
            }
        // r ~ N(0, (1 − c) I − q): columns √(λ_top − λ_i) v_i, the top direction and zero directions dropped.
        var columns = new List<double[]>();
        for (int i = 0; i < k; i++)
        {
            double gap = lambda[top] - lambda[i];
            if (i == top || gap <= 1e-14) continue;
            var col = new double[k];
            for (int a = 0; a < k; a++) col[a] = Math.Sqrt(gap) * v[a, i];
            columns.Add(col);
        }
        var inner = columns.Count == 0 ? GaussianGrid.Point : _inner(columns.Count);
        double sc = Math.Sqrt(c);
        var qhat = new double[k, k];
        double eps = 0;
        int di = _outer.Dimension, dr = inner.Dimension;
        for (int o = 0; o < _outer.Count; o++)
        {
            for (int a = 0; a < k; a++)
            {
                double s = 0;
                for (int b = 0; b < k; b++) s += sqrtQ[a, b] * _outer.Points[o * di + b];
                _omega[a] = s;
            }
            double plus = 0, minus = 0;
            Array.Clear(_g);
            for (int r = 0; r < inner.Count; r++)
            {
                for (int a = 0; a < k; a++)
                {
                    double x = _omega[a];
                    for (int j = 0; j < dr; j++) x += columns[j][a] * inner.Points[r * dr + j];
                    _x[a] = x;
                }
                double w = inner.Weights[r];
                var (pPlus, pMinus) = Majority(sc, w);
                plus += w * pPlus;
                minus += w * pMinus;
            }
            if (plus > 0 && minus > 0)
            {
                double f = _outer.Weights[o] * (1.0 / plus + 1.0 / minus);
                for (int a = 0; a < k; a++)
                    for (int b = 0; b < k; b++) qhat[a, b] += f * _g[a] * _g[b];
            }
            eps += _outer.Weights[o] * Math.Min(plus, minus);
        }
        return (qhat, eps);
    }

    /// <summary>
    /// For the fields x (in _x): P(Σ_k sign(x_k + √c n_k) &gt; 0) and its complement, each summed directly (no 1 − p), and
    /// adds w·∂P₊/∂x_k = w·φ(x_k/√c)/√c·P(exactly (K−1)/2 of the other units positive) to _g.
    /// </summary>
    private (double Plus, double Minus) Majority(double sqrtC, double w)
    {
        int k = _k, need = (k + 1) / 2;
        for (int a = 0; a < k; a++)
        {
            double u = _x[a] / sqrtC;
            _p[a] = NormalFunctions.Cdf(u);
            _m[a] = NormalFunctions.Cdf(-u);
            _d[a] = NormalFunctions.Pdf(u) / sqrtC;
        }
        Count(_all, -1);
        double plus = 0, minus = 0;
        for (int n = 0; n <= k; n++)
            if (n >= need) plus += _all[n];
            else minus += _all[n];
        for (int a = 0; a < k; a++)
        {
            Count(_others, a);
            _g[a] += w * _d[a] * _others[need - 1];
        }
        return (plus, minus);
    }

    /// <summary>Distribution of the number of positive units among all units but <paramref name="skip"/> (−1: all).</summary>
    private void Count(double[] dist, int skip)
    {
        Array.Clear(dist);
        dist[0] = 1;
        int seen = 0;
        for (int a = 0; a < _k; a++)
        {
            if (a == skip) continue;
            seen++;
            for (int n = seen; n >= 1; n--) dist[n] = dist[n] * _m[a] + dist[n - 1] * _p[a];
            dist[0] *= _m[a];
        }
    }
}
