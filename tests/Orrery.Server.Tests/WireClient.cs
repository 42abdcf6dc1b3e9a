using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using Orrery.Server.Streaming;

namespace Orrery.Server.Tests;

/// <summary>Reads one server message (an ORF2 frame: header, pixels and trailer; or a JSON text message) and sends actions.</summary>
public static class WireClient
{
    public sealed record Message(FrameHeader? Frame, byte[] Pixels, FrameHeader.Trailer? Trailer, string? Text);

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
        if (result.MessageType == WebSocketMessageType.Text) return new Message(null, [], null, Encoding.UTF8.GetString(buffer, 0, length));
        var message = buffer.AsSpan(0, length);
        var header = FrameHeader.Decode(message);
        var pixels = header.Width * header.Height * header.Channels;
        Assert.Equal(FrameHeader.Size + pixels + header.TrailerBytes, length);
        return new Message(header, message.Slice(FrameHeader.Size, pixels).ToArray(), header.ReadTrailer(message), null);
    }

    public static Task SendText(WebSocket socket, string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>Sends an action in its binary form: little-endian float32 values (a discrete action is its index as one float).</summary>
    public static Task SendFloats(WebSocket socket, ReadOnlySpan<float> values, CancellationToken ct)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return socket.SendAsync(bytes, WebSocketMessageType.Binary, true, ct);
    }

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
