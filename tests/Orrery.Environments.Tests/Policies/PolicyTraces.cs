using Orrery.Environments.Maze;
using Orrery.Environments.Policies;

namespace Orrery.Environments.Tests.Policies;

/// <summary>What a policy does in a maze, as a string of action indices (to compare runs for determinism).</summary>
internal static class PolicyTraces
{
    public static string Of(string policyName, int world, int seed, int steps)
    {
        var env = new MazeEnvironment(world);
        var frame = env.Reset(seed);
        var policy = PolicyRegistry.Create(policyName, env);
        policy.Reset(seed);
        return string.Concat(Enumerable.Range(0, steps).Select(i =>
        {
            var action = policy.Act(frame, i);
            frame = env.Step(action).Observation;
            return action.Index;
        }));
    }
}
