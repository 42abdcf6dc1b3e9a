namespace Orrery.Runtime.Backends;

/// <summary>
/// Where a session begins: maze world and seed (the model takes the first real frames of that episode, under noop,
/// as its context) or, for a model, a start image (HWC uint8 of the backend's spec) in place of those frames.
/// </summary>
public sealed record SessionStart(int World = 0, int Seed = 0, byte[]? StartImage = null);
