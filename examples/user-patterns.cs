// Training on your own ±1 patterns: a CSV of rows "label,x_1,…,x_N" (shipped: user-patterns.csv, N = 31, P = 40, and a
// held-out user-patterns-test.csv), CP+R with 4 independent copies, then the training and test error of each copy.
// Run from the repository root:  dotnet run examples/user-patterns.cs
#:project ../Experiments/MCoverPhysics.Experiments.csproj
using MCoverPhysics.Experiments;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Rules;
using MCoverPhysics.Experiments.Specs;

// The script's own folder (set by `dotnet run FILE.cs`), so it runs from any working directory.
string dir = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Path.GetFullPath("examples");
var data = UserData.FromCsv(Path.Combine(dir, "user-patterns.csv"), Path.Combine(dir, "user-patterns-test.csv"));
var result = Simulation.Run(new RunConfig
{
    Model = new PerceptronModel { N = data.Data.N },
    Data = data,
    Rule = new CprRule { Epochs = 2000 },
    Copies = 4,
    Seed = 1,
});
Console.WriteLine($"N = {data.Data.N}, P = {data.Data.P}, test rows = {data.Data.TestPatterns.Rows}, epochs run = {result.EpochsRun}");
for (int a = 0; a < result.Observables.Copies.Length; a++)
    Console.WriteLine($"copy {a}: train error {result.Observables.Copies[a].TrainError:F3}, test error {result.Observables.Copies[a].TestError:F3}");
Console.WriteLine($"replica diversity 1 − q = {result.Observables.Diversity:F3}");
