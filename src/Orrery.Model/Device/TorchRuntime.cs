using System.Runtime.InteropServices;
using Orrery.Model.Configs;
using static TorchSharp.torch;

namespace Orrery.Model.Device;

/// <summary>What libtorch offers on this machine: whether it runs, the device, threads and bf16 acceleration.</summary>
public static class TorchRuntime
{
    /// <summary>Runs one real tensor operation; returns null when it works, else the reason it does not.</summary>
    public static string? Probe()
    {
        try
        {
            using var scope = NewDisposeScope();
            var x = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
            var y = x.matmul(x.t());                                   // (2, 2)
            return y[1, 1].item<float>() == 50f ? null : "libtorch returned a wrong matrix product";
        }
        catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or ExternalException)
        {
            return (e.InnerException ?? e).Message.Split('\n')[0];
        }
    }

    /// <summary>Cuda when a CUDA device is usable, else Cpu.</summary>
    public static ComputeDevice DefaultDevice => cuda.is_available() ? ComputeDevice.Cuda : ComputeDevice.Cpu;

    public static int Threads => get_num_threads();

    /// <summary>True when the CPU has AMX-BF16 or AVX512-BF16, where bf16 matrix products run several times faster.</summary>
    public static bool HasBf16Acceleration => CpuFlags.Contains("amx_bf16") || CpuFlags.Contains("avx512_bf16");

    /// <summary>The bf16-relevant CPU flags this machine reports (Linux /proc/cpuinfo).</summary>
    public static IReadOnlyList<string> Bf16Flags => new[] { "amx_bf16", "amx_tile", "avx512_bf16" }.Where(CpuFlags.Contains).ToArray();

    private static readonly Lazy<HashSet<string>> Flags = new(ReadCpuFlags);

    private static HashSet<string> CpuFlags => Flags.Value;

    private static HashSet<string> ReadCpuFlags()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return new HashSet<string>();
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        return line is null ? new HashSet<string>() : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }
}
