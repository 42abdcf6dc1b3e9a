using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Streaming;

/// <summary>
/// Interprets one client message: {"action":"forward"} or {"action":3}, {"type":"ping","t":...}, or a 1-byte binary
/// action index. Returns the reply to send (a pong), or null; bad input throws OrreryException with the reason.
/// </summary>
public static class ClientMessage
{
    public static string? Apply(Session session, ReadOnlySpan<byte> message, bool binary)
    {
        if (binary)
        {
            if (message.Length != 1) throw new OrreryException($"binary message: expected 1 byte (an action index), got {message.Length}");
            session.SetAction(message[0]);
            return null;
        }
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(message.ToArray());
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new OrreryException($"malformed JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new OrreryException("expected a JSON object such as {\"action\":\"forward\"} or {\"type\":\"ping\"}");
        if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "ping")
        {
            var t = root.TryGetProperty("t", out var tv) && tv.ValueKind == JsonValueKind.Number ? tv.GetDouble() : 0;
            return JsonSerializer.Serialize(new { type = "pong", t, frameIndex = session.FrameIndex, serverUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        }
        if (!root.TryGetProperty("action", out var action))
            throw new OrreryException("expected {\"action\": name or index} or {\"type\":\"ping\"}");
        switch (action.ValueKind)
        {
            case JsonValueKind.String:
                session.SetAction(action.GetString()!);
                return null;
            case JsonValueKind.Number when action.TryGetInt32(out var index):
                session.SetAction(index);
                return null;
            default:
                throw new OrreryException($"action: expected a name or an integer index, got {action.ValueKind}");
        }
    }
}
