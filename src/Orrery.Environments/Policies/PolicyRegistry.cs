using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Environments.Push;

namespace Orrery.Environments.Policies;

/// <summary>The policies by name: `--policy explorer` becomes Create("explorer", env).</summary>
public static class PolicyRegistry
{
    /// <summary>Noise of push's expert-noisy, in half-widths of the box (about 3.3 cm of target).</summary>
    public const double PushNoise = 0.15;

    /// <summary>Delay of push's expert-delayed, in frames (half a second).</summary>
    public const int PushDelay = 12;

    /// <summary>Registered policy names with a one-line description each.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        ("random", "discrete: sticky random actions, each held for 2-12 steps; box: smoothly drifting noise, clipped into the box"),
        ("explorer", "plans paths to the least-visited tiles and looks around (grid worlds only)"),
        ("expert", "solves the task: reach, inverse kinematics and PD control toward the target; push, goes behind the block and pushes it onto the goal"),
        ("expert-noisy", $"the push expert with uniform noise of {PushNoise} half-widths on every action (push only)"),
        ("expert-delayed", $"the push expert acting on the frame of {PushDelay} frames ago (push only)"),
        ("expert-weak", "the push expert that brings the block's centre to the goal but never aims at its angle (push only)"),
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
            "expert" => PushExpertPolicy.Fits(env) ? PushExpertPolicy.Expert() : ReachExpertPolicy.For(env),
            "expert-noisy" => PushOnly(env, new NoisyPolicy("expert-noisy", PushExpertPolicy.Expert(), PushEnvironment.Actions, PushNoise)),
            "expert-delayed" => PushOnly(env, new DelayedPolicy("expert-delayed", PushExpertPolicy.Expert(), PushDelay)),
            "expert-weak" => PushOnly(env, PushExpertPolicy.Weak()),
            "scripted" => scriptPath is null
                ? throw new OrreryException("policy 'scripted' needs a script file (one action per line)")
                : ScriptedPolicy.Load(scriptPath, env.Spec.Actions ?? throw new OrreryException($"environment '{env.Name}' takes no actions")),
            _ => throw new OrreryException($"unknown policy '{name}'; expected one of: {string.Join(", ", All.Select(p => p.Name))}"),
        };

    // The graded variants are tuned on push's expert; other tasks get their own when their experts are graded.
    private static IPolicy PushOnly(IEnvironment env, IPolicy policy) =>
        PushExpertPolicy.Fits(env)
            ? policy
            : throw new OrreryException($"policy '{policy.Name}' exists for: {PushEnvironment.EnvironmentName}; environment '{env.Name}' has none (use 'random' or 'expert')");
}
