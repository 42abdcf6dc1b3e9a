using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>Records real episodes: the policy acts on the real observations, and the environment answers.</summary>
public static class GroundTruth
{
    /// <summary>Observations 0..frames-1 of one episode and the actions that produced them (actions[0] is unknown).</summary>
    public static (List<Observation> Observations, List<ActionVector> Actions) Record(IEnvironment env, IPolicy policy, int seed, int frames)
    {
        var truth = new List<Observation>(frames);
        var actions = new List<ActionVector>(frames);
        Walk(env, policy, seed, frames, (_, observation, action) =>
        {
            truth.Add(observation);
            actions.Add(action);
        });
        return (truth, actions);
    }

    /// <summary>Plays one episode of <paramref name="frames"/> frames, showing each (t, observation t, its action) and keeping nothing.</summary>
    public static void Walk(IEnvironment env, IPolicy policy, int seed, int frames, Action<int, Observation, ActionVector> visit)
    {
        policy.Reset(seed);
        var last = env.Reset(seed);
        visit(0, last, ActionVector.Unknown);
        for (var t = 1; t < frames; t++)
        {
            var action = policy.Act(last, t - 1);
            last = env.Step(action).Observation;
            visit(t, last, action);
        }
    }
}
