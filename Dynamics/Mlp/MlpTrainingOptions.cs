namespace MCoverPhysics.Dynamics.Mlp;

/// <summary>Budget, minibatch and resources of MLP training (threads never change a result).</summary>
public sealed record MlpTrainingOptions
{
    /// <summary>Epoch budget (≥ 0).</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Minibatch size B ≥ 1 (the last minibatch of an epoch may be smaller).</summary>
    public int Batch { get; init; } = 100;
    /// <summary>Worker threads inside a minibatch (over samples and units).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Stop once every copy has zero training error.</summary>
    public bool StopWhenSolved { get; init; } = true;
    /// <summary>Measure the training error after every epoch (benchmarks turn it off; then errors read 0 and NaN).</summary>
    public bool MeasureErrors { get; init; } = true;
    /// <summary>Measure the test error after every epoch (else only at the end).</summary>
    public bool TestEveryEpoch { get; init; } = true;
}
