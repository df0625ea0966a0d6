using System.Globalization;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// A sweep that could not write (a full disk, an I/O error) after it began: the task records already in DIR/tasks are
/// whole (each is written to a temp file and renamed) and a rerun of the same command resumes from them to the same
/// results, so the failure is one line saying what failed, how many tasks are saved and to rerun (exit 1), not a stack trace.
/// </summary>
public static class WriteFailure
{
    private static readonly AsyncLocal<Func<string, IOException?>?> Injected = new();

    /// <summary>The root I/O failure inside <paramref name="e"/> (an <see cref="AggregateException"/> of parallel workers, or
    /// an <see cref="IOException"/> wrapping another), or null when it is not an I/O failure.</summary>
    public static IOException? Find(Exception e)
    {
        if (e is AggregateException aggregate) return aggregate.Flatten().InnerExceptions.Select(Find).FirstOrDefault(x => x is not null);
        if (e is not IOException io) return e.InnerException is { } inner ? Find(inner) : null;
        return io.InnerException is { } cause && Find(cause) is { } root ? root : io;
    }

    /// <summary>Whether <paramref name="e"/> is a full disk: ENOSPC (28) on Unix, ERROR_DISK_FULL (0x70) or ERROR_HANDLE_DISK_FULL (0x27) on Windows.</summary>
    public static bool IsDiskFull(IOException e)
        => e.HResult == 28 || (e.HResult & 0xFFFF) is 0x70 or 0x27 || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);

    /// <summary>The one line reported for <paramref name="e"/> in a sweep of <paramref name="total"/> tasks into <paramref name="dir"/>.</summary>
    public static string Line(IOException e, string dir, int total)
    {
        var tasks = Path.Combine(dir, TaskStore.TasksDir);
        int saved = Directory.Exists(tasks) ? Directory.EnumerateFiles(tasks, "task-*.json").Count() : 0;
        string why = (IsDiskFull(e) ? "the disk is full: " : "") + e.Message.ReplaceLineEndings(" ");
        return string.Create(CultureInfo.InvariantCulture,
            $"mcover: writing to {dir} failed ({why}); {saved} of {total} tasks are saved in {tasks}; free space and rerun the same command to resume");
    }

    /// <summary>Tests: every record write in this async flow first asks <paramref name="fault"/>, which may return an exception to throw.</summary>
    internal static IDisposable Inject(Func<string, IOException?> fault)
    {
        Injected.Value = fault;
        return new Reset();
    }

    /// <summary>The seam: throws the injected fault for a write of <paramref name="path"/>, if any.</summary>
    internal static void Check(string path)
    {
        if (Injected.Value?.Invoke(path) is { } e) throw e;
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Injected.Value = null;
    }
}
