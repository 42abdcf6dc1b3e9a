namespace Orrery.Runtime.Tests;

/// <summary>A clock the test moves by hand, so scheduling is tested by counts, never by wall time.</summary>
public sealed class ManualTime : TimeProvider
{
    private long now = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => now;

    /// <summary>Moves the clock by whole frame periods at the given rate.</summary>
    public void AdvanceFrames(double frames, int fps = 24) => now += (long)Math.Ceiling(frames * TimestampFrequency / fps);
}
