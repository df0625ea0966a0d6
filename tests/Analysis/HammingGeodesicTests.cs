using MCoverPhysics.Analysis.Connectivity;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Analysis;

[TestClass]
public sealed class HammingGeodesicTests
{
    /// <summary>
    /// From the teacher to its mirror image every weight differs; after flipping a fraction t of them the student has
    /// overlap R = 1 − 2t, so its test error is ε(t) = arccos(1 − 2t)/π (the generalisation error of a binary perceptron)
    /// and the barrier over the chord t is max_t [arccos(1 − 2t)/π − t] ≈ 0.1053 (at t ≈ 0.1).
    /// </summary>
    [TestMethod]
    public void TeacherToMirrorFollowsTheArccosLaw()
    {
        var data = Dataset.Create(LearningTask.TeacherStudent, 1001, 500, 20000, 11);
        var teacher = data.Teacher!;
        var mirror = teacher.Select(x => ~x).ToArray();
        mirror[^1] &= PackedSpins.LastWordMask(1001);
        var profile = HammingGeodesic.Measure(teacher, mirror, data, orders: 3, steps: 10, seed: 5);
        Assert.AreEqual(1001, profile.Distance);
        Assert.AreEqual(0.0, profile.TrainError[0]);
        Assert.AreEqual(1.0, profile.TrainError[^1]);
        for (int k = 0; k <= 10; k++)
        {
            double t = profile.T[k], expected = Math.Acos(1 - 2 * t) / Math.PI;
            // 3 orders × 20000 test patterns, plus the O(1/√N) spread of the overlap of one random path point.
            Assert.AreEqual(expected, profile.TestError[k], 0.02, $"t = {t}");
        }
        var fine = Enumerable.Range(0, 1001).Select(k => k / 1000.0).ToArray();
        double theory = fine.Max(t => Math.Acos(1 - 2 * t) / Math.PI - t);
        Assert.AreEqual(0.1053, theory, 5e-4);
        Assert.AreEqual(theory, profile.TestBarrier, 0.03, "sampled at t = 0.1, 0.2, … the profile's barrier is near the continuum one");
    }

    [TestMethod]
    public void EqualEndpointsHaveNoPathAndNoBarrier()
    {
        var data = Dataset.Create(LearningTask.Storage, 101, 60, 0, 2);
        var w = Dataset.RandomVector(101, 99);
        var profile = HammingGeodesic.Measure(w, w, data, orders: 2, steps: 4, seed: 1);
        Assert.AreEqual(0, profile.Distance);
        Assert.IsTrue(profile.TrainError.All(e => e == profile.TrainError[0]));
        Assert.AreEqual(0.0, profile.TrainBarrier);
        Assert.IsTrue(double.IsNaN(profile.TestBarrier), "storage: no test set");
    }

    /// <summary>The path flips exactly round(t·d) of the d differing weights: its endpoint is w^B and each point lies between.</summary>
    [TestMethod]
    public void PathPointsLieOnTheGeodesic()
    {
        var a = Dataset.RandomVector(200, 1);
        var b = Dataset.RandomVector(200, 2);
        int d = Enumerable.Range(0, 200).Count(i => PackedSpins.Get(a, i) != PackedSpins.Get(b, i));
        var seen = new List<(int FromA, int FromB)>();
        HammingGeodesic.Measure(a, b, 200, w =>
        {
            int fromA = Enumerable.Range(0, 200).Count(i => PackedSpins.Get(w, i) != PackedSpins.Get(a, i));
            int fromB = Enumerable.Range(0, 200).Count(i => PackedSpins.Get(w, i) != PackedSpins.Get(b, i));
            seen.Add((fromA, fromB));
            return (0, 0);
        }, orders: 1, steps: 4, seed: 3);
        Assert.AreEqual(5, seen.Count);
        for (int k = 0; k <= 4; k++)
        {
            Assert.AreEqual((int)Math.Round(k * d / 4.0, MidpointRounding.AwayFromZero), seen[k].FromA, $"k = {k}");
            Assert.AreEqual(d, seen[k].FromA + seen[k].FromB, "a geodesic: distances add up");
        }
    }

    [TestMethod]
    public void BarrierIsTheLargestExcessOverTheChord()
    {
        Assert.AreEqual(0.3, HammingGeodesic.Barrier([0, 0.5, 1], [0.1, 0.5, 0.3]), 1e-12); // chord at 0.5 is 0.2
        Assert.AreEqual(0.0, HammingGeodesic.Barrier([0, 0.5, 1], [0.4, 0.1, 0.2]), "below the chord: no barrier");
    }
}
