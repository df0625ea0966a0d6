using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>
/// Prior side of the committee state evolution, ±1 weights (one row w ∈ {±1}^K of the N×K weight matrix): the
/// effective K-dimensional channel h = q̂ W* + q̂^{1/2} ξ with posterior ∝ exp(−½ wᵀq̂w + wᵀh) over the 2^K rows, and
/// q = E_{W*,ξ}[⟨w⟩ W*ᵀ], averaged exactly over the 2^K teacher rows W* and by quadrature over ξ ~ N(0, I_K).
/// </summary>
internal sealed class CommitteePrior(int hidden, GaussianGrid grid)
{
    private readonly int _k = hidden;
    private readonly GaussianGrid _grid = grid;

    /// <summary>ψ(q̂) = E_{W*,ξ} ln Σ_w 2^{−K} exp(−½ wᵀq̂w + wᵀ(q̂W* + q̂^{1/2}ξ)) of the last <see cref="Evaluate"/>.</summary>
    public double LastPsi { get; private set; } = double.NaN;

    /// <summary>q (K×K) at conjugate q̂ (symmetric, positive semi-definite).</summary>
    public double[,] Evaluate(double[,] qhat)
    {
        int k = _k, configs = 1 << k;
        var evd = Matrix<double>.Build.DenseOfArray(qhat).Evd(Symmetricity.Symmetric);
        var sqrt = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int i = 0; i < k; i++) s += evd.EigenVectors[a, i] * Math.Sqrt(Math.Max(0.0, evd.EigenValues[i].Real)) * evd.EigenVectors[b, i];
                sqrt[a, b] = s;
            }
        var spins = new double[configs, k];
        var self = new double[configs]; // −½ wᵀ q̂ w
        for (int c = 0; c < configs; c++)
        {
            for (int a = 0; a < k; a++) spins[c, a] = ((c >> a) & 1) == 0 ? 1.0 : -1.0;
            double e = 0;
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) e += spins[c, a] * qhat[a, b] * spins[c, b];
            self[c] = -0.5 * e;
        }
        var q = new double[k, k];
        var h = new double[k];
        var logw = new double[configs];
        var mean = new double[k];
        double psi = 0;
        for (int t = 0; t < configs; t++) // teacher row W* = spins[t]
        {
            for (int p = 0; p < _grid.Count; p++)
            {
                for (int a = 0; a < k; a++)
                {
                    double s = 0;
                    for (int b = 0; b < k; b++) s += qhat[a, b] * spins[t, b] + sqrt[a, b] * _grid.Points[p * k + b];
                    h[a] = s;
                }
                double max = double.NegativeInfinity;
                for (int c = 0; c < configs; c++)
                {
                    double l = self[c];
                    for (int a = 0; a < k; a++) l += spins[c, a] * h[a];
                    logw[c] = l;
                    max = Math.Max(max, l);
                }
                double z = 0;
                Array.Clear(mean);
                for (int c = 0; c < configs; c++)
                {
                    double e = Math.Exp(logw[c] - max);
                    z += e;
                    for (int a = 0; a < k; a++) mean[a] += e * spins[c, a];
                }
                psi += _grid.Weights[p] / configs * (max + Math.Log(z) - k * Math.Log(2));
                double f = _grid.Weights[p] / (z * configs);
                for (int a = 0; a < k; a++)
                    for (int b = 0; b < k; b++) q[a, b] += f * mean[a] * spins[t, b];
            }
        }
        LastPsi = psi;
        return q;
    }
}
