namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// A reusable barrier for a fixed team of threads that allocates nothing, not even when a thread has to block:
/// <see cref="System.Threading.Barrier"/> waits on ManualResetEventSlims that create their lock objects on the first wait
/// that really blocks, which on a loaded machine can fall inside a sweep (the committee BP team's no-allocation test
/// caught it). Each arrival spins briefly, then waits on a preallocated monitor; the last arrival of a phase resets the
/// count and advances the generation under the monitor, so no wake-up is lost. Unlike the online trainer's
/// <see cref="Training.SpinBarrier"/> (pure spinning: its workers each own a core for a whole run), it blocks after a short
/// spin, since a team is started inside a sweep task that may share its cores with other tasks.
/// </summary>
internal sealed class TeamBarrier
{
    /// <summary>Spins (SpinWait steps without sleeping) before a waiting thread blocks.</summary>
    private const int SpinsBeforeBlocking = 64;

    private readonly int _count;
    private readonly object _gate = new();
    private int _remaining;
    private int _generation;

    /// <summary>A barrier for <paramref name="count"/> threads.</summary>
    public TeamBarrier(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        (_count, _remaining) = (count, count);
    }

    /// <summary>Phases completed so far.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Arrives at the barrier and returns once every thread of the team has arrived in this phase.</summary>
    public void SignalAndWait()
    {
        int generation = Volatile.Read(ref _generation);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Volatile.Write(ref _remaining, _count); // before anyone can see the next generation
            lock (_gate)
            {
                Volatile.Write(ref _generation, generation + 1);
                Monitor.PulseAll(_gate);
            }
            return;
        }
        var spin = new SpinWait();
        for (int s = 0; s < SpinsBeforeBlocking && Volatile.Read(ref _generation) == generation; s++) spin.SpinOnce(sleep1Threshold: -1);
        if (Volatile.Read(ref _generation) != generation) return;
        lock (_gate)
            while (Volatile.Read(ref _generation) == generation) Monitor.Wait(_gate);
    }
}
