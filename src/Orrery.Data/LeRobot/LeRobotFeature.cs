using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orrery.Data.LeRobot;

/// <summary>
/// One entry of info.json's "features": a dtype ("float32", "int64", "bool", "video", ...), a shape, and names, which
/// LeRobot writes as a list, as {"motors": [...]}, or null; video features also carry an "info" block.
/// </summary>
public sealed record LeRobotFeature(
    string Dtype, IReadOnlyList<int> Shape, JsonNode? Names,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Info = null)
{
    public const string Float32 = "float32";
    public const string Int64 = "int64";
    public const string Bool = "bool";
    public const string Video = "video";

    /// <summary>Elements per row: the product of the shape (1 for a scalar column).</summary>
    [JsonIgnore]
    public int Width => Shape.Aggregate(1, (a, b) => a * b);

    [JsonIgnore]
    public bool IsVideo => Dtype == Video;

    public static LeRobotFeature Scalar(string dtype) => new(dtype, [1], null);

    public static LeRobotFeature Vector(IReadOnlyList<string> names) => new(Float32, [names.Count], new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]));

    /// <summary>The element names, whichever of LeRobot's spellings the file uses; null when it names none or not one per element.</summary>
    public IReadOnlyList<string>? ElementNames()
    {
        var list = Names switch
        {
            JsonArray a => a,
            JsonObject o when o.Count == 1 && o.First().Value is JsonArray inner => inner,
            _ => null,
        };
        if (list is null || list.Count != Width || list.Any(n => n is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)) return null;
        return list.Select(n => n!.GetValue<string>()).ToArray();
    }
}
