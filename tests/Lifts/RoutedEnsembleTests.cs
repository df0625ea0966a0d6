using MCoverPhysics.Lifts.Kernels;
using MCoverPhysics.Lifts.Permutations;
using MCoverPhysics.Lifts.Routing;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Tests.Lifts;

/// <summary>The routed-ensemble predictor (test_error_routed, issue 20).</summary>
[TestClass]
public sealed class RoutedEnsembleTests
{
    /// <summary>M students: the teacher with each coordinate flipped with probability 0.3 (independently per student).</summary>
    private static List<ulong[]> Students(int m, Dataset data, ulong seed)
    {
        var students = new List<ulong[]>();
        var rng = RngStream.For(seed, StreamTag.InitialState);
        for (int a = 0; a < m; a++)
        {
            var w = data.Teacher!.ToArray();
            for (int i = 0; i < data.N; i++)
                if (rng.Bernoulli(0.3)) w[i >> 6] ^= 1UL << (i & 63);
            students.Add(w);
        }
        return students;
    }

    /// <summary>The majority of the copies' outputs, sign(Σ_a sign(w^a·ξ)) with ties to +1, coordinate by coordinate.</summary>
    private static double NaiveMajorityError(IReadOnlyList<ulong[]> students, Dataset data)
    {
        int errors = 0;
        for (int nu = 0; nu < data.TestPatterns.Rows; nu++)
        {
            int vote = 0;
            foreach (var w in students)
            {
                long dot = 0;
                for (int i = 0; i < data.N; i++) dot += PackedSpins.Get(w, i) * PackedSpins.Get(data.TestPatterns.Row(nu), i);
                vote += dot > 0 ? 1 : -1;
            }
            if ((vote >= 0 ? 1 : -1) != data.TestLabels[nu]) errors++;
        }
        return (double)errors / data.TestPatterns.Rows;
    }

    [TestMethod]
    [DataRow(5, 65)] [DataRow(4, 101)] [DataRow(3, 63)]
    public void WithQIdentityTheRoutedEnsembleIsTheMajorityOfTheCopies(int m, int n)
    {
        if (n % 2 == 0) n++;
        var data = Dataset.Create(LearningTask.TeacherStudent, n, 10, 600, 4);
        var students = Students(m, data, 11);
        double expected = NaiveMajorityError(students, data);
        Assert.AreEqual(expected, RoutedEnsemble.TestError(null, Granularity.Edge, students, data.TestPatterns, data.TestLabels, n, 4));
        var identity = PermutationSampler.For(MixingKernel.Identity(m));
        Assert.AreEqual(expected, RoutedEnsemble.TestError(identity, Granularity.Edge, students, data.TestPatterns, data.TestLabels, n, 4));
        // Mixing copies that differ changes the predictor.
        var uniform = PermutationSampler.For(MixingKernel.Uniform(m));
        Assert.AreNotEqual(expected, RoutedEnsemble.TestError(uniform, Granularity.Edge, students, data.TestPatterns, data.TestLabels, n, 4));
    }

    /// <summary>Routing between identical copies changes nothing: the routed ensemble of M equal students is that student.</summary>
    [TestMethod]
    public void RoutingIdenticalCopiesGivesTheCopysOwnError()
    {
        const int n = 129;
        var data = Dataset.Create(LearningTask.TeacherStudent, n, 10, 700, 2);
        var one = Students(1, data, 5)[0];
        var same = Enumerable.Repeat(one, 6).ToList();
        double own = OrderParameterError(one, data);
        foreach (var g in new[] { Granularity.Edge, Granularity.Word })
            Assert.AreEqual(own, RoutedEnsemble.TestError(PermutationSampler.For(MixingKernel.Ring(6, 1)), g, same, data.TestPatterns, data.TestLabels, n, 3));
    }

    private static double OrderParameterError(ulong[] w, Dataset data) => (double)Dataset.ErrorCount(w, data.TestPatterns, data.TestLabels) / data.TestPatterns.Rows;
}
