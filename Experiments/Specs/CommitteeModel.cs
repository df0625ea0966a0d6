using System.Globalization;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>The binary committee machine: K hidden sign units, majority output; tree (unit k sees its own N/K inputs) or fully connected.</summary>
public sealed record CommitteeModel : ModelSpec
{
    /// <summary>Default K.</summary>
    public const int DefaultHidden = 3;

    /// <summary>Hidden units K (odd, 1 … 101).</summary>
    public int Hidden { get; init; } = DefaultHidden;

    /// <summary>Wiring.</summary>
    public Architecture Arch { get; init; } = Architecture.Tree;

    /// <inheritdoc />
    public override string Name => "committee";

    /// <inheritdoc />
    public override bool IsCommittee => true;

    /// <inheritdoc />
    public override int HiddenUnits => Hidden;

    /// <inheritdoc />
    public override CommitteeShape Shape => new(N, Hidden, Arch);

    /// <summary>Reads K, the wiring and N.</summary>
    public static CommitteeModel Read(ParameterReader r) => new()
    {
        Hidden = r.IntOrAuto(Parameters.Hidden) ?? DefaultHidden,
        Arch = r.Choice(Parameters.Arch, Architecture.Tree, Architecture.Full),
        N = r.Int(Parameters.N),
    };

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() =>
    [
        new(Parameters.Model, Name), new(Parameters.Hidden, Hidden.ToString(CultureInfo.InvariantCulture)),
        new(Parameters.Arch, Parameters.Word(Parameters.Arch, Arch, Architecture.Tree, Architecture.Full)), new(Parameters.N, N.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <inheritdoc />
    public override void Validate()
    {
        Check(Parameters.Hidden, Hidden, Hidden is >= 1 and <= 101 && Hidden % 2 == 1, "must be odd in [1, 101] (majority vote without ties)");
        base.Validate();
        Check(Parameters.Hidden, Hidden, Hidden <= N, $"must be ≤ N = {N} (a hidden unit needs an input)");
        Check(Parameters.N, N, CommitteeShape.Problem(N, Hidden, Arch) is null,
            $"does not fit --hidden {Hidden} --arch {(Arch == Architecture.Tree ? "tree" : "full")}: {CommitteeShape.Problem(N, Hidden, Arch)}");
    }
}
