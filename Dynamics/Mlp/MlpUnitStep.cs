using MCoverPhysics.Dynamics.Rules;

namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>One hidden unit's step chosen by least action on a sample: unit <paramref name="Unit"/> of hidden layer
/// <paramref name="Layer"/> is pushed toward the needed sign <paramref name="Sign"/> by the rule's decision <paramref name="Action"/>
/// (the CP step h_i += 2·Sign·x_i, or SBPI's metaplastic step; reinforcement is the copy's, not the unit's).</summary>
public readonly record struct MlpUnitStep(int Layer, int Unit, int Sign, RuleAction Action);
