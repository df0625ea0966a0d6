namespace MCoverPhysics.Dynamics.States;

/// <summary>An integer fixed at compile time, so that loops over it unroll (0: known only at run time).</summary>
internal interface IConstant
{
    /// <summary>The value, or 0 for one known only at run time.</summary>
    static abstract int Value { get; }
}
