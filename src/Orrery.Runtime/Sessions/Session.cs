using System.Security.Cryptography;
using System.Threading.Channels;
using Orrery.Core.Errors;
using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Runtime.Recording;

namespace Orrery.Runtime.Sessions;

/// <summary>
/// One live world: a simulator state advanced by its own frame clock under the latest action a client sent.
/// Actions are latched per tick: whatever was set last before a tick is what that tick applies (the space's no-op
/// when none); an action outside the space is refused (never clipped) and the latched one stays.
/// The engine thread advances it; any thread may set actions, subscribe, or read its logs.
/// </summary>
public sealed class Session
{
    private readonly object sync = new();
    private readonly List<ActionVector> tickActions = [];
    private readonly List<ActionEvent> changes = [];
    private readonly List<Channel<FramePacket>> subscribers = [];
    private readonly Queue<ActionVector> script;
    private readonly FrameRecording recording;
    private ActionVector latestAction;
    private long frameIndex;
    private long lastActivityTicks;
    private int clients;
    private FramePacket latest;

    internal Session(ISimulator simulator, SessionStart start, SessionOptions options, SimulatorState state, Observation first,
                     long frameIndex = 0, IEnumerable<ActionVector>? history = null, IEnumerable<ActionEvent>? events = null,
                     IEnumerable<ActionVector>? script = null)
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Simulator = simulator;
        Actions = simulator.World.Actions ?? throw new OrreryException($"'{simulator.Name}' takes no actions (action-free video); it cannot run a session");
        latestAction = Actions.Noop;
        Start = start;
        Options = options;
        Fps = options.Fps ?? simulator.World.Fps;
        State = state;
        recording = new FrameRecording(options.RecordingFrames);
        this.frameIndex = frameIndex;
        StartFrameIndex = frameIndex;
        if (history is not null) tickActions.AddRange(history);
        if (events is not null) changes.AddRange(events);
        this.script = new Queue<ActionVector>(script ?? []);
        latest = Packet(frameIndex, ActionVector.Unknown, 0, first);
        recording.Add(frameIndex, first.Frame);
        Touch();
    }

    public string Id { get; }

    /// <summary>What the session runs on: a learned model or a ground-truth environment.</summary>
    public ISimulator Simulator { get; }

    /// <summary>The simulator's action space (a session needs one).</summary>
    public ActionSpace Actions { get; }

    public SessionStart Start { get; }

    public SessionOptions Options { get; }

    public int Fps { get; }

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    /// <summary>The frame index the session began at: 0, or its source's frame for a fork or a restored snapshot.</summary>
    public long StartFrameIndex { get; }

    /// <summary>Index of the latest frame (0 = the first frame, before any step).</summary>
    public long FrameIndex => Interlocked.Read(ref frameIndex);

    /// <summary>The action the next tick will apply unless a newer one arrives first.</summary>
    public ActionVector LatestAction
    {
        get { lock (sync) return latestAction; }
    }

    /// <summary>Ticks this session missed because the engine was late (overload lowers fps instead of queueing).</summary>
    public long SkippedTicks { get; internal set; }

    /// <summary>Time of the last action or client connection, for idle removal.</summary>
    public DateTimeOffset LastActivity => new(Interlocked.Read(ref lastActivityTicks), TimeSpan.Zero);

    /// <summary>Connected clients (WebSockets); a session with none and no actions for a while is idle.</summary>
    public int Clients => Volatile.Read(ref clients);

    /// <summary>True once the engine has removed the session.</summary>
    public bool Closed { get; internal set; }

    /// <summary>Why the engine ended the session, when its simulator failed; null otherwise.</summary>
    public string? Failure { get; internal set; }

    internal SimulatorState State { get; set; }

    /// <summary>Engine-owned: when the next tick is due, in TimeProvider timestamp units.</summary>
    internal long NextDue { get; set; }

    /// <summary>Whether the session steps once per step request rather than on its own clock.</summary>
    public bool IsLockstep => Options.Clock == SessionClock.Lockstep;

    /// <summary>Sets the latched action; one that is not an action of the space is a user error naming the value.</summary>
    public void SetAction(ActionVector action)
    {
        if (IsLockstep)
            throw new ClockConflictException($"session {Id} runs on a lockstep clock: send each action to POST /api/sessions/{Id}/step, which answers with the frame it makes");
        Actions.Validate(action);
        Touch();
        lock (sync)
        {
            if (latestAction == action) return;
            latestAction = action;
            changes.Add(new ActionEvent(FrameIndex, action, Actions is DiscreteActionSpace d ? d.Names[action.Index] : "", DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Sets the latched action from text: a discrete action's name or index, or a box's comma-separated numbers.</summary>
    public void SetAction(string text) => SetAction(Actions.Parse(text));

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
    public IReadOnlyList<ActionVector> TickActions()
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
    internal ActionVector TakeAction()
    {
        lock (sync) return script.Count > 0 ? script.Dequeue() : latestAction;
    }

    /// <summary>Engine thread: records a new frame and hands it to every subscriber without blocking.</summary>
    internal void Advance(ActionVector action, Observation observation, float stepLatencyMs)
    {
        lock (sync)
        {
            var index = Interlocked.Increment(ref frameIndex);
            tickActions.Add(action);
            recording.Add(index, observation.Frame);
            latest = Packet(index, action, stepLatencyMs, observation);
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

    private FramePacket Packet(long index, ActionVector action, float latencyMs, Observation observation)
    {
        var spec = Simulator.World.Observation;
        return new(index, action, (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds, latencyMs,
            spec.Width, spec.Height, spec.Channels, observation.Frame, observation.Streams);
    }
}
