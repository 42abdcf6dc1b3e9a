using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Server.Api;

/// <summary>
/// Reads an action sent as JSON, the same way on REST and WebSocket: an array of numbers ([0.3, -0.7], or [2] for
/// discrete action 2), a discrete action's name ("forward"), or a bare index (2). The space validates it: a wrong
/// length, NaN, infinity or a value outside the box is refused with one line, never clipped.
/// </summary>
public static class ActionJson
{
    public static ActionVector Read(JsonElement action, ActionSpace space) => action.ValueKind switch
    {
        JsonValueKind.Array => space.FromValues(Numbers(action)),
        JsonValueKind.String => space.Parse(action.GetString()!),
        JsonValueKind.Number => space.FromValues([action.GetSingle()]),
        _ => throw new OrreryException($"action: expected an array of numbers, a name or an index, found {action.ValueKind}"),
    };

    private static float[] Numbers(JsonElement array)
    {
        var values = new float[array.GetArrayLength()];
        for (var i = 0; i < values.Length; i++)
        {
            var item = array[i];
            values[i] = item.ValueKind == JsonValueKind.Number
                ? item.GetSingle()
                : throw new OrreryException($"action[{i}]: expected a number, found {item.ValueKind} ({item.GetRawText()})");
        }
        return values;
    }
}
