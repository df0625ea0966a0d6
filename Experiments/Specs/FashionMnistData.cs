using System.Collections.Concurrent;
using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// Fashion-MNIST from the Debian package dataset-fashion-mnist (<see cref="FashionMnist"/>): 60 000 training and 10 000 test
/// images, inputs the ±1 signs of the centred pixels, all 10 classes (argmax output) or a binary task (sign output).
/// For --model mlp only; α = P / (number of weights) is reported, P = 60 000 (or the images of the chosen classes).
/// </summary>
public sealed record FashionMnistData : DataSpec
{
    private static readonly ConcurrentDictionary<(string, string), MlpDataset> Cache = new();

    /// <summary>The classes used.</summary>
    public ClassSelection Classes { get; init; } = ClassSelection.All;

    /// <inheritdoc />
    public override string Name => "fashion-mnist";

    /// <inheritdoc />
    public override LearningTask Task => LearningTask.RealData;

    /// <inheritdoc />
    public override int? InputWidth => FashionMnist.Pixels;

    /// <inheritdoc />
    public override double LoadFor(int n) => double.NaN;

    /// <inheritdoc />
    public override int TestSetSize => Load().TestInputs.Rows;

    /// <inheritdoc />
    public override int PatternCount(int n) => Load().P;

    /// <inheritdoc />
    public override Dataset Create(ModelSpec model, ulong seed, int threads = 0) => throw new InvalidOperationException("fashion-mnist trains --model mlp only");

    /// <inheritdoc />
    public override CommitteeDataset CreateCommittee(CommitteeShape shape, ulong seed, int threads = 0) => throw new InvalidOperationException("fashion-mnist trains --model mlp only");

    /// <inheritdoc />
    /// <remarks>The data do not depend on the seed; they are loaded once per process and class selection.</remarks>
    public override MlpDataset CreateMlp(MlpModel model, ulong seed, int threads = 0) => Load();

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() => [new(Parameters.Task, Name), new(Parameters.Classes, Classes.ToString())];

    /// <summary>"all", "A,B" (two distinct classes 0 … 9) or "even-odd"; anything else is refused naming --classes.</summary>
    public static ClassSelection ParseClasses(string text)
    {
        if (text == "all") return ClassSelection.All;
        if (text == "even-odd") return ClassSelection.Parity;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b))
        {
            if (a >= FashionMnist.SourceClasses || b >= FashionMnist.SourceClasses)
                throw UsageException.Field(Parameters.Classes.Name, text, $"names a class the data do not have: Fashion-MNIST has classes 0 … {FashionMnist.SourceClasses - 1}");
            if (a == b) throw UsageException.Field(Parameters.Classes.Name, text, "must name two different classes");
            return new ClassSelection(a, b);
        }
        throw UsageException.Field(Parameters.Classes.Name, text, "is not a class choice; expected all, A,B (two classes 0 … 9) or even-odd");
    }

    /// <inheritdoc />
    public override void Validate(ModelSpec model)
    {
        Check(Parameters.Task, Name, model.IsMlp, "needs --model mlp");
        Check(Parameters.N, model.N, model.N == FashionMnist.Pixels, $"must be {FashionMnist.Pixels} (28×28 pixels) for fashion-mnist");
        Load();
    }

    /// <summary>The data set (checked and binarised once per process); a missing or corrupt file is a usage error naming the
    /// package and how to install it.</summary>
    public MlpDataset Load()
    {
        string dir = FashionMnist.Directory;
        try
        {
            return Cache.GetOrAdd((dir, Classes.ToString()), _ => FashionMnist.Load(Classes, dir));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw UsageException.Field(Parameters.Task.Name, Name,
                $"cannot be read: {e.Message}; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set {FashionMnist.DirectoryVariable}");
        }
    }
}
