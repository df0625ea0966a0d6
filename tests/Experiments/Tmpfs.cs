using System.Diagnostics;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// A small tmpfs mounted on a fresh directory (Linux, root): a full disk or a read-only file system on demand. Always
/// unmounted on dispose (checked against /proc/mounts) and the directory removed.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string dir) => Dir = dir;

    /// <summary>The mount point.</summary>
    public string Dir { get; }

    /// <summary>Mounts a tmpfs with <paramref name="options"/> ("size=300k", "ro,size=64k") on a fresh directory; null, with
    /// the reason in <paramref name="why"/>, where that is not possible (not Linux, not root, no mount, a container without the right).</summary>
    public static Tmpfs? TryMount(string options, out string why)
    {
        why = "";
        if (!OperatingSystem.IsLinux()) { why = "tmpfs mounts need Linux"; return null; }
        if (Environment.UserName != "root") { why = $"mounting a tmpfs needs root (running as {Environment.UserName})"; return null; }
        var dir = Cli.TempDir();
        Directory.CreateDirectory(dir);
        var (code, err) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir);
        if (code != 0 || !IsMounted(dir))
        {
            Directory.Delete(dir);
            why = $"mount -t tmpfs -o {options} failed (exit {code}): {err.Trim()}";
            return null;
        }
        return new Tmpfs(dir);
    }

    /// <summary>Changes the options of the mounted file system (e.g. "size=8m" to give a full disk room).</summary>
    public void Remount(string options)
    {
        var (code, err) = Run("mount", "-o", "remount," + options, Dir);
        if (code != 0) throw new InvalidOperationException($"mount -o remount,{options} {Dir} failed: {err}");
    }

    /// <summary>Whether <paramref name="dir"/> is a mount point listed in /proc/mounts (octal escapes such as \040 decoded).</summary>
    public static bool IsMounted(string dir)
    {
        var full = Path.GetFullPath(dir).TrimEnd('/');
        return File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2)
            .Any(f => System.Text.RegularExpressions.Regex.Replace(f[1], @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString()) == full);
    }

    /// <summary>Unmounts (lazily if busy) and deletes the mount point.</summary>
    public void Dispose()
    {
        if (IsMounted(Dir) && Run("umount", Dir).Code != 0) Run("umount", "-l", Dir);
        if (!IsMounted(Dir)) Directory.Delete(Dir, recursive: true);
    }

    private static (int Code, string Err) Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, err);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
