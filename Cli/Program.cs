using System.CommandLine;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>The <c>mcover</c> command line: run, sweep, merge, slurm, extrapolate, bench, plot, theory.</summary>
public static class Program
{
    /// <summary>
    /// Worked examples shown at the end of --help, in an order that runs as written from the repository root (configs in
    /// examples/, results under runs/); a test runs every one with small budgets.
    /// </summary>
    public static readonly string[] Examples =
    [
        "mcover sweep --preset quick --out runs/quick",
        "mcover run --task teacher --rule sbpi --n 1001 --alpha 1.5 --copies 8 --epochs 1000 --seed 1 --out runs/sbpi",
        "mcover run --task storage --rule cpr --pr-c 0.08 --n 1001 --alpha 0.6 --out runs/storage",
        "mcover sweep --config examples/scan.json --alpha 0.5:0.25:3 --seeds 10 --out runs/scan",
        "mcover plot runs/scan --x alpha --y eps_g --by rule --theory bayes --out runs/scan/eps_g.png",
        "mcover connect runs/scan --pairs adjacent --orders 4 --steps 20",
        "mcover sweep --config examples/scan.json --shard 0/2 --out runs/scan-sharded",
        "mcover sweep --config examples/scan.json --shard 1/2 --out runs/scan-sharded",
        "mcover merge runs/scan-sharded",
        "mcover slurm --config examples/scan.json --array 8 --cpus 4 --time 02:00:00 --mem 4G --out runs/scan-slurm --submit",
        "mcover sweep --config examples/nscan.json --out runs/nscan",
        "mcover extrapolate runs/nscan --y eps_g",
        "mcover sweep --rule amp --n 2001 --alpha 0.25:0.25:3 --copies 1 --seeds 5 --out runs/amp",
        "mcover sweep --preset committee-quick --out runs/committee",
        "mcover run --model committee --hidden 3 --arch full --rule sbpi --n 301 --alpha 1 --kernel ring:sigma=1 --granularity unit --out runs/committee-lift",
        "mcover sweep --rule sa --task storage --n 1001 --alpha 0.3 --copies 4 --kernel identity,ring:sigma=1 --sweeps 30000 --beta0 2 --beta1 8 --stop copies --seeds 3 --out runs/sa",
        "mcover run --rule mc --n 1001 --alpha 1 --beta 1 --sweeps 4000 --copies 4 --out runs/gibbs",
        "mcover bench --n 1001 --alpha 0.6 --copies 8 --epochs 50 --k 15 --threads 1",
        "mcover bench --rule mc --n 1001 --alpha 1 --copies 8 --sweeps 50 --kernel ring:sigma=1",
        "mcover theory --task teacher --alpha 0.05:0.05:3 --out runs/theory",
        "mcover sweep --preset comparison --out runs/comparison",
        "mcover run --task teacher --rule cpr --n 1001 --alpha 1.5 --copies 8 --coupling replicated --gamma 0.0001 --gamma-step 0.00002 --trace --out runs/replicated",
        "mcover run --model mlp --widths 5 --task teacher --teacher-widths 5 --n 201 --alpha 4 --rule bop --copies 4 --kernel ring:sigma=1 --granularity unit --epochs 20 --out runs/mlp-teacher",
    ];

    /// <summary>Entry point; returns 0 on success, 2 on bad input, 1 on an unexpected failure.</summary>
    public static int Main(string[] args) => Invoke(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with explicit writers (used by tests).</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stderr);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            var command = parsed.CommandResult.Command == root ? "mcover" : $"mcover {parsed.CommandResult.Command.Name}";
            stderr.WriteLine($"mcover: {error.Message}  (see {command} --help)");
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"mcover: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"mcover: {e.Message}");
            return 1;
        }
    }

    /// <summary>The command tree.</summary>
    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "mcover — binary perceptrons, committee machines and multilayer perceptrons (STE, BOP on Fashion-MNIST or a teacher MLP) trained by clipped-perceptron rules (CP, CP+R, SBPI, clipped Hebb; " +
            "least action for committees) and message passing (AMP, reinforced BP) or sampled by Metropolis (Gibbs learning, simulated annealing, " +
            "replica exchange), M copies at a time: independent, on M-cover lifts, or coupled (replicated, output consensus); order parameters " +
            "R, ε_g, q_ab over α sweeps, replica-symmetric theory curves, connectivity of solutions, plots; sweeps that resume and run on SLURM.\n\nExamples:\n  " + string.Join("\n  ", Examples));
        root.Subcommands.Add(RunCommands.Run(stdout, stderr));
        root.Subcommands.Add(RunCommands.Sweep(stdout, stderr));
        root.Subcommands.Add(RunCommands.Merge(stdout, stderr));
        root.Subcommands.Add(SlurmCommand.Build(stdout, stderr));
        root.Subcommands.Add(ExtrapolateCommand.Build(stdout));
        root.Subcommands.Add(BenchCommand.Build(stdout));
        root.Subcommands.Add(PlotCommand.Build(stdout));
        root.Subcommands.Add(TheoryCommand.Build(stdout, stderr));
        root.Subcommands.Add(ConnectCommand.Build(stdout, stderr));
        root.Subcommands.Add(KernelCommand.Build(stdout));
        root.Subcommands.Add(AtlasCommand.Build(stdout));
        root.Subcommands.Add(MlpReportCommand.Build(stdout));
        return root;
    }
}
