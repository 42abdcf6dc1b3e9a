using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Environments.Policies;
using Orrery.Model.Policies;

namespace Orrery.Cli.Commands;

/// <summary>
/// A --policy value: a registered policy, or a learned one: "bc" (the shipped behaviour-cloned policy of the
/// environment, policies/ENV-bc) or "bc:FOLDER" (any folder `orrery train-policy` wrote).
/// </summary>
public static class PolicyChoice
{
    public const string LearnedPrefix = "bc";

    public static string Description => $"{string.Join(", ", PolicyRegistry.All.Select(p => p.Name))}, bc (the shipped learned policy, policies/ENV-bc) or bc:FOLDER";

    public static IPolicy Create(string name, IEnvironment env, string? scriptPath = null)
    {
        if (name == LearnedPrefix) return LearnedPolicy.Load(Path.Combine("policies", $"{env.Name}-bc"), name).For(env);
        if (name.StartsWith(LearnedPrefix + ":", StringComparison.Ordinal)) return LearnedPolicy.Load(name[(LearnedPrefix.Length + 1)..], name).For(env);
        return PolicyRegistry.Create(name, env, scriptPath);
    }
}
