using System.Diagnostics;
using V6Ready.Core.Scanning;

namespace V6Ready.Cli;

/// <summary>Start-up phases for <c>V6READY_TIMINGS=1</c>: the process's age and CPU time when the scan command begins.</summary>
internal static class StartupTimings
{
    public static void AddProcessPhases(ScanTimings timings)
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            var age = DateTime.Now - self.StartTime;
            timings.Add("start: process age (wall)", (long)(age.TotalSeconds * Stopwatch.Frequency));
            AddCpu(timings, "start: cpu (user+sys)");
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Records the process's CPU time once, when the first file's findings are ready (issue 17's start-up goal).</summary>
    public static Action<Core.SourceDocument, Core.FileResult> OnFirstFile(ScanTimings timings)
    {
        var done = 0;
        return (_, _) =>
        {
            if (Interlocked.Exchange(ref done, 1) == 0) AddCpu(timings, "cpu (user+sys) at first file's findings");
        };
    }

    public static void AddCpu(ScanTimings timings, string phase)
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            timings.Add(phase, (long)(self.TotalProcessorTime.TotalSeconds * Stopwatch.Frequency));
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception) { }
    }
}
