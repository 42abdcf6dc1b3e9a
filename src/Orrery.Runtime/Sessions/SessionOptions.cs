namespace Orrery.Runtime.Sessions;

/// <summary>Per-session settings.</summary>
public sealed record SessionOptions
{
    /// <summary>Real time (default: its own frame clock) or lockstep (one frame per step request).</summary>
    public SessionClock Clock { get; init; } = SessionClock.RealTime;

    /// <summary>Frame clock of a real-time session; null means the simulator's world's own rate.</summary>
    public int? Fps { get; init; }

    /// <summary>Frames kept for the recording (a ring: the latest ones win); 720 = 30 s at 24 fps, about 9 MB at 64x64.</summary>
    public int RecordingFrames { get; init; } = 720;

    /// <summary>Frames buffered per subscriber; a slow reader loses the oldest instead of growing a queue.</summary>
    public int SubscriberBuffer { get; init; } = 4;
}
