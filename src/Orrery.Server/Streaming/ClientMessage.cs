using System.Buffers.Binary;
using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Runtime.Sessions;
using Orrery.Server.Api;

namespace Orrery.Server.Streaming;

/// <summary>
/// Interprets one client message: {"action": [0.3, -0.7]}, {"action":"forward"} or {"action":3}, {"type":"ping","t":...},
/// or a binary action: little-endian float32 values (4 bytes each; a discrete action is its index as one float).
/// Returns the reply to send (a pong), or null; bad input throws OrreryException with the reason.
/// </summary>
public static class ClientMessage
{
    public static string? Apply(Session session, ReadOnlySpan<byte> message, bool binary)
    {
        if (binary)
        {
            if (message.Length == 0 || message.Length % 4 != 0)
                throw new OrreryException($"binary message: expected little-endian float32 action values ({4 * session.Actions.Dimensions} bytes), got {message.Length} bytes");
            var values = new float[message.Length / 4];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(message[(4 * i)..]);
            session.SetAction(session.Actions.FromValues(values));
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
            var sent = root.TryGetProperty("t", out var tv) && tv.ValueKind == JsonValueKind.Number ? tv.GetDouble() : 0;
            // a time past double's range reads as infinity, which JSON cannot carry: echoing it would throw and end the WebSocket
            var t = double.IsFinite(sent) ? sent : 0;
            return JsonSerializer.Serialize(new { type = "pong", t, frameIndex = session.FrameIndex, serverUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        }
        if (!root.TryGetProperty("action", out var action))
            throw new OrreryException("expected {\"action\": [numbers], a name or an index} or {\"type\":\"ping\"}");
        session.SetAction(ActionJson.Read(action, session.Actions));
        return null;
    }
}
