namespace Orrery.Runtime.Recording;

/// <summary>A snapshot file read into memory: its header, and the bytes after it (the latest frame, then the backend's state).</summary>
public sealed record SnapshotFile(string Path, SnapshotHeader Header, byte[] Body);
