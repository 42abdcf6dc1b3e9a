using Orrery.Core.Simulation;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Runs a simulator along recorded episodes: the first C real observations as context, then the recorded actions, all
/// episodes batched into one Step call per frame. Gives the same observations as <see cref="LockstepRollout"/>, since
/// the policy only ever sees real ones.
/// </summary>
public static class Replay
{
    /// <summary>
    /// Generated observations per episode (context copied from the truth); every episode must have the same length. Each
    /// start names its episode (world, seed), so the ground truth itself can be replayed as a simulator.
    /// </summary>
    public static IReadOnlyList<Rollout> Run(ISimulator simulator, IReadOnlyList<Rollout> recorded, long modelSeed, Action<int>? progress = null)
    {
        if (recorded.Count == 0) return [];
        var length = recorded[0].Length;
        var context = recorded[0].Context;
        if (recorded.Any(r => r.Length != length || r.Context != context))
            throw new ArgumentException("replayed episodes must share length and context", nameof(recorded));
        var states = recorded.Select((r, e) => simulator.Begin(new SimulatorStart(r.Truth.Take(context).ToArray(), r.Actions.Take(context).ToArray(), modelSeed + e,
                                                                                      new EpisodeOrigin(r.World, r.Seed))))
                             .ToArray();
        var generated = recorded.Select(r => r.Truth.Take(context).ToList()).ToArray();
        try
        {
            for (var t = context; t < length; t++)
            {
                var observations = simulator.Step(states, recorded.Select(r => r.Actions[t]).ToArray());
                for (var e = 0; e < recorded.Count; e++) generated[e].Add(observations[e]);
                progress?.Invoke(t - context + 1);
            }
        }
        finally
        {
            foreach (var s in states) s.Dispose();
        }
        return recorded.Select((r, e) => r with { Generated = generated[e] }).ToArray();
    }
}
