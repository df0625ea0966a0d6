using System.Text;
using System.Text.Json;

namespace MCoverPhysics.Experiments.Config;

/// <summary>Where and why a config file is not valid JSON: "config FILE: line L, column C: not valid JSON: why".</summary>
internal static class JsonErrors
{
    /// <summary>The usage error for <paramref name="e"/>, raised parsing <paramref name="json"/> read from <paramref name="source"/>.</summary>
    public static UsageException Invalid(string source, string json, JsonException e)
    {
        string why = Reason(e.Message);
        if (e.LineNumber is not long line || e.BytePositionInLine is not long bytes) return new UsageException($"config {source} is not valid JSON: {why}");
        return new UsageException($"config {source}: line {line + 1}, column {Column(json, line, bytes)}: not valid JSON: {why}");
    }

    /// <summary>The parser's message without its trailing "Path: … | LineNumber: … | BytePositionInLine: …." (said as line and
    /// column), on one line (a quoted literal may span lines: its line breaks are written \n).</summary>
    internal static string Reason(string message)
    {
        int cut = message.Length;
        foreach (var marker in new[] { " Path: ", " LineNumber: ", " BytePositionInLine: " })
            if (message.IndexOf(marker, StringComparison.Ordinal) is var i and >= 0) cut = Math.Min(cut, i);
        return message[..cut].TrimEnd().TrimEnd('.', '|').TrimEnd().Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>The 1-based character column of byte offset <paramref name="bytes"/> (the parser counts UTF-8 bytes) in line
    /// <paramref name="line"/> (0-based, lines split at '\n') of <paramref name="json"/>.</summary>
    internal static long Column(string json, long line, long bytes)
    {
        var lines = json.Split('\n');
        if (line >= lines.Length) return bytes + 1;
        var encoded = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(encoded, 0, (int)Math.Min(bytes, encoded.Length)) + 1 + Math.Max(0, bytes - encoded.Length);
    }
}
