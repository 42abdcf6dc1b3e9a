namespace Orrery.Core.Simulation;

/// <summary>
/// Makes the context a session of a simulator begins from: the first frames of a real episode of the world the
/// simulator was trained on, under the no-op. The runtime is given one; it never names a world itself.
/// </summary>
public interface IContextSource
{
    /// <summary>The first <paramref name="frames"/> observations of episode (world, seed) under the no-op, with their origin.</summary>
    SimulatorStart Context(string environment, IReadOnlyDictionary<string, string> parameters, int world, int seed, int frames);
}
