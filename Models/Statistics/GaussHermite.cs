using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MCoverPhysics.Models.Statistics;

/// <summary>
/// Probabilists' Gauss–Hermite quadrature for standard Gaussian averages, ∫Dz f(z) ≈ Σ_i w_i f(x_i) (Σ w_i = 1, exact for
/// polynomials of degree ≤ 2n − 1), and its d-fold tensor product. Shared by the committee state evolution (Analysis) and
/// committee AMP (Dynamics), which both average the majority channel over Gaussian fields.
/// </summary>
public static class GaussHermite
{
    /// <summary>Nodes and weights of the n-node rule by Golub–Welsch: the eigen-decomposition of the Jacobi matrix of the
    /// Hermite polynomials He_n (MathNet's symmetric EVD).</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "must be ≥ 1");
        var jacobi = Matrix<double>.Build.Dense(n, n);
        for (int k = 1; k < n; k++) jacobi[k, k - 1] = jacobi[k - 1, k] = Math.Sqrt(k);
        var evd = jacobi.Evd(Symmetricity.Symmetric);
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = evd.EigenValues[i].Real;
            double v0 = evd.EigenVectors[0, i];
            weights[i] = v0 * v0;
        }
        return (nodes, weights);
    }

    /// <summary>The d-fold tensor product of a 1-D rule: points flattened (point p at [p·d, p·d + d)) and weights; the first
    /// coordinate runs fastest. d = 0 is one empty point of weight 1.</summary>
    public static (double[] Points, double[] Weights) Tensor(int dimension, double[] nodes, double[] weights)
    {
        int n = nodes.Length, count = 1;
        for (int j = 0; j < dimension; j++) count = checked(count * n);
        var points = new double[count * dimension];
        var w = new double[count];
        var index = new int[dimension];
        for (int p = 0; p < count; p++)
        {
            double x = 1;
            for (int j = 0; j < dimension; j++)
            {
                points[p * dimension + j] = nodes[index[j]];
                x *= weights[index[j]];
            }
            w[p] = x;
            for (int j = 0; j < dimension; j++) // odometer
            {
                if (++index[j] < n) break;
                index[j] = 0;
            }
        }
        return (points, w);
    }
}
