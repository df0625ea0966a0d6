using System.IO.Compression;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Tests.Models;

[TestClass]
public sealed class IdxFileTests
{
    private static byte[] Idx(byte type, int[] sizes, int dataBytes)
    {
        var header = new List<byte> { 0, 0, type, (byte)sizes.Length };
        foreach (int s in sizes) header.AddRange([(byte)(s >> 24), (byte)(s >> 16), (byte)(s >> 8), (byte)s]);
        return [.. header, .. Enumerable.Range(0, dataBytes).Select(i => (byte)(i % 251))];
    }

    [TestMethod]
    public void AWellFormedFileGivesItsValues()
    {
        var data = IdxFile.Parse(Idx(8, [3, 2, 2], 12), "x", 3, 2, 2);
        CollectionAssert.AreEqual(Enumerable.Range(0, 12).Select(i => (byte)i).ToArray(), data);
    }

    [TestMethod]
    [DataRow((byte)9, new[] { 3, 2, 2 }, 12, "magic number")]       // signed bytes, not unsigned
    [DataRow((byte)8, new[] { 4, 2, 2 }, 16, "size 4 on axis 0")]   // wrong image count
    [DataRow((byte)8, new[] { 3, 2, 2 }, 11, "data bytes")]         // truncated
    [DataRow((byte)8, new[] { 3, 2 }, 6, "magic number")]           // wrong rank
    public void AFileThatIsNotAsExpectedIsRefusedNamingIt(byte type, int[] sizes, int bytes, string problem)
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => IdxFile.Parse(Idx(type, sizes, bytes), "images.idx", 3, 2, 2));
        Assert.Contains("images.idx", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [TestMethod]
    public void AGzippedFileIsReadAndAGarbledOneRefused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mcover-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var good = Path.Combine(dir, "labels.gz");
            using (var f = File.Create(good))
            using (var z = new GZipStream(f, CompressionLevel.Fastest)) z.Write(Idx(8, [5], 5));
            Assert.HasCount(5, IdxFile.Read(good, 5));
            var bad = Path.Combine(dir, "bad.gz");
            File.WriteAllBytes(bad, [1, 2, 3, 4, 5, 6]);
            Assert.ThrowsExactly<InvalidDataException>(() => IdxFile.Read(bad, 5));
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>The Debian package's files: 60 000 + 10 000 images, 10 classes, 6 000 training images per class.</summary>
    [TestMethod]
    public void FashionMnistHasItsPublishedSizes()
    {
        if (FashionMnist.MissingFile(FashionMnist.DefaultDirectory) is { } missing)
            Assert.Inconclusive($"{missing} is missing: apt-get install dataset-fashion-mnist");
        var all = FashionMnist.Load(ClassSelection.All, FashionMnist.DefaultDirectory);
        Assert.AreEqual(60_000, all.P);
        Assert.AreEqual(10_000, all.TestInputs.Rows);
        Assert.AreEqual(784, all.N);
        Assert.AreEqual(10, all.Outputs);
        for (int c = 0; c < 10; c++) Assert.AreEqual(6_000, all.Labels.Count(y => y == c), $"class {c}");
        var pair = FashionMnist.Load(new ClassSelection(3, 5), FashionMnist.DefaultDirectory);
        Assert.AreEqual(12_000, pair.P);
        Assert.AreEqual(1, pair.Outputs);
        var parity = FashionMnist.Load(ClassSelection.Parity, FashionMnist.DefaultDirectory);
        Assert.AreEqual(30_000, parity.Labels.Count(y => y == 1));
        // Centred signs: about half the pixels of an image are above their mean, not almost all −1 as a fixed threshold gives.
        double plus = Enumerable.Range(0, 1000).Average(mu => all.Inputs.Row(mu).ToArray().Sum(w => System.Numerics.BitOperations.PopCount(w)) / 784.0);
        Assert.IsTrue(plus is > 0.2 and < 0.8, $"fraction of +1 inputs {plus}");
    }
}
