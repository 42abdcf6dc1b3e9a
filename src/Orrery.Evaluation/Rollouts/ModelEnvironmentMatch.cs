using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Checks that a simulator's world can be run against an environment's: same frames and the same action space. It
/// compares specs only, so a check need not create the environment (`EnvironmentRegistry.Spec`).
/// </summary>
public static class ModelEnvironmentMatch
{
    /// <summary>Throws one line naming <paramref name="what"/> (a model folder) when <paramref name="world"/> does not fit environment <paramref name="env"/>.</summary>
    public static void Check(WorldSpec world, WorldSpec env, string what)
    {
        if (world.Observation != env.Observation)
            throw new OrreryException($"{what}: the model sees {world.Observation} frames but environment '{env.Environment}' renders {env.Observation}");
        if (!Equals(world.Actions, env.Actions))
            throw new OrreryException($"{what}: the model's actions ({Describe(world.Actions)}) differ from '{env.Environment}''s ({Describe(env.Actions)})");
    }

    private static string Describe(ActionSpace? space) => space switch
    {
        null => "none",
        DiscreteActionSpace d => $"{string.Join(", ", d.Names)}; no-op {d.NoopName}",
        _ => $"box of {space.Dimensions}: {string.Join(", ", space.Names)}",
    };
}
