using Orrery.Core.Environments;
using Orrery.Core.Policies;

namespace Orrery.Evaluation.Rollouts;

/// <summary>Records real episodes: the policy acts on the real frames, and the environment answers.</summary>
public static class GroundTruth
{
    /// <summary>Frames 0..frames-1 of one episode and the actions that produced them (actions[0] = -1).</summary>
    public static (List<byte[]> Frames, List<int> Actions) Record(IEnvironment env, IPolicy policy, int seed, int frames)
    {
        policy.Reset(seed);
        var last = env.Reset(seed);
        var truth = new List<byte[]>(frames) { last };
        var actions = new List<int>(frames) { -1 };
        for (var t = 1; t < frames; t++)
        {
            var action = policy.Act(last, t - 1);
            last = env.Step(action).Observation;
            truth.Add(last);
            actions.Add(action);
        }
        return (truth, actions);
    }
}
