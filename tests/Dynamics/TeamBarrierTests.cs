using MCoverPhysics.Dynamics.MessagePassing;

namespace MCoverPhysics.Tests.Dynamics;

/// <summary>The committee BP team's barrier: no thread leaves a phase early, and waiting (spinning or blocked) allocates nothing.</summary>
[TestClass]
public sealed class TeamBarrierTests
{
    /// <summary>Three threads, 20000 phases: each adds 1 before the barrier and checks after it that all three additions of
    /// the phase are in (an early release would see fewer); the generation counts the phases.</summary>
    [TestMethod]
    public void NoThreadLeavesAPhaseEarly()
    {
        const int threads = 3, phases = 20000;
        var barrier = new TeamBarrier(threads);
        int arrived = 0, early = 0;
        void Run()
        {
            for (int p = 0; p < phases; p++)
            {
                Interlocked.Increment(ref arrived);
                barrier.SignalAndWait();
                if (Volatile.Read(ref arrived) < threads * (p + 1)) Interlocked.Increment(ref early);
                barrier.SignalAndWait(); // nobody adds for phase p + 1 before everyone has checked phase p
            }
        }
        var workers = Enumerable.Range(0, threads - 1).Select(_ => new Thread(Run)).ToList();
        workers.ForEach(t => t.Start());
        Run();
        workers.ForEach(t => t.Join());
        Assert.AreEqual(0, early);
        Assert.AreEqual(threads * phases, arrived);
        Assert.AreEqual(2 * phases, barrier.Generation);
    }

    /// <summary>The caller blocks (its partner arrives 2 ms late, far beyond the spin phase) in every one of five phases after a
    /// warm-up, and its allocated-bytes counter does not move.</summary>
    [TestMethod]
    public void BlockingAllocatesNothing()
    {
        var barrier = new TeamBarrier(2);
        const int phases = 6;
        var partner = new Thread(() =>
        {
            for (int p = 0; p < phases; p++) { Thread.Sleep(2); barrier.SignalAndWait(); }
        });
        partner.Start();
        barrier.SignalAndWait(); // warm-up: the JIT and the monitor's first use
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int p = 1; p < phases; p++) barrier.SignalAndWait();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        partner.Join();
        Assert.AreEqual(0L, allocated);
        Assert.AreEqual(phases, barrier.Generation);
    }
}
