using System.Runtime.InteropServices;

namespace MCoverPhysics.Experiments.Running;

/// <summary>
/// CPU time of this process, all its threads (Linux CLOCK_PROCESS_CPUTIME_ID, nanosecond resolution): unlike wall time, it
/// does not count time spent waiting while other processes run, and it does count work handed to other threads (the
/// annealed schedule draws each epoch's routing table in parallel).
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTime = 2; // CLOCK_PROCESS_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Seconds of CPU time the process has used, or null where the clock is not available.</summary>
    public static double? Seconds()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return ClockGetTime(ProcessCpuTime, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
