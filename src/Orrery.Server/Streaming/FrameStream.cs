using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Streaming;

/// <summary>
/// One client's WebSocket on a session: frames go out as binary messages (FrameHeader + pixels + trailer) from a bounded
/// DropOldest feed, actions come in as small messages. Bad messages get a JSON {error} text message; the
/// session and the socket live on.
/// </summary>
public static class FrameStream
{
    public static async Task Run(WebSocket socket, Session session, int maxMessageBytes, CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        using var subscription = session.Subscribe();
        using var sendLock = new SemaphoreSlim(1, 1);
        var sender = SendFrames(socket, subscription, sendLock, cts.Token);
        try
        {
            await Receive(socket, session, maxMessageBytes, sendLock, cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // client went away
        }
        finally
        {
            await cts.CancelAsync();
            subscription.Dispose();
            try { await sender; } catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var reason = session.Closed ? session.Failure ?? "session ended" : "bye";
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason.Length > 120 ? reason[..120] : reason, CancellationToken.None); }
            catch (WebSocketException) { }
        }
    }

    private static async Task SendFrames(WebSocket socket, FrameSubscription subscription, SemaphoreSlim sendLock, CancellationToken ct)
    {
        await foreach (var frame in subscription.Reader.ReadAllAsync(ct))
        {
            var trailer = FrameHeader.EncodeTrailer(frame);
            var buffer = ArrayPool<byte>.Shared.Rent(FrameHeader.Size + frame.Pixels.Length + trailer.Length);
            try
            {
                var length = FrameHeader.Encode(frame, trailer, buffer);
                await sendLock.WaitAsync(ct);
                try { await socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Binary, true, ct); }
                finally { sendLock.Release(); }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        // the feed completed: the session was removed; closing the socket ends the receive loop too
        if (socket.State == WebSocketState.Open)
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session ended", CancellationToken.None);
    }

    private static async Task Receive(WebSocket socket, Session session, int maxMessageBytes, SemaphoreSlim sendLock, CancellationToken ct)
    {
        var buffer = new byte[maxMessageBytes];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            var oversized = false;
            ValueWebSocketReceiveResult result;
            do
            {
                // past the limit keep draining into the start of the buffer: the message is refused, not the socket
                var into = oversized || length == buffer.Length ? buffer.AsMemory() : buffer.AsMemory(length);
                result = await socket.ReceiveAsync(into, ct);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (oversized || length + result.Count > buffer.Length || (length == buffer.Length && result.Count > 0))
                    oversized = true;
                else
                    length += result.Count;
            } while (!result.EndOfMessage);

            string? reply;
            try
            {
                if (oversized)
                    throw new OrreryException($"message too large: at most {maxMessageBytes} bytes");
                reply = ClientMessage.Apply(session, buffer.AsSpan(0, length), result.MessageType == WebSocketMessageType.Binary);
            }
            catch (OrreryException e)
            {
                reply = JsonSerializer.Serialize(new { error = e.Message });
            }
            if (reply is null) continue;
            await sendLock.WaitAsync(ct);
            try { await socket.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Text, true, ct); }
            finally { sendLock.Release(); }
        }
    }
}
