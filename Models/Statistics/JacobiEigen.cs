namespace MCoverPhysics.Models.Statistics;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix (K×K, K ≲ 10) by the cyclic Jacobi method, in caller-owned buffers: no
/// allocation, so committee AMP can take its K×K output covariance apart every iteration. MathNet.Numerics' <c>Evd</c> does the
/// same with fresh matrices on every call; it stays the test oracle (tests/Models/JacobiEigenTests.cs).
/// </summary>
/// <remarks>
/// Rotations annihilate each off-diagonal entry in turn (Golub &amp; Van Loan, Matrix Computations, §8.5, with the stable
/// choice of tan θ); sweeps continue until the off-diagonal sum of squares falls below 10⁻³⁰ of the total or a sweep changes
/// nothing. Convergence is quadratic: K = 5 takes 5–7 sweeps.
/// </remarks>
public static class JacobiEigen
{
    /// <summary>At most this many sweeps (never reached for symmetric input).</summary>
    public const int MaxSweeps = 64;

    /// <summary>
    /// Decomposes the symmetric <paramref name="matrix"/> (K×K row-major, overwritten: its diagonal ends as the eigenvalues)
    /// into <paramref name="values"/> (length K, unsorted) and <paramref name="vectors"/> (K×K row-major; column j is the unit
    /// eigenvector of values[j]).
    /// </summary>
    public static void Decompose(Span<double> matrix, Span<double> values, Span<double> vectors)
    {
        int k = values.Length;
        if (matrix.Length != k * k || vectors.Length != k * k) throw new ArgumentException("matrix and vectors must be K×K for K = values.Length");
        vectors.Clear();
        for (int i = 0; i < k; i++) vectors[i * k + i] = 1;
        double total = 0;
        foreach (double x in matrix) total += x * x;
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = 0;
            for (int p = 0; p < k; p++)
                for (int q = p + 1; q < k; q++) off += matrix[p * k + q] * matrix[p * k + q];
            if (off <= 1e-30 * total) break;
            bool rotated = false;
            for (int p = 0; p < k; p++)
                for (int q = p + 1; q < k; q++)
                    rotated |= Rotate(matrix, vectors, k, p, q);
            if (!rotated) break;
        }
        for (int i = 0; i < k; i++) values[i] = matrix[i * k + i];
    }

    /// <summary>One Jacobi rotation in the (p, q) plane that zeroes A[p, q]; false when it already is zero.</summary>
    private static bool Rotate(Span<double> a, Span<double> v, int k, int p, int q)
    {
        double apq = a[p * k + q];
        if (apq == 0) return false;
        double app = a[p * k + p], aqq = a[q * k + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.Sign(theta) == 0 ? 1 : Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int r = 0; r < k; r++)
        {
            double arp = a[r * k + p], arq = a[r * k + q];
            a[r * k + p] = c * arp - s * arq;
            a[r * k + q] = s * arp + c * arq;
        }
        for (int r = 0; r < k; r++)
        {
            double apr = a[p * k + r], aqr = a[q * k + r];
            a[p * k + r] = c * apr - s * aqr;
            a[q * k + r] = s * apr + c * aqr;
        }
        a[p * k + q] = 0;
        a[q * k + p] = 0;
        for (int r = 0; r < k; r++)
        {
            double vrp = v[r * k + p], vrq = v[r * k + q];
            v[r * k + p] = c * vrp - s * vrq;
            v[r * k + q] = s * vrp + c * vrq;
        }
        return true;
    }
}
