using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// The model family and its shape: the perceptron (<see cref="PerceptronModel"/>) or the committee machine
/// (<see cref="CommitteeModel"/>). N is the number of inputs (synapses per copy for the perceptron).
/// </summary>
public abstract record ModelSpec
{
    /// <summary>Default N.</summary>
    public const int DefaultN = 1001;

    /// <summary>Number of inputs N (odd).</summary>
    public int N { get; init; } = DefaultN;

    /// <summary>Name in flags, config files and results.</summary>
    public abstract string Name { get; }

    /// <summary>True for the committee machine (trained by the committee trainers, even at K = 1).</summary>
    public abstract bool IsCommittee { get; }

    /// <summary>True for the binary multilayer perceptron (trained by the MLP rules).</summary>
    public virtual bool IsMlp => false;

    /// <summary>The denominator of the load α = P/(this): N, or the number of weights of the MLP.</summary>
    public virtual long LoadUnit => N;

    /// <summary>The model with input width <paramref name="n"/> where the data fix it (the MLP on Fashion-MNIST); others unchanged.</summary>
    public virtual ModelSpec WithInputWidth(int n) => this;

    /// <summary>Hidden units K (1 for the perceptron).</summary>
    public abstract int HiddenUnits { get; }

    /// <summary>The shape as a committee (the perceptron is the K = 1 tree).</summary>
    public abstract CommitteeShape Shape { get; }

    /// <summary>Inputs per hidden unit n (N for the perceptron): the N of every per-unit formula (κ√n, p_r, default H).</summary>
    public int UnitInputs => Shape.UnitInputs;

    /// <summary>The model parameters as results write them.</summary>
    public abstract IEnumerable<KeyValuePair<Parameter, string>> Values();

    /// <summary>Throws a <see cref="UsageException"/> naming the first bad parameter.</summary>
    public virtual void Validate()
    {
        Check(Parameters.N, N, N >= 1 && N % 2 == 1, "must be odd and ≥ 1 (sign outputs need odd N)");
        Check(Parameters.N, N, N <= 100_000_001, "must be ≤ 100000001");
    }

    /// <summary>Reads the model named by "model" with its parameters.</summary>
    public static ModelSpec ReadSpec(ParameterReader r)
    {
        var name = r.Text(Parameters.Model);
        return name switch
        {
            "perceptron" => PerceptronModel.Read(r),
            "committee" => CommitteeModel.Read(r),
            "mlp" => MlpModel.Read(r),
            _ => throw UsageException.Field(Parameters.Model.Name, name, "is not a model; expected perceptron, committee, mlp"),
        };
    }

    /// <summary>Throws a <see cref="UsageException"/> for <paramref name="p"/> unless <paramref name="ok"/>.</summary>
    protected static void Check(Parameter p, object value, bool ok, string problem) => UsageException.Require(p, value, ok, problem);
}
