using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Mlp;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// Where the training patterns and labels come from: a random teacher (<see cref="TeacherStudentData"/>), random labels
/// (<see cref="StorageData"/>) or the user's own ±1 patterns and labels (<see cref="UserData"/>).
/// </summary>
public abstract record DataSpec
{
    /// <summary>The task word in results (teacher, storage, user).</summary>
    public abstract string Name { get; }

    /// <summary>What the labels are.</summary>
    public abstract LearningTask Task { get; }

    /// <summary>Load α = P/N for a model with <paramref name="n"/> inputs.</summary>
    public abstract double LoadFor(int n);

    /// <summary>Size of the held-out test set (0 where there is none).</summary>
    public abstract int TestSetSize { get; }

    /// <summary>Number of training patterns for a model with <paramref name="n"/> inputs.</summary>
    public abstract int PatternCount(int n);

    /// <summary>The perceptron's data set for <paramref name="model"/> and <paramref name="seed"/>, generated on at most
    /// <paramref name="threads"/> threads (0: unbounded; the data do not depend on it).</summary>
    public abstract Dataset Create(ModelSpec model, ulong seed, int threads = 0);

    /// <summary>The committee machine's data set (tree: one input block per unit), generated on at most
    /// <paramref name="threads"/> threads (0: unbounded; the data do not depend on it).</summary>
    public abstract CommitteeDataset CreateCommittee(CommitteeShape shape, ulong seed, int threads = 0);

    /// <summary>The input width the data fix (Fashion-MNIST: 784), or null when the model's N sets it.</summary>
    public virtual int? InputWidth => null;

    /// <summary>The MLP's data set for <paramref name="model"/> and <paramref name="seed"/>.</summary>
    public virtual MlpDataset CreateMlp(MlpModel model, ulong seed, int threads = 0) => throw new InvalidOperationException($"task '{Name}' has no MLP data");

    /// <summary>The data parameters as results write them.</summary>
    public abstract IEnumerable<KeyValuePair<Parameter, string>> Values();

    /// <summary>Throws a <see cref="UsageException"/> naming the first bad parameter for <paramref name="model"/>.</summary>
    public abstract void Validate(ModelSpec model);

    /// <summary>Reads the data named by "task" with its parameters.</summary>
    public static DataSpec ReadSpec(ParameterReader r) => ReadSpec(r, null);

    /// <summary>Reads the data named by "task" for <paramref name="model"/> (the MLP's teacher reads its widths).</summary>
    public static DataSpec ReadSpec(ParameterReader r, ModelSpec? model)
    {
        var name = r.Text(Parameters.Task);
        bool mlp = model?.IsMlp == true;
        return name switch
        {
            "teacher" => new TeacherStudentData
            {
                Alpha = r.Real(Parameters.Alpha), TestPatterns = r.Int(Parameters.TestPatterns),
                TeacherWidths = mlp ? MlpModel.ParseWidths(r, Parameters.TeacherWidths) : null,
            },
            "storage" => new StorageData { Alpha = r.Real(Parameters.Alpha) },
            "fashion-mnist" => new FashionMnistData { Classes = FashionMnistData.ParseClasses(r.Text(Parameters.Classes)) },
            _ => throw UsageException.Field(Parameters.Task.Name, name, "is not a task; expected teacher, storage, fashion-mnist"),
        };
    }

    /// <summary>Throws a <see cref="UsageException"/> for <paramref name="p"/> unless <paramref name="ok"/>.</summary>
    protected static void Check(Parameter p, object value, bool ok, string problem) => UsageException.Require(p, value, ok, problem);
}
