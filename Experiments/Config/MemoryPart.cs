namespace MCoverPhysics.Experiments.Config;

/// <summary>One allocation of a run that grows with the problem: what it is, its size, and the flag that sizes it.</summary>
/// <param name="What">The data, with its size formula.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Field">The flag to change to shrink it (the field a refusal names).</param>
public sealed record MemoryPart(string What, double Bytes, string Field);
