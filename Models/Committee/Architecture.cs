namespace MCoverPhysics.Models.Committee;

/// <summary>How the hidden units of a committee machine are wired to the inputs.</summary>
public enum Architecture
{
    /// <summary>Tree: unit k sees its own N/K inputs ξ_{kN/K+1} … ξ_{(k+1)N/K} (receptive fields do not overlap).</summary>
    Tree,
    /// <summary>Fully connected: every unit sees all N inputs.</summary>
    Full,
}
