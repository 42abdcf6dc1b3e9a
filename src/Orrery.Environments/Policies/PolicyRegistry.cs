using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;

namespace Orrery.Environments.Policies;

/// <summary>The policies by name: `--policy explorer` becomes Create("explorer", env).</summary>
public static class PolicyRegistry
{
    /// <summary>Registered policy names with a one-line description each.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        ("random", "sticky random actions, each held for 2-12 steps"),
        ("explorer", "plans paths to the least-visited tiles and looks around (grid worlds only)"),
        ("scripted", "replays an action list from a file (--script), repeating from the top"),
    ];

    /// <summary>Creates policy <paramref name="name"/> for <paramref name="env"/>; "scripted" needs <paramref name="scriptPath"/>.</summary>
    public static IPolicy Create(string name, IEnvironment env, string? scriptPath = null) =>
        name.ToLowerInvariant() switch
        {
            "random" => new RandomPolicy(env.ActionSpace),
            "explorer" => ExplorerPolicy.For(env),
            "scripted" => scriptPath is null
                ? throw new OrreryException("policy 'scripted' needs a script file (one action per line)")
                : ScriptedPolicy.Load(scriptPath, env.ActionSpace),
            _ => throw new OrreryException($"unknown policy '{name}'; expected one of: {string.Join(", ", All.Select(p => p.Name))}"),
        };
}
