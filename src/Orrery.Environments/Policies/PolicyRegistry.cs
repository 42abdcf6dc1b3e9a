using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>The policies by name: `--policy explorer` becomes Create("explorer", env).</summary>
public static class PolicyRegistry
{
    /// <summary>Registered policy names with a one-line description each.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        ("random", "discrete: sticky random actions, each held for 2-12 steps; box: smoothly drifting noise, clipped into the box"),
        ("explorer", "plans paths to the least-visited tiles and looks around (grid worlds only)"),
        ("expert", "solves the task: inverse kinematics and PD control toward the target (reach only)"),
        ("scripted", "replays an action list from a file (--script), repeating from the top"),
    ];

    /// <summary>Creates policy <paramref name="name"/> for <paramref name="env"/>; "scripted" needs <paramref name="scriptPath"/>.</summary>
    public static IPolicy Create(string name, IEnvironment env, string? scriptPath = null) =>
        name.ToLowerInvariant() switch
        {
            "random" => env.Spec.Actions switch
            {
                DiscreteActionSpace discrete => new RandomPolicy(discrete),
                BoxActionSpace box => new SmoothRandomPolicy(box),
                _ => throw new OrreryException($"policy 'random': environment '{env.Name}' takes no actions"),
            },
            "explorer" => ExplorerPolicy.For(env),
            "expert" => ReachExpertPolicy.For(env),
            "scripted" => scriptPath is null
                ? throw new OrreryException("policy 'scripted' needs a script file (one action per line)")
                : ScriptedPolicy.Load(scriptPath, env.Spec.Actions ?? throw new OrreryException($"environment '{env.Name}' takes no actions")),
            _ => throw new OrreryException($"unknown policy '{name}'; expected one of: {string.Join(", ", All.Select(p => p.Name))}"),
        };
}
