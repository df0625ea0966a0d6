using MCoverPhysics.Models.Statistics;

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
        (Points, Weights) = GaussHermite.Tensor(dimension, nodes, weights);
        Count = Weights.Length;
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

    /// <summary>Probabilists' Gauss–Hermite nodes and weights (∫Dz f ≈ Σ w_i f(x_i), Σ w_i = 1) by Golub–Welsch (<see cref="GaussHermite.Rule"/>).</summary>
    public static (double[] Nodes, double[] Weights) HermiteRule(int n) => GaussHermite.Rule(n);
}
