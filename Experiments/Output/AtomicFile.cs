namespace MCoverPhysics.Experiments.Output;

/// <summary>Writes files so that a reader never sees a partial one: write to a temp name beside it, then rename.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> via a temp file; refuses to overwrite unless <paramref name="overwrite"/>.</summary>
    public static void WriteAllText(string path, string text, bool overwrite = false) => Write(path, tmp =>
    {
        using var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }, overwrite);

    /// <summary>
    /// Lets <paramref name="write"/> fill a temp file beside <paramref name="path"/>, then renames it into place (refusing
    /// to overwrite unless <paramref name="overwrite"/>: figures are redrawn in place); the temp file never outlives the call.
    /// </summary>
    public static void Write(string path, Action<string> write, bool overwrite = false)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            write(tmp);
            File.Move(tmp, path, overwrite);
        }
        finally
        {
            File.Delete(tmp); // no-op after a successful move
        }
    }
}
