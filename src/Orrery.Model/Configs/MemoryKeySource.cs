using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>
/// Where a generated frame's memory key comes from at inference (dynamics.memoryKeySource): "action" (the default;
/// dead reckoning: the key the action was anticipated to lead to, from the current key and the action alone, so
/// standing still and turning back undo exactly what they did, and walking into a wall is taken as walking on) or
/// "features" (the key head reads the frame's trunk features and the current key: it sees walls, but it follows the
/// imagined view wherever sampling drifts it; a maze model's pose walked 3.7 away in a minute of standing still).
/// </summary>
[JsonConverter(typeof(ConfigEnumConverter<MemoryKeySource>))]
public enum MemoryKeySource
{
    Action,
    Features,
}
