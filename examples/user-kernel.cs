// An M-cover run with your own mixing kernel Q: a "two-community" matrix over M = 8 copies (strong mixing inside each
// half, weak across), against M independent copies (Q = identity) on the same seeds. Prints ε_g and the diversity 1 − q.
// Run from the repository root:  dotnet run examples/user-kernel.cs             (N = 501)
//                                 dotnet run examples/user-kernel.cs -- --small  (N = 201: what the tests run)
#:project ../Experiments/MCoverPhysics.Experiments.csproj
using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;

bool small = args.Contains("--small");
const int m = 8;
var q = new double[m, m];
for (int a = 0; a < m; a++)
    for (int b = 0; b < m; b++) q[a, b] = a == b ? 4 : (a < m / 2) == (b < m / 2) ? 1 : 0.05;
var config = new RunConfig
{
    Model = new PerceptronModel { N = small ? 201 : 501 },
    Data = new TeacherStudentData { Alpha = 1.5, TestPatterns = 1000 },
    Rule = new CprRule { Epochs = small ? 100 : 500 },
    Copies = m,
    Seed = 1,
};
foreach (var (name, lift) in new[] { ("identity", new LiftSpec()), ("two-community Q", LiftSpec.FromMatrix(q, "communities")) })
{
    var r = Simulation.Run(config with { Lift = lift });
    Console.WriteLine($"{name,-16} λ₂ = {r.Config.Lambda2:F3}  ε_g = {r.Observables.EpsG:F4}  1 − q = {r.Observables.Diversity:F3}  routed train error = {r.RoutedTrainError:F4}");
}
