namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// The end-of-epoch bookkeeping every trainer and sampler shares: each copy's first solved epoch (zero training error
/// after it), and whether the stop rule ends the run.
/// </summary>
internal sealed class EpochProgress
{
    private readonly int[] _first;

    /// <summary>No copy solved yet (−1 each).</summary>
    public EpochProgress(int copies) => _first = Enumerable.Repeat(-1, copies).ToArray();

    /// <summary>Per copy, the first epoch after which it had zero training error (−1: never).</summary>
    public int[] FirstSolved => _first;

    /// <summary>After epoch <paramref name="epoch"/> (1-based): the copies with zero errors that had not been solved before are solved now.</summary>
    public void Record(int epoch, ReadOnlySpan<int> errors)
    {
        for (int a = 0; a < _first.Length; a++)
            if (errors[a] == 0 && _first[a] < 0) _first[a] = epoch;
    }

    /// <summary>True when every copy has zero errors.</summary>
    public static bool AllSolved(ReadOnlySpan<int> errors)
    {
        foreach (int e in errors) if (e != 0) return false;
        return true;
    }

    /// <summary>Whether <paramref name="rule"/> stops the run, given that every copy (<paramref name="copies"/>) or the lifted problem (<paramref name="lifted"/>) is solved.</summary>
    public static bool Stops(StopRule rule, bool copies, bool lifted) => rule switch
    {
        StopRule.Any => copies || lifted,
        StopRule.Lifted => lifted,
        StopRule.Copies => copies,
        _ => false,
    };
}
