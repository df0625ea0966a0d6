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

    /// <summary>After a warm-up that takes the caller through both roles (releasing a waiting partner, then blocking for a late
    /// one, so every path is compiled), five phases in which the partner arrives 2 ms late (far beyond the spin phase: the
    /// caller blocks, or releases if it was descheduled longer) leave the caller's allocated-bytes counter unchanged.</summary>
    [TestMethod]
    public void BlockingAllocatesNothing()
    {
        var barrier = new TeamBarrier(2);
        bool[] callerLate = [true, true, false, false, false, false, false, false, false];
        var partner = new Thread(() =>
        {
            foreach (bool late in callerLate) { if (!late) Thread.Sleep(2); barrier.SignalAndWait(); }
        });
        partner.Start();
        for (int p = 0; p < 4; p++) { if (callerLate[p]) Thread.Sleep(2); barrier.SignalAndWait(); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int p = 4; p < callerLate.Length; p++) barrier.SignalAndWait();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        partner.Join();
        Assert.AreEqual(0L, allocated);
        Assert.AreEqual(callerLate.Length, barrier.Generation);
    }
}
