using System.Runtime.InteropServices;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// CPU time (Linux clock_gettime, nanosecond resolution): unlike wall time, it does not count time spent waiting while
/// other processes run. The thread clock counts the calling thread only; the process clock counts every thread, so it
/// includes work handed to other threads, but over short intervals it also takes in other threads' time in coarse steps
/// (their accounting is brought up to date at scheduler ticks).
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTime = 2; // CLOCK_PROCESS_CPUTIME_ID
    private const int ThreadCpuTime = 3;  // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Seconds of CPU time the calling thread (or, with <paramref name="process"/>, the process) has used; null where the clock is not available.</summary>
    public static double? Seconds(bool process)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return ClockGetTime(process ? ProcessCpuTime : ThreadCpuTime, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
