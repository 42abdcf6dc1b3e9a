using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Environments.Push;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Policies;

/// <summary>The policies by name: `--policy explorer` becomes Create("explorer", env).</summary>
public static class PolicyRegistry
{
    /// <summary>How a task's expert is made worse: noise on every action, a stale view, and a weak variant.</summary>
    public sealed record Grading(double Noise, int Delay, Func<IPolicy> Expert, Func<IPolicy> Weak);

    /// <summary>Push's grades: noise of 0.15 half-widths of the box (about 3.3 cm of target), half a second of delay.</summary>
    public static Grading Push { get; } = new(0.15, 12, PushExpertPolicy.Expert, PushExpertPolicy.Weak);

    /// <summary>Reach's grades: noise of 1.5 half-widths of torque (clipped into the box), half a second of delay.</summary>
    public static Grading Reach { get; } = new(1.5, 12, ReachExpertPolicy.Expert, ReachExpertPolicy.Weak);

    /// <summary>Registered policy names with a one-line description each.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        ("random", "discrete: sticky random actions, each held for 2-12 steps; box: smoothly drifting noise, clipped into the box"),
        ("explorer", "plans paths to the least-visited tiles and looks around (grid worlds only)"),
        ("returner", "leaves a view and comes back to it after up to 4 s: turns away and back, or walks out and back (grid worlds only)"),
        ("expert", "solves the task: reach, inverse kinematics and PD control toward the target; push, goes behind the block and pushes it onto the goal"),
        ("expert-noisy", $"the expert with uniform noise on every action: {Push.Noise} half-widths on push, {Reach.Noise} on reach"),
        ("expert-delayed", $"the expert acting on an old frame: {Push.Delay} frames ago on push, {Reach.Delay} on reach"),
        ("expert-weak", "push: the expert that brings the block's centre to the goal but never aims at its angle; reach: the expert with a soft grip"),
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
            "returner" => ReturnerPolicy.For(env),
            "expert" => PushExpertPolicy.Fits(env) ? PushExpertPolicy.Expert() : ReachExpertPolicy.For(env),
            "expert-noisy" => new NoisyPolicy("expert-noisy", GradingOf(env, name).Expert(), (BoxActionSpace)env.Spec.Actions!, GradingOf(env, name).Noise),
            "expert-delayed" => new DelayedPolicy("expert-delayed", GradingOf(env, name).Expert(), GradingOf(env, name).Delay),
            "expert-weak" => GradingOf(env, name).Weak(),
            "scripted" => scriptPath is null
                ? throw new OrreryException("policy 'scripted' needs a script file (one action per line)")
                : ScriptedPolicy.Load(scriptPath, env.Spec.Actions ?? throw new OrreryException($"environment '{env.Name}' takes no actions")),
            _ => throw new OrreryException($"unknown policy '{name}'; expected one of: {string.Join(", ", All.Select(p => p.Name))}"),
        };

    /// <summary>Whether <see cref="Create"/> makes policy <paramref name="name"/> for <paramref name="env"/> ("scripted" given a script), without making it.</summary>
    public static bool Fits(string name, IEnvironment env) =>
        name.ToLowerInvariant() switch
        {
            "random" => env.Spec.Actions is DiscreteActionSpace or BoxActionSpace,
            "explorer" or "returner" => ExplorerPolicy.Fits(env),
            "expert" or "expert-noisy" or "expert-delayed" or "expert-weak" => PushExpertPolicy.Fits(env) || ReachExpertPolicy.Fits(env),
            "scripted" => env.Spec.Actions is not null,
            _ => false,
        };

    /// <summary>The grades of <paramref name="env"/>'s expert; only tasks with an expert have them.</summary>
    public static Grading GradingOf(IEnvironment env, string policy) =>
        PushExpertPolicy.Fits(env) ? Push
        : ReachExpertPolicy.Fits(env) ? Reach
        : throw new OrreryException($"policy '{policy}' exists for: {PushEnvironment.EnvironmentName}, {ReachEnvironment.EnvironmentName}; environment '{env.Name}' has none (use 'random', 'explorer' or 'scripted')");
}
