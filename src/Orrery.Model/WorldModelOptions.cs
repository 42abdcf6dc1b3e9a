namespace Orrery.Model;

/// <summary>How a checkpoint is loaded for inference: device, precision and torch threads.</summary>
public sealed record WorldModelOptions
{
    /// <summary>"cpu" (default) or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>"fp32" (default) or "bf16" (module and inputs converted; faster matrix products on AMX/AVX512-BF16 CPUs).</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>torch threads to use; null leaves the process setting alone.</summary>
    public int? Threads { get; init; }
}
