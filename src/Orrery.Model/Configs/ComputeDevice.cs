using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>Where a model runs: "cpu" or "cuda".</summary>
[JsonConverter(typeof(ConfigEnumConverter<ComputeDevice>))]
public enum ComputeDevice
{
    Cpu,
    Cuda,
}
