using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MCoverPhysics.Models.Committee;

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
    private readonly MajorityChannel _inner;
    // Work buffers (one channel evaluation at a time).
    private readonly double[] _omega, _g, _v;

    public CommitteeChannel(int hidden, GaussianGrid outer, int innerNodes)
    {
        _k = hidden;
        _outer = outer;
        _inner = new MajorityChannel(hidden, innerNodes);
        _omega = new double[hidden];
        _g = new double[hidden];
        _v = new double[hidden * hidden];
    }

    /// <summary>Smallest 1 − λ_max(q) treated as imperfect learning; below it q̂ = ∞ and ε = 0.</summary>
    public const double PerfectTolerance = 1e-12;

    /// <summary>Ψ_out(q) = E_ω Σ_Y P(Y|ω) ln P(Y|ω) of the last <see cref="Evaluate"/> (NaN at perfect learning).</summary>
    public double LastPsiOut { get; private set; } = double.NaN;

    /// <summary>q̂/α (K×K) and ε_Bayes at overlap q (symmetric, 0 ⪯ q ⪯ I); q̂ = null when q has reached λ_max = 1.</summary>
    public (double[,]? QhatOverAlpha, double EpsBayes) Evaluate(double[,] q)
    {
        int k = _k;
        var evd = Matrix<double>.Build.DenseOfArray(q).Evd(Symmetricity.Symmetric);
        var lambda = new double[k];
        for (int i = 0; i < k; i++) lambda[i] = Math.Max(0.0, evd.EigenValues[i].Real);
        var v = evd.EigenVectors;
        var sqrtQ = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int i = 0; i < k; i++) s += v[a, i] * Math.Sqrt(lambda[i]) * v[b, i];
                sqrtQ[a, b] = s;
                _v[a * k + b] = (a == b ? 1.0 : 0.0) - q[a, b];
            }
        // The teacher's field given ω is z ~ N(ω, I − q): the majority channel with V = I − q (c = 1 − λ_max(q), docs).
        LastPsiOut = double.NaN;
        if (!_inner.Prepare(_v, PerfectTolerance)) return (null, 0.0);
        double psi = 0;
        var qhat = new double[k, k];
        double eps = 0;
        int di = _outer.Dimension;
        for (int o = 0; o < _outer.Count; o++)
        {
            for (int a = 0; a < k; a++)
            {
                double s = 0;
                for (int b = 0; b < k; b++) s += sqrtQ[a, b] * _outer.Points[o * di + b];
                _omega[a] = s;
            }
            var (plus, minus) = _inner.Evaluate(_omega, _g, []);
            if (plus > 0 && minus > 0)
            {
                double f = _outer.Weights[o] * (1.0 / plus + 1.0 / minus);
                for (int a = 0; a < k; a++)
                    for (int b = 0; b < k; b++) qhat[a, b] += f * _g[a] * _g[b];
            }
            eps += _outer.Weights[o] * Math.Min(plus, minus);
            psi += _outer.Weights[o] * ((plus > 0 ? plus * Math.Log(plus) : 0) + (minus > 0 ? minus * Math.Log(minus) : 0));
        }
        LastPsiOut = psi;
        return (qhat, eps);
    }
}
