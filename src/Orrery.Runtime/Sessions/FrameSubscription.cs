using System.Threading.Channels;

namespace Orrery.Runtime.Sessions;

/// <summary>A subscriber's bounded frame feed; disposing it unsubscribes.</summary>
public sealed class FrameSubscription(ChannelReader<FramePacket> reader, Action unsubscribe) : IDisposable
{
    private int disposed;

    public ChannelReader<FramePacket> Reader { get; } = reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) unsubscribe();
    }
}
