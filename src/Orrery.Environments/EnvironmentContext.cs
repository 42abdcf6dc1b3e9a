using System.Globalization;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Environments;

/// <summary>
/// The context a session begins from, taken from the registered ground-truth environments: the first frames of
/// episode (world, seed) under the no-op, with that episode as their origin so the ground truth can replay them too.
/// </summary>
public sealed class EnvironmentContext : IContextSource
{
    /// <summary>
    /// Resets environment <paramref name="environment"/> of world <paramref name="world"/> with <paramref name="seed"/> and
    /// steps it frames - 1 times with the no-op; the resolution is parameters["resolution"] ("64" or "64x64") when present,
    /// else the environment's default.
    /// </summary>
    public SimulatorStart Context(string environment, IReadOnlyDictionary<string, string> parameters, int world, int seed, int frames)
    {
        if (frames < 1) throw new OrreryException($"context of {frames} frames: expected at least 1");
        var env = EnvironmentRegistry.Create(environment, world, parameters.TryGetValue("resolution", out var text) ? Resolution(text) : null);
        using var owned = env as IDisposable;
        var noop = env.Spec.Actions?.Noop ?? throw new OrreryException($"environment '{env.Name}' takes no actions; it has no no-op to wait with");
        var observations = new List<Observation> { env.Reset(seed) };
        var actions = new List<ActionVector> { ActionVector.Unknown };
        while (observations.Count < frames)
        {
            observations.Add(env.Step(noop).Observation);
            actions.Add(noop);
        }
        return new SimulatorStart(observations, actions, seed, new EpisodeOrigin(world, seed));
    }

    // datasets record the resolution as HxW ("64x64"), environments as the side ("64"); frames are square either way
    private static int Resolution(string text)
    {
        var sides = text.Split('x');
        return sides.Length <= 2 && int.TryParse(sides[0], NumberStyles.None, CultureInfo.InvariantCulture, out var side) && sides[^1] == sides[0]
            ? side
            : throw new OrreryException($"parameter resolution '{text}': expected a square side such as 64 or 64x64");
    }
}
