using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>
/// Writes a config enum as its lower-case name ("flow", "bf16") and reads only those names, so configs and manifests
/// keep the spelling they had as strings, and a number never passes for a choice.
/// </summary>
public sealed class ConfigEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
