namespace Orrery.Runtime.Sessions;

/// <summary>
/// Where a session begins: world and seed of an episode of the simulator's own environment (its first frames under
/// the no-op are the context, made by the engine's <see cref="Core.Simulation.IContextSource"/>) or, for a model, a
/// start image (HWC uint8 of the model's frame shape) in place of those frames.
/// </summary>
public sealed record SessionStart(int World = 0, int Seed = 0, byte[]? StartImage = null);
