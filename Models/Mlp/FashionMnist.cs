using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf, arXiv 1708.07747): 60 000 training and 10 000 test images of 28×28 grey pixels,
/// 10 classes, read from the gzipped idx files of the Debian package dataset-fashion-mnist. Inputs are the ±1 signs of the
/// centred pixels: x_i = +1 ⇔ pixel_i &gt; mean_i, the mean of pixel i over the 60 000 training images (the same means for
/// the test images); a pixel that is constant, e.g. always 0 in a corner, is −1 everywhere and acts as a bias input.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable that points the loader at another directory with the same four files.</summary>
    public const string DirectoryVariable = "MCOVER_FASHION_MNIST";

    /// <summary>The four files.</summary>
    public static readonly string[] Files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>Pixels per image.</summary>
    public const int Pixels = 28 * 28;

    /// <summary>Classes of the source.</summary>
    public const int SourceClasses = 10;

    /// <summary>The directory read: <see cref="DirectoryVariable"/> when set, else <see cref="DefaultDirectory"/>.</summary>
    public static string Directory => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } d ? d : DefaultDirectory;

    /// <summary>Null when the four files exist in <paramref name="directory"/>, else the first missing one.</summary>
    public static string? MissingFile(string directory) => Files.Select(f => Path.Combine(directory, f)).FirstOrDefault(p => !File.Exists(p));

    /// <summary>Loads, checks and binarises the data set, keeping the classes of <paramref name="selection"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt (magic number, sizes, labels).</exception>
    public static MlpDataset Load(ClassSelection selection, string? directory = null)
    {
        directory ??= Directory;
        if (MissingFile(directory) is { } missing) throw new FileNotFoundException($"{missing} is missing", missing);
        string F(int k) => Path.Combine(directory, Files[k]);
        var trainImages = IdxFile.Read(F(0), 60_000, 28, 28);
        var trainLabels = IdxFile.Read(F(1), 60_000);
        var testImages = IdxFile.Read(F(2), 10_000, 28, 28);
        var testLabels = IdxFile.Read(F(3), 10_000);
        foreach (var (labels, k) in new[] { (trainLabels, 1), (testLabels, 3) })
            if (labels.FirstOrDefault(c => c >= SourceClasses) is var bad && bad >= SourceClasses)
                throw new InvalidDataException($"{F(k)}: label {bad} outside 0 … 9");
        var mean = new double[Pixels];
        for (int mu = 0; mu < 60_000; mu++)
            for (int i = 0; i < Pixels; i++) mean[i] += trainImages[mu * Pixels + i];
        for (int i = 0; i < Pixels; i++) mean[i] /= 60_000;
        var (x, y) = Binarise(trainImages, trainLabels, mean, selection);
        var (xt, yt) = Binarise(testImages, testLabels, mean, selection);
        return new MlpDataset("fashion-mnist", selection.ClassesOf(SourceClasses), x, y, xt, yt);
    }

    /// <summary>x_i = +1 ⇔ pixel_i &gt; mean_i, for the images whose class the selection keeps.</summary>
    public static (PatternMatrix Inputs, byte[] Labels) Binarise(byte[] images, byte[] labels, double[] mean, ClassSelection selection)
    {
        var keep = Enumerable.Range(0, labels.Length).Where(mu => selection.Map(labels[mu]) >= 0).ToArray();
        var inputs = new PatternMatrix(keep.Length, Pixels);
        var mapped = new byte[keep.Length];
        for (int r = 0; r < keep.Length; r++)
        {
            int mu = keep[r];
            mapped[r] = (byte)selection.Map(labels[mu]);
            var row = inputs.MutableRow(r);
            for (int i = 0; i < Pixels; i++)
                if (images[mu * Pixels + i] > mean[i]) row[i >> 6] |= 1UL << (i & 63);
        }
        return (inputs, mapped);
    }
}
