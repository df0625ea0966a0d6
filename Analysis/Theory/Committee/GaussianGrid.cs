using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>
/// Tensor-product quadrature for d-dimensional standard Gaussian averages ∫Dz f(z), z ∈ ℝ^d, built from one 1-D rule:
/// the probabilists' Gauss–Hermite rule (Golub–Welsch: nodes and weights from the eigen-decomposition of the Jacobi
/// matrix of the Hermite polynomials He_n, with MathNet's symmetric EVD), or the composite Gauss–Legendre rule of
/// <see cref="GaussianIntegral"/> for d = 1 where precision matters (the K = 1 check against the perceptron theory).
/// </summary>
public sealed class GaussianGrid
{
    /// <summary>Dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of points (nodes^d).</summary>
    public int Count { get; }

    /// <summary>Points, flattened: point p is Points[p·d .. p·d + d).</summary>
    public double[] Points { get; }

    /// <summary>Weights; they sum to 1 (a probability measure).</summary>
    public double[] Weights { get; }

    private GaussianGrid(int dimension, double[] nodes, double[] weights)
    {
        Dimension = dimension;
        int n = nodes.Length, count = 1;
        for (int j = 0; j < dimension; j++) count = checked(count * n);
        Count = count;
        Points = new double[count * dimension];
        Weights = new double[count];
        var index = new int[dimension];
        for (int p = 0; p < count; p++)
        {
            double w = 1;
            for (int j = 0; j < dimension; j++)
            {
                Points[p * dimension + j] = nodes[index[j]];
                w *= weights[index[j]];
            }
            Weights[p] = w;
            for (int j = 0; j < dimension; j++) // odometer
            {
                if (++index[j] < n) break;
                index[j] = 0;
            }
        }
    }

    /// <summary>The d-fold product of the n-node Gauss–Hermite rule (exact for polynomials of degree ≤ 2n − 1 in each variable).</summary>
    public static GaussianGrid Hermite(int dimension, int nodes)
    {
        var (x, w) = HermiteRule(nodes);
        return new GaussianGrid(dimension, x, w);
    }

    /// <summary>The d-fold product of the composite Gauss–Legendre rule of <see cref="GaussianIntegral"/> (840 nodes a dimension).</summary>
    public static GaussianGrid Legendre(int dimension) => new(dimension, GaussianIntegral.NodeArray, GaussianIntegral.WeightArray);

    /// <summary>The 0-dimensional grid: one empty point of weight 1.</summary>
    public static GaussianGrid Point { get; } = new(0, [0.0], [1.0]);

    /// <summary>Probabilists' Gauss–Hermite nodes and weights (∫Dz f ≈ Σ w_i f(x_i), Σ w_i = 1) by Golub–Welsch.</summary>
    public static (double[] Nodes, double[] Weights) HermiteRule(int n)
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
}
