using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>Checks that a simulator's world can be run against an environment: same frames and the same action space.</summary>
public static class ModelEnvironmentMatch
{
    /// <summary>Throws one line naming <paramref name="what"/> (a model folder) when <paramref name="world"/> does not fit <paramref name="env"/>.</summary>
    public static void Check(WorldSpec world, IEnvironment env, string what)
    {
        if (world.Observation != env.Spec.Observation)
            throw new OrreryException($"{what}: the model sees {world.Observation} frames but environment '{env.Name}' renders {env.Spec.Observation}");
        if (!Equals(world.Actions, env.Spec.Actions))
            throw new OrreryException($"{what}: the model's actions ({Describe(world.Actions)}) differ from '{env.Name}''s ({Describe(env.Spec.Actions)})");
    }

    private static string Describe(ActionSpace? space) => space switch
    {
        null => "none",
        DiscreteActionSpace d => $"{string.Join(", ", d.Names)}; no-op {d.NoopName}",
        _ => $"box of {space.Dimensions}: {string.Join(", ", space.Names)}",
    };
}
