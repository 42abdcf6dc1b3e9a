using System.Diagnostics;
using Orrery.Model.Device;

namespace Orrery.Model.Tests.Device;

public class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_loads_and_multiplies_matrices_after_a_plain_build()
    {
        Assert.Null(TorchRuntime.Probe());
    }

    [LinuxFact]
    public void Output_wrapper_needs_no_GLIBCXX_version_the_system_lacks()
    {
        var wrapper = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(wrapper), $"{wrapper} is missing: the build should copy TorchSharp's native wrapper next to the tests");

        var systemHas32 = SystemLibStdCxxDefines("GLIBCXX_3.4.32");
        var readelf = Run("readelf", $"-V \"{wrapper}\"");
        var line = readelf.Split('\n').FirstOrDefault(l => l.Contains("Name: GLIBCXX_3.4.32", StringComparison.Ordinal));
        if (line is null) return;                                          // a future wrapper may not ask for it
        if (systemHas32)
            Assert.DoesNotContain("WEAK", line, StringComparison.Ordinal);  // untouched where nothing needs fixing
        else
            Assert.Contains("WEAK", line, StringComparison.Ordinal);
    }

    private static bool SystemLibStdCxxDefines(string version)
    {
        var lib = new[] { "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.First(File.Exists);
        return File.ReadAllBytes(lib).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(version)) >= 0;
    }

    private static string Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
