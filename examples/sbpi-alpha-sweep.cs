// An α sweep of SBPI with 8 copies in the teacher–student perceptron, printing ε_g (mean ± sem over seeds).
// Run from the repository root:  dotnet run examples/sbpi-alpha-sweep.cs            (N = 1001, 4 seeds, about a minute)
//                                 dotnet run examples/sbpi-alpha-sweep.cs -- --small (N = 201, 2 seeds: what the tests run)
#:project ../Experiments/MCoverPhysics.Experiments.csproj
using MCoverPhysics.Analysis.Statistics;
using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;

bool small = args.Contains("--small");
int n = small ? 201 : 1001, seeds = small ? 2 : 4;
Console.WriteLine("alpha  eps_g (mean ± sem over seeds)  solved copies");
foreach (double alpha in new[] { 0.5, 1.0, 1.5, 2.0 })
{
    var runs = Enumerable.Range(1, seeds).Select(seed => Simulation.Run(new RunConfig
    {
        Model = new PerceptronModel { N = n },
        Data = new TeacherStudentData { Alpha = alpha, TestPatterns = 1000 },
        Rule = new SbpiRule { Epochs = small ? 100 : 1000 },
        Copies = 8,
        Seed = (ulong)seed,
    })).ToList();
    var eps = SeedSummary.Of(runs.Select(r => r.Observables.EpsG));
    Console.WriteLine($"{alpha,5:F2}  {eps.Mean:F4} ± {eps.Sem:F4}               {runs.Sum(r => r.SolvedCopies)}/{8 * seeds}");
}
