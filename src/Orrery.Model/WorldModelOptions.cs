using Orrery.Model.Configs;

namespace Orrery.Model;

/// <summary>How a checkpoint is loaded for inference: device, precision and torch threads.</summary>
public sealed record WorldModelOptions
{
    /// <summary>cpu (default) or cuda.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>fp32 (default) or bf16 (module and inputs converted; faster matrix products on AMX/AVX512-BF16 CPUs).</summary>
    public NumericPrecision Precision { get; init; } = NumericPrecision.Fp32;

    /// <summary>
    /// Whether Step decodes frames (true, default). False answers the predicted streams with an empty frame, for a
    /// planner that scores thousands of candidate steps by their reward and never looks at them: decoding is most of a step's cost.
    /// </summary>
    public bool DecodeFrames { get; init; } = true;

    /// <summary>torch threads to use; null leaves the process setting alone.</summary>
    public int? Threads { get; init; }
}
