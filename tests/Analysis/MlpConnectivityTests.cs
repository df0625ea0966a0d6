using MCoverPhysics.Analysis.Connectivity;
using MCoverPhysics.Analysis.OrderParameters;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Tests.Analysis;

[TestClass]
public sealed class MlpConnectivityTests
{
    /// <summary>A network and a relabelling of its hidden units compute the same function: modulo permutation the path between
    /// them is flat (barrier 0), while the raw Hamming path leaves the function and climbs (the symmetry barrier).</summary>
    [TestMethod]
    public void PermutedCopiesAreConnectedOnlyModuloPermutation()
    {
        var teacher = new MlpShape(60, [8], 1);
        var data = MlpDataset.TeacherStudent(teacher, 10, 800, 4);
        var rng = RngStream.For(3, StreamTag.Rule);
        var pi = Enumerable.Range(0, 8).ToArray();
        rng.Shuffle(pi);
        var relabelled = MlpAlignment.Relabel(data.Teacher!, 0, pi);
        var raw = MlpConnectivity.HammingPath(data.Teacher!, relabelled, data.TestInputs, data.TestLabels, 10, 1);
        var aligned = MlpConnectivity.HammingPath(data.Teacher!, relabelled, data.TestInputs, data.TestLabels, 10, 1, align: true);
        Assert.AreEqual(0.0, raw[0]);
        Assert.AreEqual(0.0, raw[^1]);
        Assert.IsGreaterThan(0.1, MlpConnectivity.Barrier(raw), $"raw path {string.Join(", ", raw)}");
        Assert.AreEqual(0.0, MlpConnectivity.Barrier(aligned));
        var h = data.Teacher!.ToSpins().Select(s => (float)s).ToArray();
        var hp = relabelled.ToSpins().Select(s => (float)s).ToArray();
        Assert.AreEqual(0.0, MlpConnectivity.Barrier(MlpConnectivity.LatentLine(data.Teacher!, h, relabelled, hp, data.TestInputs, data.TestLabels, 8, align: true)));
    }
}
