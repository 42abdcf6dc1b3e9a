using System.Net.WebSockets;
using System.Text;
using Orrery.Server.Streaming;

namespace Orrery.Server.Tests;

/// <summary>Reads one server message: a frame (header + pixels) or a JSON text message.</summary>
public static class WireClient
{
    public sealed record Message(FrameHeader? Frame, byte[] Pixels, string? Text);

    public static async Task<Message?> Receive(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            length += result.Count;
        } while (!result.EndOfMessage);
        if (result.MessageType == WebSocketMessageType.Text) return new Message(null, [], Encoding.UTF8.GetString(buffer, 0, length));
        var header = FrameHeader.Decode(buffer.AsSpan(0, length));
        return new Message(header, buffer.AsSpan(FrameHeader.Size, length - FrameHeader.Size).ToArray(), null);
    }

    public static Task SendText(WebSocket socket, string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>Reads until a text message arrives (frames in between are skipped).</summary>
    public static async Task<string> NextText(WebSocket socket, CancellationToken ct)
    {
        while (true)
        {
            var m = await Receive(socket, ct) ?? throw new InvalidOperationException("socket closed before a text message");
            if (m.Text is not null) return m.Text;
        }
    }
}
