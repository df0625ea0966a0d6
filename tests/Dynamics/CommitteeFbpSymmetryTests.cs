using MCoverPhysics.Dynamics.MessagePassing;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>
/// The hidden units of the fully connected committee are exchangeable, so BP's fixed point at low load is
/// permutation-symmetric; focusing must start from a broken symmetry (docs/physics/message-passing.md#focusing-bp).
/// </summary>
[TestClass]
public sealed class CommitteeFbpSymmetryTests
{
    private static readonly MessagePassingOptions Preset = new()
    {
        Damping = 0.5, Tolerance = 1e-3, MaxIterations = 50, Focusing = new FocusingSchedule(FocusingProtocol.Standard, 0.02, 1, 1),
    };

    /// <summary>
    /// K = 5 fully connected, N = 51, α = P/N = 1 (above the perceptron's capacity 0.83, so K equal units cannot store it):
    /// fBP with the committee-mp settings solves every one of three instances, and the units of its solution differ.
    /// Before the symmetry-breaking field it solved none (committee-mp.md: 0/8), its five units' signs equal.
    /// </summary>
    [TestMethod]
    public void FbpSolvesTheFullyConnectedCommitteeBelowWhereItsUnitsWouldCollapse()
    {
        var shape = new CommitteeShape(51, 5, Architecture.Full);
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var data = CommitteeDataset.Create(LearningTask.Storage, shape, 51, 0, seed);
            var run = CommitteeBeliefPropagation.Run(shape, data.Inputs, data.Labels, new IdentityLift(1), seed, Preset);
            Assert.AreEqual(0, run.RoutedErrorCount, $"seed {seed}: training errors");
            var m = run.Means[0];
            for (int k = 1; k < 5; k++)
            {
                int same = Enumerable.Range(0, 51).Count(i => Math.Sign(m[i]) == Math.Sign(m[k * 51 + i]));
                Assert.IsLessThan(51, same, $"seed {seed}: unit {k} has the signs of unit 0");
            }
        }
    }

    /// <summary>Tree units see disjoint inputs: no symmetry to break, so no field is kept there (and the perceptron, K = 1, is unchanged).</summary>
    [TestMethod]
    public void OnlyTheFullyConnectedSearchKeepsTheSymmetryBreakingField()
    {
        Assert.IsTrue(CommitteeBeliefPropagation.BreaksSymmetry(new CommitteeShape(51, 5, Architecture.Full), searching: true));
        Assert.IsFalse(CommitteeBeliefPropagation.BreaksSymmetry(new CommitteeShape(51, 5, Architecture.Full), searching: false), "plain BP");
        Assert.IsFalse(CommitteeBeliefPropagation.BreaksSymmetry(new CommitteeShape(51, 3, Architecture.Tree), searching: true), "tree");
        Assert.IsFalse(CommitteeBeliefPropagation.BreaksSymmetry(new CommitteeShape(51, 1, Architecture.Full), searching: true), "K = 1");
    }
}
