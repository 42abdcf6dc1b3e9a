using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orrery.Core.Spaces;

/// <summary>JSON form of an action: an array of numbers ([2] for discrete action 2, [0.3, -0.7] for a box), null for unknown.</summary>
public sealed class ActionVectorJsonConverter : JsonConverter<ActionVector>
{
    public override bool HandleNull => true;

    public override ActionVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return ActionVector.Unknown;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("an action is an array of numbers, e.g. [0.3, -0.7] or [2]");
        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number) throw new JsonException("an action is an array of numbers, e.g. [0.3, -0.7] or [2]");
            values.Add(reader.GetSingle());
        }
        return ActionVector.Continuous(values.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, ActionVector value, JsonSerializerOptions options)
    {
        if (value.IsUnknown)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var v in value.Values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
