using MCoverPhysics.Dynamics.Rules;
using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Rules;

/// <summary>CP + reinforcement (CP+R): the CP step, then h += 2·sign(h) with probability p_r = c·√(2/(πn)).</summary>
public sealed record CprRule : OnlineRuleSpec
{
    /// <summary>Default c for the teacher task.</summary>
    public const double DefaultTeacherC = 0.16;

    /// <summary>Default c for the storage task.</summary>
    public const double DefaultStorageC = 0.08;

    /// <summary>Reinforcement strength c ≥ 0; null: <see cref="DefaultTeacherC"/> (teacher) or <see cref="DefaultStorageC"/> (storage).</summary>
    public double? C { get; init; }

    /// <inheritdoc />
    public override string Name => "cpr";

    /// <summary>The c used for <paramref name="task"/>.</summary>
    public double CFor(LearningTask task) => C ?? (task == LearningTask.Storage ? DefaultStorageC : DefaultTeacherC);

    /// <summary>Reads the rule's parameters.</summary>
    public static CprRule Read(ParameterReader r) => ReadCommon(new CprRule { C = r.RealOrAuto(Parameters.PrC) }, r);

    /// <inheritdoc />
    public override IOnlineRule BuildFor(RunConfig config, int n) => new CpReinforced(n, Kappa, CFor(config.Task));

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<Parameter, string>> OwnValues(RunConfig config) => [new(Parameters.PrC, R(CFor(config.Task)))];

    /// <inheritdoc />
    public override void Validate(RunConfig config)
    {
        base.Validate(config);
        Check(Parameters.PrC, C?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "auto",
            C is null || (double.IsFinite(C.Value) && C >= 0 && C * Math.Sqrt(2 / (Math.PI * config.UnitInputs)) <= 1),
            "must be ≥ 0 with p_r = c·√(2/(πn)) ≤ 1 (n = inputs per unit), or auto");
    }
}
