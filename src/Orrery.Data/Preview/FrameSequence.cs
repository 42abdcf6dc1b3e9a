namespace Orrery.Data.Preview;

/// <summary>Frames of one size, each (H,W,C) uint8, as the preview writers take them.</summary>
public sealed record FrameSequence(IReadOnlyList<byte[]> Frames, int Height, int Width, int Channels);
