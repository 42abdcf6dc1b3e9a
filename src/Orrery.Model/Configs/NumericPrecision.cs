using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>The floating-point format passes compute in: "fp32" or "bf16".</summary>
[JsonConverter(typeof(ConfigEnumConverter<NumericPrecision>))]
public enum NumericPrecision
{
    Fp32,
    Bf16,
}
