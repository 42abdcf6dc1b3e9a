using System.Security.Cryptography;
using System.Threading.Channels;
using Orrery.Core.Errors;
using Orrery.Runtime.Backends;
using Orrery.Runtime.Recording;

namespace Orrery.Runtime.Sessions;

/// <summary>
/// One live world: a backend state advanced by its own frame clock under the latest action a client sent.
/// Actions are latched per tick: whatever was set last before a tick is what that tick applies (noop when none).
/// The engine thread advances it; any thread may set actions, subscribe, or read its logs.
/// </summary>
public sealed class Session
{
    private readonly object sync = new();
    private readonly List<int> tickActions = [];
    private readonly List<ActionEvent> changes = [];
    private readonly List<Channel<FramePacket>> subscribers = [];
    private readonly Queue<int> script;
    private readonly FrameRecording recording;
    private volatile int latestAction;
    private long frameIndex;
    private long lastActivityTicks;
    private int clients;
    private FramePacket latest;

    internal Session(IWorldBackend backend, SessionStart start, SessionOptions options, BackendStart begun,
                     long frameIndex = 0, IEnumerable<int>? history = null, IEnumerable<ActionEvent>? events = null,
                     IEnumerable<int>? script = null)
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Backend = backend;
        Start = start;
        Options = options;
        Fps = options.Fps ?? backend.Fps;
        State = begun.State;
        recording = new FrameRecording(options.RecordingFrames);
        this.frameIndex = frameIndex;
        StartFrameIndex = frameIndex;
        if (history is not null) tickActions.AddRange(history);
        if (events is not null) changes.AddRange(events);
        this.script = new Queue<int>(script ?? []);
        latest = Packet(frameIndex, 0, 0, begun.FirstFrame);
        recording.Add(frameIndex, begun.FirstFrame);
        Touch();
    }

    public string Id { get; }

    public IWorldBackend Backend { get; }

    public SessionStart Start { get; }

    public SessionOptions Options { get; }

    public int Fps { get; }

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    /// <summary>The frame index the session began at: 0, or its source's frame for a fork or a restored snapshot.</summary>
    public long StartFrameIndex { get; }

    /// <summary>Index of the latest frame (0 = the first frame, before any step).</summary>
    public long FrameIndex => Interlocked.Read(ref frameIndex);

    /// <summary>The action the next tick will apply unless a newer one arrives first.</summary>
    public int LatestAction => latestAction;

    /// <summary>Ticks this session missed because the engine was late (overload lowers fps instead of queueing).</summary>
    public long SkippedTicks { get; internal set; }

    /// <summary>Time of the last action or client connection, for idle removal.</summary>
    public DateTimeOffset LastActivity => new(Interlocked.Read(ref lastActivityTicks), TimeSpan.Zero);

    /// <summary>Connected clients (WebSockets); a session with none and no actions for a while is idle.</summary>
    public int Clients => Volatile.Read(ref clients);

    /// <summary>True once the engine has removed the session.</summary>
    public bool Closed { get; internal set; }

    /// <summary>Why the engine ended the session, when its backend failed; null otherwise.</summary>
    public string? Failure { get; internal set; }

    internal BackendState State { get; set; }

    /// <summary>Engine-owned: when the next tick is due, in TimeProvider timestamp units.</summary>
    internal long NextDue { get; set; }

    /// <summary>Sets the latched action by index; out of range is a user error naming the valid ones.</summary>
    public void SetAction(int action)
    {
        if (action < 0 || action >= Backend.ActionNames.Count)
            throw new OrreryException($"unknown action {action}; expected 0..{Backend.ActionNames.Count - 1} ({string.Join(", ", Backend.ActionNames)})");
        Touch();
        if (latestAction == action) return;
        latestAction = action;
        lock (sync) changes.Add(new ActionEvent(FrameIndex, action, Backend.ActionNames[action], DateTimeOffset.UtcNow));
    }

    /// <summary>Sets the latched action by name (case-insensitive).</summary>
    public void SetAction(string name)
    {
        for (var i = 0; i < Backend.ActionNames.Count; i++)
            if (string.Equals(Backend.ActionNames[i], name, StringComparison.OrdinalIgnoreCase))
            {
                SetAction(i);
                return;
            }
        throw new OrreryException($"unknown action '{name}'; expected one of: {string.Join(", ", Backend.ActionNames)}");
    }

    /// <summary>
    /// A bounded frame feed (DropOldest): a slow reader loses old frames, never grows a queue. Starts with the latest frame.
    /// Dispose the returned subscription to stop.
    /// </summary>
    public FrameSubscription Subscribe(int? capacity = null)
    {
        var channel = Channel.CreateBounded<FramePacket>(new BoundedChannelOptions(capacity ?? Options.SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        lock (sync)
        {
            subscribers.Add(channel);
            channel.Writer.TryWrite(latest);
        }
        Interlocked.Increment(ref clients);
        Touch();
        return new FrameSubscription(channel.Reader, () =>
        {
            lock (sync)
                if (subscribers.Remove(channel)) Interlocked.Decrement(ref clients);
            channel.Writer.TryComplete();
        });
    }

    /// <summary>The latest published frame.</summary>
    public FramePacket Latest
    {
        get { lock (sync) return latest; }
    }

    /// <summary>The action applied at every tick so far (entry t produced frame t + 1): with Start, all a replay needs.</summary>
    public IReadOnlyList<int> TickActions()
    {
        lock (sync) return tickActions.ToArray();
    }

    /// <summary>When and to what the latched action changed.</summary>
    public IReadOnlyList<ActionEvent> ActionEvents()
    {
        lock (sync) return changes.ToArray();
    }

    /// <summary>The recorded frames (the latest RecordingFrames of them), oldest first.</summary>
    public IReadOnlyList<(long Index, byte[] Pixels)> RecordedFrames()
    {
        lock (sync) return recording.Frames();
    }

    /// <summary>Scripted actions still to apply (a replay), ahead of the latched action.</summary>
    public int ScriptRemaining
    {
        get { lock (sync) return script.Count; }
    }

    internal void Touch() => Interlocked.Exchange(ref lastActivityTicks, DateTimeOffset.UtcNow.UtcTicks);

    /// <summary>Engine thread: the action this tick applies (a replay's script first, then the latched one).</summary>
    internal int TakeAction()
    {
        lock (sync) return script.Count > 0 ? script.Dequeue() : latestAction;
    }

    /// <summary>Engine thread: records a new frame and hands it to every subscriber without blocking.</summary>
    internal void Advance(int action, byte[] frame, float stepLatencyMs)
    {
        lock (sync)
        {
            var index = Interlocked.Increment(ref frameIndex);
            tickActions.Add(action);
            recording.Add(index, frame);
            latest = Packet(index, action, stepLatencyMs, frame);
            foreach (var s in subscribers) s.Writer.TryWrite(latest);
        }
    }

    internal void Close()
    {
        Closed = true;
        lock (sync)
        {
            foreach (var s in subscribers) s.Writer.TryComplete();
            subscribers.Clear();
        }
        State.Dispose();
    }

    private FramePacket Packet(long index, int action, float latencyMs, byte[] frame) =>
        new(index, action, (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds, latencyMs,
            Backend.Spec.Width, Backend.Spec.Height, Backend.Spec.Channels, frame);
}
