using System.Net.WebSockets;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Server.Tests;

/// <summary>One WebSocket client of a session that logs every frame (index, server time, pixel hash, trailer) and every text message until disposed.</summary>
public sealed class FrameLog : IAsyncDisposable
{
    /// <summary>One received frame: its index, the server's Unix ms when it was made, the SHA-256 of its pixels, and its trailer's action and streams.</summary>
    public sealed record Frame(long Index, double ServerMs, string Sha256, ActionVector Action, StreamValues Streams);

    private readonly List<Frame> frames = [];
    private readonly List<string> texts = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiving;

    private FrameLog(ClientWebSocket socket)
    {
        Socket = socket;
        receiving = Task.Run(async () =>
        {
            try
            {
                while (await WireClient.Receive(socket, stop.Token) is { } m)
                    lock (frames)
                        if (m.Frame is { } f) frames.Add(new Frame(f.FrameIndex, f.ServerUnixMs, Checksums.Sha256(m.Pixels), m.Trailer!.Action, m.Trailer.Streams));
                        else texts.Add(m.Text!);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException && stop.IsCancellationRequested) { }   // cancelling a receive aborts the socket
        });
    }

    public ClientWebSocket Socket { get; }

    public static async Task<FrameLog> Start(RunningServer server, string sessionId) => new(await server.Connect(sessionId));

    public IReadOnlyList<Frame> Frames
    {
        get { lock (frames) return frames.ToArray(); }
    }

    public IReadOnlyList<string> Texts
    {
        get { lock (frames) return texts.ToArray(); }
    }

    /// <summary>Frames per second the session made between two server times, from the indices and times of the frames received.</summary>
    public double Rate(double fromMs, double toMs)
    {
        var inside = Frames.Where(f => f.ServerMs >= fromMs && f.ServerMs <= toMs).ToArray();
        return inside.Length < 2 ? 0 : (inside[^1].Index - inside[0].Index) / ((inside[^1].ServerMs - inside[0].ServerMs) / 1000);
    }

    /// <summary>Waits (bounded) until a frame with at least this index has arrived.</summary>
    public Task<Frame> WaitForFrame(long index, TimeSpan bound) => WaitFor(f => f.Index >= index, $"frame {index}", bound);

    /// <summary>Waits (bounded) for the first frame made under <paramref name="action"/>.</summary>
    public Task<Frame> WaitForAction(ActionVector action, TimeSpan bound) => WaitFor(f => f.Action == action, $"frame made under action {action}", bound);

    /// <summary>Waits (bounded) until the client has received this many text messages; returns the last of them.</summary>
    public async Task<string> WaitForText(int count, TimeSpan bound)
    {
        await Until(() => Texts.Count >= count, () => $"no text message {count} within {bound.TotalSeconds} s (received {Texts.Count})", bound);
        return Texts[count - 1];
    }

    /// <summary>Waits (bounded) for the first frame that <paramref name="seen"/> accepts; <paramref name="what"/> names it in the failure.</summary>
    public async Task<Frame> WaitFor(Func<Frame, bool> seen, string what, TimeSpan bound)
    {
        await Until(() => Frames.Any(seen), () => $"no {what} within {bound.TotalSeconds} s (last: {(Frames is [.., var l] ? l.Index : -1)})", bound);
        return Frames.First(seen);
    }

    private static async Task Until(Func<bool> done, Func<string> failure, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await receiving;
        Socket.Dispose();
        stop.Dispose();
    }
}
