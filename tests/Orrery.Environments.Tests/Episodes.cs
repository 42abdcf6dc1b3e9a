using System.Runtime.InteropServices;
using Orrery.Core.Environments;
using Orrery.Core.IO;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Tests;

/// <summary>Episodes stepped directly on a registered environment, reproducible action walks, and hashes of observations.</summary>
internal static class Episodes
{
    /// <summary>Every registered environment, for theories that hold for each of them.</summary>
    public static TheoryData<string> Environments => new(EnvironmentRegistry.All.Select(i => i.Name));

    /// <summary>The maze layout the simulator tests play (reach ignores the world).</summary>
    public const int World = 2;

    /// <summary>
    /// A reproducible walk through the environment's space: any discrete action, or any point of the box (floats with
    /// no short decimal form, so a save must keep every bit).
    /// </summary>
    public static ActionVector[] Walk(string environment, int seed, int count)
    {
        var space = EnvironmentRegistry.Spec(environment).Actions!;
        var rng = new SplitMix64((ulong)seed);
        return Enumerable.Range(0, count).Select(_ => space switch
        {
            DiscreteActionSpace discrete => ActionVector.Discrete(rng.NextInt(discrete.Count)),
            BoxActionSpace box => ActionVector.Continuous(box.Low.Select((low, i) => (float)(low + rng.NextDouble() * (box.High[i] - low))).ToArray()),
            _ => throw new NotSupportedException(space.Kind.ToString()),
        }).ToArray();
    }

    /// <summary>What the environment itself shows: Reset(seed), then one observation per action.</summary>
    public static Observation[] Direct(string environment, int seed, IEnumerable<ActionVector> actions, int resolution = 64)
    {
        var env = EnvironmentRegistry.Create(environment, World, resolution);
        using var owned = env as IDisposable;
        return [env.Reset(seed), .. actions.Select(a => env.Step(a).Observation)];
    }

    /// <summary>Steps one state through the actions, one Step call each.</summary>
    public static Observation[] Run(ISimulator simulator, SimulatorState state, IEnumerable<ActionVector> actions) =>
        actions.Select(a => simulator.Step([state], [a])[0]).ToArray();

    /// <summary>SHA-256 of every frame and every stream value (streams in name order).</summary>
    public static string Hash(IEnumerable<Observation> observations)
    {
        var bytes = new List<byte>();
        foreach (var observation in observations)
        {
            bytes.AddRange(observation.Frame);
            foreach (var (_, values) in observation.Streams.OrderBy(s => s.Key, StringComparer.Ordinal))
                bytes.AddRange(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        }
        return Checksums.Sha256(bytes.ToArray());
    }
}
