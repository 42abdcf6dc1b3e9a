namespace Orrery.Runtime.Backends;

/// <summary>What Begin returns: the new state and the frame a client sees first (HWC uint8).</summary>
public sealed record BackendStart(BackendState State, byte[] FirstFrame);
