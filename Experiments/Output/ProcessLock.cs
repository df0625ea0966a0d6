using System.Globalization;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// An exclusive claim on a directory (run.lock) or a shard (shards/shard-I-of-N.lock): a file created with
/// CreateNew holding "PID HOST". A claim whose process is gone (same host, PID not alive: a sweep killed by
/// kill -9, an out-of-memory kill, a node reboot) is stale and is taken over; a live one refuses.
/// </summary>
public static class ProcessLock
{
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
    /// Claims <paramref name="path"/>; a stale claim is moved aside (reported on <paramref name="log"/>) and taken
    /// over. A live claim, or one from another host, is a usage error naming <paramref name="field"/>.
    /// </summary>
    public static void Acquire(string path, string field, string value, TextWriter log)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var claim = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(claim);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName}"));
                return;
            }
            catch (IOException) when (File.Exists(path) && attempt < 3)
            {
                var (pid, host) = Owner(path);
                if (pid is null || host != Environment.MachineName || IsAlive(pid.Value))
                    throw UsageException.Field(field, value, $"is in use by another run ({Path.GetFileName(path)}) of pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "?"} on {host ?? "?"}; delete it if that run is gone");
                // Rename, not delete: of two processes finding the same stale claim only one can move it.
                try { File.Move(path, $"{path}.stale.{pid}", overwrite: false); }
                catch (IOException) { continue; }
                log.WriteLine($"mcover: {Path.GetFileName(path)} of process {pid} (no longer running) was stale; taking over");
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
