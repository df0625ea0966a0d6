using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MCoverPhysics.Experiments.Output;

namespace MCoverPhysics.Tests.Experiments;

/// <summary><c>mcover slurm</c>: the array script, run by bash and by a real single-node SLURM started here.</summary>
[TestClass]
public sealed class SlurmTests
{
    private const string Config = """{"n": [101, 201], "alpha": [0.5, 1], "copies": 3, "epochs": 60, "seeds": 3}""";

    private static string WriteConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mcover-slurm-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Config);
        return path;
    }

    private static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, int timeoutSeconds = 60)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            return (-1, output.Result, err.Result + $" (timed out after {timeoutSeconds} s)");
        }
        return (p.ExitCode, output.Result, err.Result);
    }

    [TestMethod]
    public void TheArrayScriptRunsEachShardAndMergesToTheSingleMachineRun()
    {
        var config = WriteConfig();
        var single = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--config", config, "--out", single, "--quiet").Code);
        var dir = Cli.TempDir();
        var (code, stdout, err) = Cli.Mcover("slurm", "--config", config, "--array", "4", "--partition", "short", "--time", "00:10:00", "--mem", "1G", "--cpus", "2", "--out", dir);
        Assert.AreEqual(0, code, err);
        var script = Path.Combine(dir, "slurm", "mcover-array.sbatch");
        StringAssert.Contains(stdout, $"submit with: sbatch {script}");
        var text = File.ReadAllText(script);
        foreach (var line in new[] { "#SBATCH --array=0-3", "#SBATCH --partition=short", "#SBATCH --time=00:10:00", "#SBATCH --mem=1G", "#SBATCH --cpus-per-task=2",
            "--shard \"${SLURM_ARRAY_TASK_ID}/4\"", $"--config '{Path.Combine(Path.GetFullPath(dir), "slurm", "config.json")}'" })
            StringAssert.Contains(text, line);
        Assert.AreEqual(Config, File.ReadAllText(Path.Combine(dir, "slurm", "config.json")), "the config is copied verbatim");
        // What sbatch does per array task, without SLURM: run the script with the task id set.
        var tasks = MCoverPhysics.Experiments.Config.SweepSpec.FromJson(Config, "test").Expand();
        for (int i = 0; i < 4; i++)
        {
            var (rc, _, log) = Run("bash", [script], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = i.ToString(CultureInfo.InvariantCulture) });
            Assert.AreEqual(0, rc, log);
            int mine = MCoverPhysics.Experiments.Running.SweepPlan.Select(tasks, new(i, 4)).Count;
            Assert.AreEqual(mine, log.Split('\n').Count(l => l.StartsWith('[')), $"one log line per task of the shard: {log}");
        }
        Assert.AreEqual(0, Cli.Mcover("merge", dir).Code);
        SweepResumeTests.AssertSameResults(single, dir);
        File.Delete(config);
        Directory.Delete(single, true);
        Directory.Delete(dir, true);
    }

    [TestMethod]
    [DataRow("--array", "0", "--array '0' must be ≥ 1")]
    [DataRow("--array", "13", "--array '13' exceeds the 12 tasks of the sweep")]
    [DataRow("--time", "2 hours", "--time '2 hours' is not a SLURM time")]
    [DataRow("--mem", "4GB", "--mem '4GB' is not a SLURM memory size")]
    [DataRow("--partition", "a;rm", "--partition 'a;rm' is not a partition name")]
    public void BadSlurmOptionsAreUsageErrors(string flag, string value, string message)
    {
        var config = WriteConfig();
        var dir = Cli.TempDir();
        string[] args = flag == "--array" ? ["slurm", "--config", config, "--out", dir, flag, value] : ["slurm", "--config", config, "--array", "2", "--out", dir, flag, value];
        var (code, _, err) = Cli.Mcover(args);
        Assert.AreEqual(2, code);
        StringAssert.StartsWith(err, $"mcover: {message}");
        Assert.IsFalse(Directory.Exists(dir), "nothing written");
        File.Delete(config);
    }

    /// <summary>Starts munged, slurmctld and slurmd in a temp state directory; the reason when it cannot.</summary>
    private sealed class SingleNodeSlurm : IDisposable
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), $"mcover-slurmd-{Guid.NewGuid():N}"[..28]);
        public string Conf => Path.Combine(Root, "slurm.conf");
        public string? Failure { get; private set; }
        private readonly List<string> _pidFiles = [];

        private static string? Which(string name)
            => new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
        private static bool Linux => OperatingSystem.IsLinux();

        public SingleNodeSlurm()
        {
            var missing = new[] { "munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo" }.Where(t => Which(t) is null).ToList();
            if (missing.Count > 0) { Failure = $"SLURM is not installed ({string.Join(", ", missing)} missing; apt-get install slurm-wlm munge)"; return; }
            if (!Linux) { Failure = "SLURM runs on Linux"; return; }
            if (Environment.UserName != "root") { Failure = $"the daemons need root (running as {Environment.UserName})"; return; }
            var munge = Path.Combine(Root, "munge");
            Directory.CreateDirectory(munge);
            foreach (var d in new[] { "state", "spool", "log" }) Directory.CreateDirectory(Path.Combine(Root, d));
            File.SetUnixFileMode(munge, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var key = Path.Combine(munge, "munge.key");
            File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
            File.SetUnixFileMode(key, UnixFileMode.UserRead);
            var socket = Path.Combine(munge, "munge.socket");
            string host = Environment.MachineName;
            File.WriteAllText(Conf, $"""
                ClusterName=mcovertest
                SlurmctldHost={host}(127.0.0.1)
                SlurmUser=root
                SlurmdUser=root
                SlurmctldPort={FreePort()}
                SlurmdPort={FreePort()}
                AuthType=auth/munge
                AuthInfo=socket={socket}
                CredType=cred/munge
                StateSaveLocation={Root}/state
                SlurmdSpoolDir={Root}/spool
                SlurmctldPidFile={Root}/slurmctld.pid
                SlurmdPidFile={Root}/slurmd.pid
                SlurmctldLogFile={Root}/log/slurmctld.log
                SlurmdLogFile={Root}/log/slurmd.log
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_CPU
                JobAcctGatherType=jobacct_gather/none
                AccountingStorageType=accounting_storage/none
                MpiDefault=none
                ReturnToService=2
                NodeName={host} NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} State=UNKNOWN
                PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP

                """);
            Start("munged", [$"--key-file={key}", $"--socket={socket}", $"--pid-file={munge}/munged.pid", $"--log-file={munge}/munged.log", $"--seed-file={munge}/seed", "--force"], $"{munge}/munged.pid");
            Start("slurmctld", ["-f", Conf], $"{Root}/slurmctld.pid");
            Start("slurmd", ["-f", Conf, "-N", host], $"{Root}/slurmd.pid");
            if (Failure is not null) return;
            var clock = Stopwatch.StartNew();
            string state = "";
            while (clock.Elapsed.TotalSeconds < 30)
            {
                state = Run(Which("sinfo")!, ["-h", "-o", "%T"], Env).Out.Trim();
                if (state == "idle") return;
                Thread.Sleep(250);
            }
            Failure = $"the node did not become idle in 30 s (state '{state}'): {Tail("log/slurmctld.log")} {Tail("log/slurmd.log")}";
        }

        public Dictionary<string, string> Env => new() { ["SLURM_CONF"] = Conf };

        private void Start(string daemon, string[] args, string pidFile)
        {
            if (Failure is not null) return;
            _pidFiles.Add(pidFile);
            var (code, _, err) = Run(Which(daemon)!, args, Env, 20);
            if (code != 0) Failure = $"{daemon} failed to start (exit {code}): {err.Trim()} {Tail("log/" + daemon + ".log")}";
        }

        public string Tail(string log)
        {
            var path = Path.Combine(Root, log);
            return File.Exists(path) ? string.Join(" | ", File.ReadAllLines(path).TakeLast(5)) : "";
        }

        public void Dispose()
        {
            foreach (var pidFile in Enumerable.Reverse(_pidFiles))
            {
                for (int k = 0; k < 20 && !File.Exists(pidFile); k++) Thread.Sleep(50);
                if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) continue;
                try
                {
                    using var p = Process.GetProcessById(pid);
                    p.Kill();
                    p.WaitForExit(5000);
                }
                catch (ArgumentException) { } // already gone
            }
            try { Directory.Delete(Root, true); } catch (IOException) { } // a daemon may still be flushing its log
        }
    }

    [TestMethod]
    [Timeout(150_000, CooperativeCancellation = true)]
    public void AFourTaskArrayOnARealSingleNodeSlurmMergesToTheSingleMachineRun()
    {
        using var slurm = new SingleNodeSlurm();
        if (slurm.Failure is not null) Assert.Inconclusive($"SLURM could not be started here: {slurm.Failure}");
        var config = WriteConfig();
        var single = Cli.TempDir();
        Assert.AreEqual(0, Cli.Mcover("sweep", "--config", config, "--out", single, "--quiet").Code);
        var dir = Cli.TempDir();
        var previous = Environment.GetEnvironmentVariable("SLURM_CONF");
        Environment.SetEnvironmentVariable("SLURM_CONF", slurm.Conf); // sbatch, run by mcover slurm --submit, reads it
        string jobId;
        try
        {
            var (code, stdout, err) = Cli.Mcover("slurm", "--config", config, "--array", "4", "--out", dir, "--submit");
            Assert.AreEqual(0, code, err);
            jobId = stdout.Trim();
            Assert.IsTrue(int.TryParse(jobId, out _), $"sbatch --parsable prints the job id: '{stdout}'");
            StringAssert.Contains(err, $"submitted job array {jobId} (tasks 0-3)");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SLURM_CONF", previous);
        }
        var clock = Stopwatch.StartNew();
        string queue;
        do
        {
            Thread.Sleep(500);
            queue = Run("squeue", ["-h", "-j", jobId], slurm.Env).Out.Trim();
        } while (queue.Length > 0 && clock.Elapsed.TotalSeconds < 100);
        Assert.AreEqual("", queue, $"the array finished within 100 s; {slurm.Tail("log/slurmctld.log")}");
        var logs = Directory.GetFiles(Path.Combine(dir, "slurm", "logs"), "shard-*-of-4.log");
        Assert.HasCount(4, logs, "one log per array task");
        foreach (var log in logs) StringAssert.Contains(File.ReadAllText(log), "tasks/s ETA", $"one line per task: {File.ReadAllText(log)}");
        Assert.HasCount(4, Directory.GetFiles(Path.Combine(dir, TaskStore.ShardsDir), "shard-*-of-4.json"), "every shard marked done");
        var (merged, _, err2) = Cli.Mcover("merge", dir);
        Assert.AreEqual(0, merged, err2);
        SweepResumeTests.AssertSameResults(single, dir);
        File.Delete(config);
        Directory.Delete(single, true);
        Directory.Delete(dir, true);
    }
}
