namespace Orrery.Core.Spaces;

/// <summary>Shape of one observation frame: uint8, row-major HWC.</summary>
public sealed record ObservationSpec(int Height, int Width, int Channels)
{
    /// <summary>Bytes in one frame.</summary>
    public int FrameBytes => Height * Width * Channels;

    public override string ToString() => $"{Height}x{Width}x{Channels}";
}
