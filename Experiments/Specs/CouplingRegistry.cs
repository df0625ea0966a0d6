using System.Globalization;
using MCoverPhysics.Dynamics.Coupling;
using MCoverPhysics.Experiments.Config;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>
/// The one place that maps couplings (Dynamics' <see cref="CopyCoupling"/> strategies) to and from parameter values:
/// none; replicated (gamma, gamma-step); consensus (lambda).
/// </summary>
public static class CouplingRegistry
{
    /// <summary>Default γ.</summary>
    public const double DefaultGamma = 0.0001;

    /// <summary>Default Δγ.</summary>
    public const double DefaultGammaStep = 0.00002;

    /// <summary>Default λ.</summary>
    public const double DefaultLambda = 0.1;

    /// <summary>Coupling names, in the order of --help.</summary>
    public static readonly string[] Names = ["none", "replicated", "consensus"];

    /// <summary>Reads the coupling named by "coupling" with its parameters.</summary>
    public static CopyCoupling Read(ParameterReader r)
    {
        var name = r.Text(Parameters.Coupling);
        return name switch
        {
            "none" => CopyCoupling.None,
            "replicated" => new ReplicatedCoupling(r.Real(Parameters.Gamma), r.Real(Parameters.GammaStep)),
            "consensus" => new OutputConsensusCoupling(r.Real(Parameters.Lambda)),
            _ => throw UsageException.Field(Parameters.Coupling.Name, name, $"is not a coupling; expected {string.Join(", ", Names)}"),
        };
    }

    /// <summary>"--coupling replicated" for gamma and gamma-step, "--coupling consensus" for lambda; empty for others.</summary>
    public static string UsersOf(Parameter p) => p.Name switch
    {
        "gamma" or "gamma-step" => "--coupling replicated",
        "lambda" => "--coupling consensus",
        _ => "",
    };

    /// <summary>The coupling parameters as results write them.</summary>
    public static IEnumerable<KeyValuePair<Parameter, string>> Values(CopyCoupling c) => c switch
    {
        ReplicatedCoupling r => [new(Parameters.Coupling, c.Name), new(Parameters.Gamma, R(r.Gamma)), new(Parameters.GammaStep, R(r.GammaStep))],
        OutputConsensusCoupling o => [new(Parameters.Coupling, c.Name), new(Parameters.Lambda, R(o.Lambda))],
        _ => [new(Parameters.Coupling, c.Name)],
    };

    /// <summary>Throws a <see cref="UsageException"/> naming the first coupling parameter out of range. With
    /// <paramref name="gammaIsField"/> (mc, sa) γ is the strength of the field γ_t w·c in the Gibbs weight, any finite value ≥ 0;
    /// otherwise it is a pull probability in [0, 1].</summary>
    public static void Validate(CopyCoupling c, bool gammaIsField = false)
    {
        switch (c)
        {
            case ReplicatedCoupling r when gammaIsField:
                UsageException.Require(Parameters.Gamma, r.Gamma, double.IsFinite(r.Gamma) && r.Gamma >= 0, "must be ≥ 0 (mc/sa: a field strength)");
                UsageException.Require(Parameters.GammaStep, r.GammaStep, double.IsFinite(r.GammaStep) && r.GammaStep >= 0, "must be ≥ 0");
                break;
            case ReplicatedCoupling r:
                UsageException.Require(Parameters.Gamma, r.Gamma, r.Gamma is >= 0 and <= 1, "must be in [0, 1]");
                UsageException.Require(Parameters.GammaStep, r.GammaStep, double.IsFinite(r.GammaStep) && r.GammaStep >= 0, "must be ≥ 0");
                break;
            case OutputConsensusCoupling o:
                UsageException.Require(Parameters.Lambda, o.Lambda, o.Lambda is >= 0 and <= 1, "must be in [0, 1]");
                break;
        }
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

}
