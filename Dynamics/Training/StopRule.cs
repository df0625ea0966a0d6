namespace MCoverPhysics.Dynamics.Training;

/// <summary>When training of a lifted system stops before the epoch budget.</summary>
public enum StopRule
{
    /// <summary>When the lifted problem (every factor copy (μ, b)) or every copy on the base patterns is solved.</summary>
    Any,
    /// <summary>When every routed constraint is satisfied (routed_train_error = 0).</summary>
    Lifted,
    /// <summary>When every copy classifies every base pattern (train_error = 0).</summary>
    Copies,
    /// <summary>Never: the full epoch budget.</summary>
    Budget,
}
