using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Dynamics.Mlp;
using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Mlp;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Dynamics;

[TestClass]
public sealed class MlpTrainerTests
{
    private static readonly MlpShape Teacher = new(41, [3], 1);

    private static MlpTrainer Trainer(MlpShape shape, MlpDataset data, IMlpRule rule, int copies, MlpRouting? routing, int threads = 1, int epochs = 3, int batch = 16)
        => new(data, shape, rule, copies, routing, 11, new MlpTrainingOptions { Epochs = epochs, Batch = batch, Threads = threads, StopWhenSolved = false });

    private static void AssertSameCopies(MlpTrainer expected, MlpTrainer actual, string what)
    {
        var a = expected.Learn().Mlp!;
        var b = actual.Learn().Mlp!;
        for (int c = 0; c < a.Networks.Length; c++)
        {
            CollectionAssert.AreEqual(a.Networks[c].Bits, b.Networks[c].Bits, $"{what}: weights of copy {c}");
            CollectionAssert.AreEqual(a.States[c], b.States[c], $"{what}: rule states of copy {c}");
        }
    }

    /// <summary>Q = identity on the routed path (every granularity) is M independent networks, bit for bit.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge)] [DataRow(Granularity.Unit)] [DataRow(Granularity.Layer)]
    public void IdentityKernelIsIndependentNetworksBitForBit(Granularity granularity)
    {
        var data = MlpDataset.TeacherStudent(Teacher, 200, 0, 3);
        var shape = new MlpShape(41, [5, 3], 1);
        var routing = new MlpRouting(shape, new IdentitySampler(3), granularity, Schedule.Annealed, 11);
        AssertSameCopies(Trainer(shape, data, new SteUpdate(0.5f), 3, null), Trainer(shape, data, new SteUpdate(0.5f), 3, routing), granularity.ToString());
    }

    /// <summary>A kernel that is a permutation matrix relabels the copies: routed network b reads all of copy π(b) and sends all
    /// its messages back there, so at edge granularity every weight's message must reach its own copy (bit for bit).</summary>
    [TestMethod]
    [DataRow(Granularity.Edge)] [DataRow(Granularity.Unit)]
    public void APermutationKernelRelabelsIndependentNetworks(Granularity granularity)
    {
        var data = MlpDataset.TeacherStudent(new MlpShape(41, [3], 3), 150, 0, 4);
        var shape = new MlpShape(41, [4], 3);
        var q = new double[3, 3];
        for (int a = 0; a < 3; a++) q[a, (a + 1) % 3] = 1;
        var sampler = PermutationSampler.For(MixingKernel.FromMatrix(q, "shift"), SamplerKind.Exact);
        var routing = new MlpRouting(shape, sampler, granularity, Schedule.Quenched, 11);
        AssertSameCopies(Trainer(shape, data, new BopUpdate(0.01f, 1e-5f), 3, null), Trainer(shape, data, new BopUpdate(0.01f, 1e-5f), 3, routing), granularity.ToString());
    }

    /// <summary>The M-cover's result does not depend on the number of threads.</summary>
    [TestMethod]
    [DataRow(Granularity.Edge)] [DataRow(Granularity.Unit)]
    public void UniformKernelResultsDoNotDependOnThreads(Granularity granularity)
    {
        var data = MlpDataset.TeacherStudent(Teacher, 200, 0, 5);
        var shape = new MlpShape(41, [6], 1);
        MlpRouting Routing() => new(shape, PermutationSampler.For(MixingKernel.Uniform(3)), granularity, Schedule.Annealed, 11);
        AssertSameCopies(Trainer(shape, data, new SteUpdate(0.5f), 3, Routing(), threads: 1), Trainer(shape, data, new SteUpdate(0.5f), 3, Routing(), threads: 3), "threads");
    }

    /// <summary>Edge routing: routed network b holds, at every weight, the bit of the copy π(b) the table names, the sources of a
    /// weight over b form a permutation, and each message lands in that copy.</summary>
    [TestMethod]
    public void EdgeRoutingAssemblesAndDeliversWeightByWeight()
    {
        const int m = 4;
        var shape = new MlpShape(70, [3], 2);
        var copies = Enumerable.Range(0, m).Select(a => MlpNetwork.Random(shape, (ulong)a + 100)).ToArray();
        var routing = new MlpRouting(shape, PermutationSampler.For(MixingKernel.Uniform(m)), Granularity.Edge, Schedule.Annealed, 7);
        routing.Draw(2, 5);
        var routed = new ulong[shape.PackedWords];
        var grads = Enumerable.Range(0, m).Select(_ => new float[shape.WeightCount]).ToArray();
        var mixed = 0;
        for (int b = 0; b < m; b++)
        {
            routing.Assemble(b, copies, routed);
            var net = new MlpNetwork(shape);
            routed.CopyTo(net.Bits, 0);
            var message = Enumerable.Range(0, (int)shape.WeightCount).Select(k => (float)(1000 * b + k)).ToArray();
            routing.Deliver(b, message, grads);
            for (int l = 0, k = 0; l < shape.Layers; l++)
                for (int j = 0; j < shape.Width(l); j++)
                    for (int i = 0; i < shape.FanIn(l); i++, k++)
                    {
                        int src = routing.Source(b, l, j, i);
                        if (src != b) mixed++;
                        Assert.AreEqual(copies[src].Get(l, j, i), net.Get(l, j, i));
                        Assert.AreEqual(1000f * b + k, grads[src][k]);
                    }
            Assert.IsTrue(PackedSpins.PaddingIsClear(net.Row(0, 0), 70));
        }
        for (int l = 0, k = 0; l < shape.Layers; l++)
            for (int j = 0; j < shape.Width(l); j++)
                for (int i = 0; i < shape.FanIn(l); i++, k++)
                    CollectionAssert.AreEquivalent(Enumerable.Range(0, m).ToArray(), Enumerable.Range(0, m).Select(b => routing.Source(b, l, j, i)).ToArray());
        Assert.IsGreaterThan(0, mixed, "the uniform kernel mixes copies");
    }

    /// <summary>The replicated coupling at γ = 0 is no coupling, bit for bit; at γ = 1 every weight is pulled to the center after
    /// every minibatch, so the copies end identical (q = 1), and a small γ lies between.</summary>
    [TestMethod]
    public void ReplicatedCouplingInterpolatesBetweenIndependentAndIdenticalCopies()
    {
        var data = MlpDataset.TeacherStudent(Teacher, 200, 0, 6);
        var shape = new MlpShape(41, [6], 1);
        MlpTrainer T(CopyCoupling c) => new(data, shape, new SteUpdate(0.5f), 3, null, 11, new MlpTrainingOptions { Epochs = 3, Batch = 16, StopWhenSolved = false }, c);
        AssertSameCopies(T(CopyCoupling.None), T(new ReplicatedCoupling(0, 0)), "γ = 0");
        double Q(MlpTrainer t)
        {
            var nets = t.Learn().Mlp!.Networks;
            return (MCoverPhysics.Analysis.OrderParameters.MlpAlignment.LayerOverlaps(nets[0], nets[1]).Sum() + MCoverPhysics.Analysis.OrderParameters.MlpAlignment.LayerOverlaps(nets[1], nets[2]).Sum()) / 4;
        }
        Assert.AreEqual(1.0, Q(T(new ReplicatedCoupling(1, 0))), "γ = 1: identical copies");
        double free = Q(T(CopyCoupling.None)), some = Q(T(new ReplicatedCoupling(0.02, 0)));
        Assert.IsLessThan(some, free, $"independent q {free} below weakly coupled q {some}");
        Assert.IsLessThan(1.0, some);
    }

    /// <summary>Straight-through SGD learns a small teacher MLP: the student generalises far better than chance (ε = 1/2).</summary>
    [TestMethod]
    public void SteLearnsASmallTeacher()
    {
        var teacher = new MlpShape(101, [3], 1);
        var data = MlpDataset.TeacherStudent(teacher, 2000, 2000, 21);
        var result = Trainer(new MlpShape(101, [3], 1), data, new SteUpdate(1f), 2, null, epochs: 20, batch: 20).Learn().Mlp!;
        double test = result.TestErrors[^1].Average(), first = result.TestErrors[0].Average();
        Assert.IsLessThan(0.33, test, $"test error after 20 epochs {test} (chance: 0.5)");
        Assert.IsLessThan(first, test, "the test error falls");
    }

    /// <summary>BOP lowers the training error of a small MLP on a teacher's labels from chance.</summary>
    [TestMethod]
    public void BopLowersTheTrainingError()
    {
        var data = MlpDataset.TeacherStudent(new MlpShape(101, [3], 1), 2000, 500, 22);
        var result = Trainer(new MlpShape(101, [3], 1), data, new BopUpdate(0.01f, 1e-4f), 2, null, epochs: 20, batch: 20).Learn().Mlp!;
        double train = result.TrainErrors[^1].Average();
        Assert.IsLessThan(0.33, train, $"training error after 20 epochs {train} (chance: 0.5)");
    }

    /// <summary>The trainer applies the rule of each epoch: a decaying STE equals the constant one over the first epoch bit for
    /// bit and departs from it in the second (η halves).</summary>
    [TestMethod]
    public void TheTrainerAppliesTheDecayFromTheSecondEpoch()
    {
        var data = MlpDataset.TeacherStudent(Teacher, 300, 0, 23);
        AssertSameCopies(Trainer(Teacher, data, new SteUpdate(0.5f), 2, null, epochs: 1), Trainer(Teacher, data, new SteUpdate(0.5f, 0.5), 2, null, epochs: 1), "epoch 1");
        var constant = Trainer(Teacher, data, new SteUpdate(0.5f), 2, null, epochs: 2).Learn().Mlp!;
        var decayed = Trainer(Teacher, data, new SteUpdate(0.5f, 0.5), 2, null, epochs: 2).Learn().Mlp!;
        CollectionAssert.AreNotEqual(constant.States[0], decayed.States[0], "epoch 2 runs at η/2");
    }
}
