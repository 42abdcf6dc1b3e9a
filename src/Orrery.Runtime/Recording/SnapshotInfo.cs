namespace Orrery.Runtime.Recording;

/// <summary>What writing a snapshot produced: the file, its size and the frame it captured.</summary>
public sealed record SnapshotInfo(string Path, long Bytes, long FrameIndex, string Sha256);
