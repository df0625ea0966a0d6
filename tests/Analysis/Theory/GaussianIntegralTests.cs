using MCoverPhysics.Analysis.Theory;
using MCoverPhysics.Models.Statistics;

namespace MCoverPhysics.Tests.Analysis.Theory;

[TestClass]
public sealed class GaussianIntegralTests
{
    [TestMethod]
    public void MomentsAndCharacteristicFunctionAreExact()
    {
        Assert.AreEqual(1.0, GaussianIntegral.Expect(_ => 1.0), 1e-14);
        Assert.AreEqual(0.0, GaussianIntegral.Expect(z => z), 1e-14);
        Assert.AreEqual(1.0, GaussianIntegral.Expect(z => z * z), 1e-14);
        Assert.AreEqual(3.0, GaussianIntegral.Expect(z => z * z * z * z), 1e-13);
        Assert.AreEqual(Math.Exp(-0.5), GaussianIntegral.Expect(Math.Cos), 1e-14); // E cos z = e^{−1/2}
        Assert.AreEqual(Math.Exp(2.0), GaussianIntegral.Expect(z => Math.Exp(2 * z)), 1e-12); // E e^{tz} = e^{t²/2}
    }

    /// <summary>E Φ(az) = ½ by symmetry; E Φ(az)² = ¼ + arcsin(a²/(1 + a²))/(2π) (orthant probability).</summary>
    [TestMethod]
    [DataRow(0.3)] [DataRow(1.0)] [DataRow(3.0)]
    public void CdfAveragesMatchOrthantProbabilities(double a)
    {
        Assert.AreEqual(0.5, GaussianIntegral.Expect(z => NormalFunctions.Cdf(a * z)), 1e-14);
        Assert.AreEqual(0.25 + Math.Asin(a * a / (1 + a * a)) / (2 * Math.PI), GaussianIntegral.Expect(z => Math.Pow(NormalFunctions.Cdf(a * z), 2)), 1e-13);
    }

    /// <summary>Nishimori identity of the ±1 prior: E tanh(r + √r z) = E tanh²(r + √r z) for every r.</summary>
    [TestMethod]
    [DataRow(0.1)] [DataRow(1.5)] [DataRow(10.0)] [DataRow(40.0)]
    public void NishimoriIdentityHolds(double r)
    {
        double s = Math.Sqrt(r);
        double m = GaussianIntegral.Expect(z => Math.Tanh(r + s * z));
        double q = GaussianIntegral.Expect(z => Math.Pow(Math.Tanh(r + s * z), 2));
        Assert.AreEqual(m, q, 1e-13);
        Assert.AreEqual(m, TeacherStudentTheory.Overlap(r), 1e-13);
    }

    /// <summary>∫Dz φ(az) = 1/√(2π(1 + a²)): a peak of width 1/a, for small and huge a.</summary>
    [TestMethod]
    [DataRow(0.5)] [DataRow(5.0)] [DataRow(500.0)] [DataRow(5e5)]
    public void ScaledPeaksAreResolved(double a)
    {
        double exact = 1 / Math.Sqrt(2 * Math.PI * (1 + a * a));
        Assert.AreEqual(1.0, GaussianIntegral.ExpectScaled(NormalFunctions.Pdf, a) / exact, 1e-13);
    }

    /// <summary>E|az| = a√(2/π) and E[(az)² 1(z &lt; 0)] = a²/2: kinks at the origin, polynomial flanks.</summary>
    [TestMethod]
    [DataRow(2.0)] [DataRow(50.0)] [DataRow(3000.0)]
    public void CoreAndFlanksAreIntegrated(double a)
    {
        Assert.AreEqual(1.0, GaussianIntegral.ExpectWithCore(z => Math.Abs(a * z), a) / (a * Math.Sqrt(2 / Math.PI)), 1e-13);
        Assert.AreEqual(1.0, GaussianIntegral.ExpectWithCore(z => z < 0 ? a * a * z * z : 0, a) / (a * a / 2), 1e-13);
    }

    [TestMethod]
    public void NormalTailsAreStable()
    {
        // The continued fraction takes over from erfc at y = 6 without a visible seam.
        double direct = NormalFunctions.Cdf(-6.0) / NormalFunctions.Pdf(6.0);
        Assert.AreEqual(1.0, NormalFunctions.MillsRatio(6.0) / direct, 1e-13);
        Assert.AreEqual(1.0, NormalFunctions.MillsRatio(12.0) / (NormalFunctions.Cdf(-12.0) / NormalFunctions.Pdf(12.0)), 1e-13);
        // ln Φ(−40) = −800 − ln(40√(2π)) + ln(1 − 1/y² + 3/y⁴ − 15/y⁶ + 105/y⁸ − 945/y¹⁰ …), where Φ itself is 4e-350.
        double y = 40;
        double asymptotic = -y * y / 2 - Math.Log(y * Math.Sqrt(2 * Math.PI)) + Math.Log(1 - 1 / (y * y) + 3 / Math.Pow(y, 4) - 15 / Math.Pow(y, 6) + 105 / Math.Pow(y, 8) - 945 / Math.Pow(y, 10));
        Assert.AreEqual(asymptotic, NormalFunctions.LogCdf(-y), 1e-12);
        Assert.AreEqual(0.0, NormalFunctions.Cdf(-y));
        Assert.AreEqual(1.0, NormalFunctions.PdfOverCdf(-1e3) / (1e3 + 1e-3 - 2e-9), 1e-14); // φ/Φ(x) ≈ y + 1/y − 2/y³, y = −x
        Assert.AreEqual(1.0, NormalFunctions.LogCdf(10) / -NormalFunctions.Cdf(-10), 1e-12); // ln Φ(x) ≈ −Φ(−x)
        Assert.AreEqual(0.0, NormalFunctions.CdfLogCdf(-50), 1e-300);
        Assert.AreEqual(0.0, NormalFunctions.CdfLogCdf(50), 1e-300);
        Assert.AreEqual(0.5 * Math.Log(0.5), NormalFunctions.CdfLogCdf(0), 1e-16);
    }
}
