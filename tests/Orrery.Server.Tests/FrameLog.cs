using System.Net.WebSockets;
using Orrery.Core.IO;

namespace Orrery.Server.Tests;

/// <summary>One WebSocket client of a session that logs every frame (index, server time, pixel hash) and every text message until disposed.</summary>
public sealed class FrameLog : IAsyncDisposable
{
    /// <summary>One received frame: its index, the server's Unix ms when it was made, and the SHA-256 of its pixels.</summary>
    public sealed record Frame(long Index, double ServerMs, string Sha256);

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
                        if (m.Frame is { } f) frames.Add(new Frame(f.FrameIndex, f.ServerUnixMs, Checksums.Sha256(m.Pixels)));
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
    public async Task WaitForFrame(long index, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (Frames is not [.., var last] || last.Index < index)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no frame {index} within {bound.TotalSeconds} s (last: {(Frames is [.., var l] ? l.Index : -1)})");
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
