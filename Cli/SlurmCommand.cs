using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Output;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments.Cli;

/// <summary>
/// <c>mcover slurm</c>: writes (and with --submit submits) a SLURM job array whose task I runs
/// <c>mcover sweep --shard I/N</c> of one config into one shared directory; <c>mcover merge DIR</c> finishes it.
/// </summary>
internal static partial class SlurmCommand
{
    /// <summary>Name of the generated script inside DIR/slurm/.</summary>
    public const string ScriptName = "mcover-array.sbatch";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("slurm",
            "write a SLURM job array (DIR/slurm/mcover-array.sbatch) that runs the sweep of --config in --array shards into --out DIR; " +
            "--submit runs sbatch and prints the job id; when all array tasks are done, `mcover merge DIR` writes the results");
        var config = new Option<string>("--config") { Description = "sweep config file (flat JSON object, as for mcover sweep); copied to DIR/slurm/config.json", Required = true };
        var array = new Option<int>("--array") { Description = "number of array tasks N (shards 0 … N−1, balanced by estimated cost N·P·M·epochs)", Required = true };
        var partition = new Option<string?>("--partition") { Description = "SLURM partition (#SBATCH --partition); default: the cluster's" };
        var time = new Option<string?>("--time") { Description = "wall-time limit per array task, e.g. 02:00:00 or 1-00:00:00 (#SBATCH --time)" };
        var mem = new Option<string?>("--mem") { Description = "memory per array task, e.g. 4G (#SBATCH --mem)" };
        var cpus = new Option<int>("--cpus") { Description = "cores per array task (#SBATCH --cpus-per-task; the sweep's --threads)", DefaultValueFactory = _ => 1 };
        var @out = new Option<string>("--out") { Description = "output directory shared by every array task (on a file system all nodes see)", Required = true };
        var submit = new Option<bool>("--submit") { Description = "submit the script with sbatch and print the job id" };
        var mcover = new Option<string?>("--mcover") { Description = "command that runs mcover on the compute nodes; default: this mcover" };
        foreach (var o in new Option[] { config, array, partition, time, mem, cpus, @out, submit, mcover }) command.Options.Add(o);
        command.SetAction(parse => Execute(parse.GetValue(config)!, parse.GetValue(array), parse.GetValue(partition), parse.GetValue(time), parse.GetValue(mem),
            parse.GetValue(cpus), parse.GetValue(@out)!, parse.GetValue(submit), parse.GetValue(mcover), stdout, stderr));
        return command;
    }

    [GeneratedRegex(@"^(\d+-)?\d+(:\d+){0,2}$")]
    private static partial Regex TimePattern();
    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemPattern();
    [GeneratedRegex(@"^[A-Za-z0-9_.,-]+$")]
    private static partial Regex PartitionPattern();

    private static int Execute(string configPath, int array, string? partition, string? time, string? mem, int cpus, string outDir, bool submit, string? mcover,
        TextWriter stdout, TextWriter stderr)
    {
        if (array < 1) throw UsageException.Field("array", array.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (cpus < 1) throw UsageException.Field("cpus", cpus.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
        if (time is not null && !TimePattern().IsMatch(time)) throw UsageException.Field("time", time, "is not a SLURM time; expected minutes, HH:MM:SS or D-HH:MM:SS");
        if (mem is not null && !MemPattern().IsMatch(mem)) throw UsageException.Field("mem", mem, "is not a SLURM memory size; expected e.g. 4000, 500M, 4G");
        if (partition is not null && !PartitionPattern().IsMatch(partition)) throw UsageException.Field("partition", partition, "is not a partition name (letters, digits, _ . , -)");
        var spec = RunCommands.ReadSpec(configPath, null);
        var tasks = spec.Expand(); // a bad config fails here, not on the cluster
        if (array > tasks.Count) throw UsageException.Field("array", array.ToString(CultureInfo.InvariantCulture), $"exceeds the {tasks.Count} tasks of the sweep");
        ResultWriter.CheckFresh(outDir, ResultWriter.Files, "a run");
        var dir = Path.GetFullPath(outDir);
        var slurmDir = Path.Combine(dir, "slurm");
        ResultWriter.CreateDirectory(Path.Combine(slurmDir, "logs"));
        ResultWriter.CheckWritable(dir);
        TaskStore.Open(dir, spec, tasks, trace: false); // the manifest every shard checks against
        var copied = Path.Combine(slurmDir, "config.json");
        var text = File.ReadAllText(configPath);
        if (File.Exists(copied) && File.ReadAllText(copied) != text)
            throw UsageException.Field("out", outDir, "already holds a different slurm/config.json; choose a new directory");
        if (!File.Exists(copied)) AtomicFile.WriteAllText(copied, text);
        var script = Path.Combine(slurmDir, ScriptName);
        AtomicFile.Write(script, tmp => File.WriteAllText(tmp, Script(array, partition, time, mem, cpus, dir, copied, mcover ?? DefaultMcover(), tasks.Count)), overwrite: true);
        if (!submit)
        {
            stdout.WriteLine($"wrote {script} ({array} array tasks, {tasks.Count} tasks); submit with: sbatch {script}; when every array task is done: mcover merge {outDir}");
            return 0;
        }
        var (code, output, error) = Sbatch(script);
        if (code != 0) throw new IOException($"sbatch {script} failed (exit {code}): {error.Trim()}");
        var jobId = output.Trim().Split(';')[0];
        stdout.WriteLine(jobId);
        stderr.WriteLine($"mcover: submitted job array {jobId} (tasks 0-{array - 1}); logs in {Path.Combine(slurmDir, "logs")}; when it is done: mcover merge {outDir}");
        return 0;
    }

    /// <summary>The sbatch array script: task $SLURM_ARRAY_TASK_ID runs shard $SLURM_ARRAY_TASK_ID/N; one log line per finished task.</summary>
    internal static string Script(int array, string? partition, string? time, string? mem, int cpus, string dir, string config, string mcover, int taskCount)
    {
        static string Q(string s) => "'" + s.Replace("'", "'\\''") + "'";
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=mcover-sweep\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{array - 1}\n");
        sb.Append("#SBATCH --ntasks=1\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{Path.Combine(dir, "slurm", "logs", $"shard-%a-of-{array}.log")}\"\n");
        if (partition is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        if (time is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        if (mem is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={mem}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Written by mcover {Provenance.Version} ({Provenance.Commit}): {taskCount} tasks in {array} cost-balanced shards into {dir}.\n");
        sb.Append("# A shard that is killed or times out resumes where it stopped when resubmitted (sbatch --array=I this-script).\n");
        sb.Append(CultureInfo.InvariantCulture, $"# When every array task is done: mcover merge {Q(dir)}\n");
        sb.Append("set -euo pipefail\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"exec {mcover} sweep --config {Q(config)} --shard \"${{SLURM_ARRAY_TASK_ID}}/{array}\" --threads \"${{SLURM_CPUS_PER_TASK:-{cpus}}}\" --out {Q(dir)}\n");
        return sb.ToString();
    }

    /// <summary>This mcover as a shell command: <c>'dotnet' '/path/mcover.dll'</c> (the host that runs us, else dotnet on PATH).</summary>
    private static string DefaultMcover()
    {
        var dll = typeof(Program).Assembly.Location;
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return $"'{host}' '{dll}'";
    }

    private static (int Code, string Out, string Err) Sbatch(string script)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--parsable");
        start.ArgumentList.Add(script);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new IOException($"cannot run sbatch ({e.Message}); is SLURM installed on this machine?"); }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
