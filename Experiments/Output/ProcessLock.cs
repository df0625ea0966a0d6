using System.Globalization;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// An exclusive claim on a directory (run.lock) or a shard (shards/shard-I-of-N.lock): a file created with
/// CreateNew holding "PID HOST", whose modification time the holder refreshes every <see cref="Heartbeat"/>.
/// A claim is stale, and is taken over, when its process is gone (same host, PID not alive: kill -9, an
/// out-of-memory kill) or when its heartbeat is older than <see cref="StaleAfter"/> (any host: a node that died or a
/// job killed at its time limit, whose shard is resubmitted on another node). A live claim refuses.
/// </summary>
public sealed class ProcessLock : IDisposable
{
    /// <summary>How often a holder touches its claim.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    /// <summary>A claim not touched for this long is stale on any host.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    private readonly string _path;
    private readonly Timer _heartbeat;

    private ProcessLock(string path)
    {
        _path = path;
        _heartbeat = new Timer(_ =>
        {
            try { File.SetLastWriteTimeUtc(_path, DateTime.UtcNow); }
            catch (IOException) { } // a lost heartbeat only makes the claim look older
        }, null, Heartbeat, Heartbeat);
    }

    /// <summary>Gives up the claim.</summary>
    public void Dispose()
    {
        _heartbeat.Dispose();
        File.Delete(_path);
    }

    /// <summary>Whether <paramref name="path"/> is a live claim of another writer: present, not of a process gone from this host,
    /// and touched within <see cref="StaleAfter"/>.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        var (pid, host) = Owner(path);
        bool deadHere = pid is not null && host == Environment.MachineName && !IsAlive(pid.Value);
        return !deadHere && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < StaleAfter;
    }

    /// <summary>Whether process <paramref name="pid"/> runs on this machine.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Claims <paramref name="path"/>; a stale claim is moved aside, deleted (reported on <paramref name="log"/>) and taken
    /// over. A live claim is a usage error naming <paramref name="name"/> as the user wrote it ("--out", or "DIR" for merge).
    /// </summary>
    public static ProcessLock Acquire(string path, string name, string value, TextWriter log)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using (var claim = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new StreamWriter(claim))
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName}"));
                return new ProcessLock(path);
            }
            catch (IOException) when (File.Exists(path) && attempt >= 3)
            {
                throw UsageException.Named(name, value, $"cannot be claimed: {Path.GetFileName(path)} keeps reappearing (another run taking it over?); try again");
            }
            catch (IOException) when (File.Exists(path))
            {
                var (pid, host) = Owner(path);
                var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
                bool deadHere = pid is not null && host == Environment.MachineName && !IsAlive(pid.Value);
                if (!deadHere && age < StaleAfter)
                    throw UsageException.Named(name, value, $"is in use by another run ({Path.GetFileName(path)}) of pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "?"} on {host ?? "?"}; delete it if that run is gone");
                // Rename, not delete: of two processes finding the same stale claim only one can move it; the mover then deletes it.
                string aside = $"{path}.stale.{pid}.{Guid.NewGuid():N}"; // unique: PIDs repeat across nodes and reboots
                try { File.Move(path, aside, overwrite: false); }
                catch (IOException) { continue; }
                try { File.Delete(aside); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a leftover only costs a file
                log.WriteLine(deadHere
                    ? $"mcover: {Path.GetFileName(path)} of process {pid} (no longer running) was stale; taking over"
                    : $"mcover: {Path.GetFileName(path)} of process {pid} on {host} was stale (no heartbeat for {age.TotalMinutes:F0} min); taking over");
            }
        }
    }

    private static (int? Pid, string? Host) Owner(string path)
    {
        try
        {
            var parts = File.ReadAllText(path).Split(' ', 2, StringSplitOptions.TrimEntries);
            int? pid = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : null;
            // Claims written before the host was recorded hold the PID alone: they were taken on this host.
            return (pid, parts.Length > 1 ? parts[1] : Environment.MachineName);
        }
        catch (IOException)
        {
            return (null, null);
        }
    }
}
