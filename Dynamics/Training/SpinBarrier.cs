namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// A sense-reversing spin barrier for a few workers that each own a core. Epochs of the copy groups last ~100 µs at
/// N ≈ 10^3, so the blocking wake-up of <see cref="Barrier"/> would cost as much as the work (see docs/performance.md).
/// </summary>
internal sealed class SpinBarrier(int participants)
{
    private readonly int _participants = participants;
    private int _remaining = participants;
    private volatile int _sense;

    /// <summary>Waits until all participants arrive, or <paramref name="abandon"/> turns true (a worker failed).</summary>
    /// <param name="localSense">The caller's own sense bit, flipped on every phase.</param>
    /// <param name="abandon">Checked while spinning.</param>
    public void SignalAndWait(ref int localSense, Func<bool> abandon)
    {
        localSense ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _sense = localSense; // releases the others; volatile write orders the reset before it
            return;
        }
        var spin = new SpinWait();
        while (_sense != localSense && !abandon()) spin.SpinOnce(sleep1Threshold: -1);
    }
}
