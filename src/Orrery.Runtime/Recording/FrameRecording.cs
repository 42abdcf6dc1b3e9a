namespace Orrery.Runtime.Recording;

/// <summary>A bounded ring of the latest frames of a session, so that a recording never grows without limit.</summary>
public sealed class FrameRecording
{
    private readonly (long Index, byte[] Pixels)[] ring;
    private long written;

    public FrameRecording(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ring = new (long, byte[])[capacity];
    }

    public int Capacity => ring.Length;

    /// <summary>Frames currently held (at most Capacity).</summary>
    public int Count => (int)Math.Min(written, ring.Length);

    /// <summary>Frames ever added, including those the ring has dropped.</summary>
    public long Total => written;

    public void Add(long frameIndex, byte[] pixels)
    {
        ring[written % ring.Length] = (frameIndex, pixels);
        written++;
    }

    /// <summary>The held frames, oldest first.</summary>
    public IReadOnlyList<(long Index, byte[] Pixels)> Frames()
    {
        var count = Count;
        var result = new (long, byte[])[count];
        var first = written - count;
        for (var i = 0; i < count; i++) result[i] = ring[(first + i) % ring.Length];
        return result;
    }
}
