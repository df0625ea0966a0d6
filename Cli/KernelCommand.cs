using System.CommandLine;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Lifts.Permutations;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover kernel SPEC --copies M</c>: shows a mixing kernel — Q, λ₂, its permutation law's fixed-point probability
/// and mean number of cycles (exact, and sampled with --draws) — and with --out writes Q.csv, kernel.json and Q.png.
/// The work is <see cref="KernelReport"/>'s.
/// </summary>
internal static class KernelCommand
{
    public static Command Build(TextWriter stdout)
    {
        var command = new Command("kernel",
            "show a mixing kernel Q: the matrix (CSV), λ₂, and its permutation law's fixed-point probability and mean number of cycles " +
            $"(exact for M ≤ {PermutationLaw.MaxExactCopies}; sampled with --draws); --out DIR writes Q.csv, kernel.json and a heat map Q.png");
        var spec = new Argument<string>("SPEC") { Description = "kernel spec, as --kernel takes it: " + Parameters.Kernel.Help.Split(": ", 2)[1] };
        var copies = new Option<int>("--copies") { Description = "copies M (≥ 1)", Required = true };
        var draws = new Option<long>("--draws") { Description = "permutations to draw with the package's sampler (0: none)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the draws", DefaultValueFactory = _ => 1 };
        var sampler = new Option<string>("--sampler") { Description = Parameters.Sampler.Help, DefaultValueFactory = _ => "auto" };
        var theta = new Option<double>("--cycle-weight") { Description = Parameters.CycleWeight.Help, DefaultValueFactory = _ => 1 };
        var @out = new Option<string?>("--out") { Description = "directory for Q.csv (M rows of M numbers, no header), kernel.json and Q.png" };
        command.Arguments.Add(spec);
        foreach (var o in new Option[] { copies, draws, seed, sampler, theta, @out }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var samplerWord = parse.GetValue(sampler)!;
            int k = Array.IndexOf(Parameters.Sampler.Choices!, samplerWord);
            var kind = k >= 0 ? Parameters.Samplers[k] : throw UsageException.Field("sampler", samplerWord, $"is not a sampler; expected {string.Join(", ", Parameters.Sampler.Choices!)}");
            var dir = parse.GetValue(@out);
            if (dir is not null) ResultWriter.CheckFresh(dir, KernelReport.Files, "a kernel");
            var report = KernelReport.Compute(parse.GetValue(spec)!, parse.GetValue(copies), parse.GetValue(draws), parse.GetValue(seed), kind, parse.GetValue(theta));
            stdout.Write(report.Text());
            if (dir is not null) stdout.WriteLine($"wrote {string.Join(", ", report.Write(dir))}");
            return 0;
        });
        return command;
    }
}
