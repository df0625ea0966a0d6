using System.Buffers.Binary;
using System.IO.Compression;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// The idx format of MNIST-like data (LeCun et al.): a big-endian magic 0x00 0x00 type rank, rank big-endian 32-bit
/// sizes, then the values; here type 0x08 (unsigned bytes), optionally gzipped.
/// </summary>
public static class IdxFile
{
    /// <summary>Reads an idx file of unsigned bytes with the expected rank and sizes (null: any size on that axis).</summary>
    /// <exception cref="InvalidDataException">The magic number, rank, a size or the length is not as expected (one line naming the file).</exception>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static byte[] Read(string path, params int?[] expected)
    {
        byte[] raw;
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            raw = memory.ToArray();
        }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: not a readable gzip file ({e.Message})"); }
        return Parse(raw, path, expected);
    }

    /// <summary>Checks and strips the header of an in-memory idx file.</summary>
    public static byte[] Parse(byte[] raw, string path, params int?[] expected)
    {
        int rank = expected.Length;
        if (raw.Length < 4 + 4 * rank) throw new InvalidDataException($"{path}: {raw.Length} bytes, too short for an idx header of rank {rank}");
        if (raw[0] != 0 || raw[1] != 0 || raw[2] != 0x08 || raw[3] != rank)
            throw new InvalidDataException($"{path}: magic number {raw[0]:X2}{raw[1]:X2}{raw[2]:X2}{raw[3]:X2}, expected 000008{rank:X2} (unsigned bytes, rank {rank})");
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4 + 4 * d));
            if (size < 0 || (expected[d] is { } e && size != e))
                throw new InvalidDataException($"{path}: size {size} on axis {d}, expected {expected[d]}");
            count *= size;
        }
        int header = 4 + 4 * rank;
        if (raw.Length - header != count)
            throw new InvalidDataException($"{path}: {raw.Length - header} data bytes, the header announces {count}");
        return raw.AsSpan(header).ToArray();
    }
}
